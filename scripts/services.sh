# Background services that `npm start` runs after the Temporal dev server, and `npm stop` stops (in reverse).
# Add a line per service: "name|command|ready pattern". The command runs from the repository root with
# the project's environment; its output goes to $DATA_DIR/logs/<name>.log and its pid to $DATA_DIR/run/<name>.pid.
# `npm start` waits (up to 120 s) until the log contains the ready pattern; leave it empty not to wait.
# shellcheck disable=SC2034
services=(
  "worker|node --import tsx worker/main.ts|worker running"
  "http|node --import tsx http/main.ts|http server listening"
)
