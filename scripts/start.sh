#!/usr/bin/env bash
# `npm start`: installs dependencies if needed, starts the Temporal dev server (SQLite in DATA_DIR, Web UI)
# and every background service listed in scripts/services.sh, then exits. `npm stop` stops them all.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
export DATA_DIR="${DATA_DIR:-.data}"

say() { echo "[start] $*" >&2; }

bash scripts/ensure-deps.sh
# Fail fast on bad configuration, naming each variable (the same check the worker runs).
node --import tsx scripts/check-config.ts >/dev/null

address="${TEMPORAL_ADDRESS:-127.0.0.1:${TEMPORAL_PORT:-7233}}"
case "$address" in
  127.0.0.1:* | localhost:*)
    export TEMPORAL_PORT="${address##*:}" TEMPORAL_ADDRESS="127.0.0.1:${address##*:}"
    bash scripts/dev-server.sh start
    ui_url="http://127.0.0.1:${TEMPORAL_UI_PORT:-8233}"
    [[ "${TEMPORAL_HEADLESS:-0}" == 1 ]] && ui_url="(disabled: TEMPORAL_HEADLESS=1)"
    ;;
  *)
    say "TEMPORAL_ADDRESS=$address is not on this machine: no local dev server"
    ui_url="(the UI of $address)"
    ;;
esac

# shellcheck source=services.sh
source scripts/services.sh
mkdir -p "$DATA_DIR/logs" "$DATA_DIR/run"

start_service() {
  local name="$1" command="$2" ready="$3"
  local pid_file="$DATA_DIR/run/$name.pid" log="$DATA_DIR/logs/$name.log" pid
  pid="$(cat "$pid_file" 2>/dev/null || true)"
  if [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null; then
    say "$name already running (pid $pid)"
    return 0
  fi
  local offset=0
  touch "$log"
  offset=$(stat -c %s "$log")
  say "starting $name: $command"
  # setsid: services outlive this script and the terminal's Ctrl-C; `npm stop` ends them.
  setsid bash -c "exec $command" >>"$log" 2>&1 </dev/null &
  pid=$!
  echo "$pid" >"$pid_file"
  [[ -z "$ready" ]] && return 0
  local deadline=$((SECONDS + 120))
  until grep -q -- "$ready" < <(tail -c "+$((offset + 1))" "$log"); do
    if ! kill -0 "$pid" 2>/dev/null; then
      tail -n 30 "$log" >&2
      rm -f "$pid_file"
      say "ERROR: $name exited during startup; full log: $log"
      exit 1
    fi
    if ((SECONDS > deadline)); then
      say "ERROR: $name not ready after 120 s (waiting for '$ready' in $log)"
      exit 1
    fi
    sleep 0.5
  done
  say "$name ready (pid $pid)"
}

for entry in "${services[@]}"; do
  IFS='|' read -r name command ready <<<"$entry"
  start_service "$name" "$command" "$ready"
done

# One demo cycle per data directory, so a newcomer sees a cycle, its emails and a public page at once.
# It is driven through planning and both signature gates by simulated people (logs/demo.log), then left
# in implementation. PROMISE_CYCLE_DEMO=0 skips it.
demo_marker="$DATA_DIR/run/demo-cycle"
if [[ "${PROMISE_CYCLE_DEMO:-1}" == 1 && ! -s "$demo_marker" ]]; then
  start_service demo "node --import tsx scripts/demo-cycle.ts" "demo cycle started"
  grep -o 'promise-cycle-[0-9]\{4\}-[0-9]\{4\}' "$DATA_DIR/logs/demo.log" | tail -n 1 >"$demo_marker" || true
fi
demo_id="$(cat "$demo_marker" 2>/dev/null || true)"
demo_code="${demo_id#promise-cycle-}"
demo_status="npx promise-cycle status ${demo_code%-*} --year ${demo_id##*-}"
base_url="${PUBLIC_BASE_URL:-http://${HTTP_HOST:-127.0.0.1}:${HTTP_PORT:-8080}}"

cat >&2 <<SUMMARY

promise-cycle is running.
  Temporal Web UI   $ui_url
  Temporal address  $TEMPORAL_ADDRESS (namespace ${TEMPORAL_NAMESPACE:-default}, task queue ${TASK_QUEUE:-promise-cycle})
  Logs              $DATA_DIR/logs/*.log, $DATA_DIR/temporal/temporal.log
                    (readable: npx pino-pretty < $DATA_DIR/logs/worker.log)
  Dashboard         $base_url/dashboard  (login token: $DATA_DIR/secrets/dashboard-token)
  Demo cycle        ${demo_id:-none} (progress: $DATA_DIR/logs/demo.log; ${demo_id:+$demo_status})
  Emails            $base_url/dashboard/outbox, or npx promise-cycle outbox list
  Stop              npm stop
SUMMARY
