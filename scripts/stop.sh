#!/usr/bin/env bash
# `npm stop`: stops the services of scripts/services.sh (newest first), then the local Temporal dev server.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
export DATA_DIR="${DATA_DIR:-.data}"

say() { echo "[stop] $*" >&2; }

# shellcheck source=services.sh
source scripts/services.sh

stop_service() {
  local name="$1" pid_file="$DATA_DIR/run/$1.pid" pid
  pid="$(cat "$pid_file" 2>/dev/null || true)"
  if [[ -z "$pid" ]] || ! kill -0 "$pid" 2>/dev/null; then
    rm -f "$pid_file"
    return 0
  fi
  say "stopping $name (pid $pid)"
  kill -TERM "$pid"
  # A worker finishes in-flight activities before exiting; give it time.
  for _ in $(seq 1 120); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.25
  done
  if kill -0 "$pid" 2>/dev/null; then
    say "$name still running after 30 s, sending SIGKILL"
    kill -KILL "$pid" 2>/dev/null || true
  fi
  rm -f "$pid_file"
}

stop_service demo
for ((i = ${#services[@]} - 1; i >= 0; i--)); do
  IFS='|' read -r name _ <<<"${services[$i]}"
  stop_service "$name"
done

if [[ -n "${TEMPORAL_ADDRESS:-}" ]]; then
  case "$TEMPORAL_ADDRESS" in 127.0.0.1:* | localhost:*) export TEMPORAL_PORT="${TEMPORAL_ADDRESS##*:}" ;; esac
fi
bash scripts/dev-server.sh stop
say "stopped"
