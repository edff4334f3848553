#!/usr/bin/env bash
# Local Temporal dev server (Temporal CLI `server start-dev`) with persistent SQLite state under DATA_DIR.
#
#   scripts/dev-server.sh start [--headless] | stop | restart [--headless] | status
#
# Env: TEMPORAL_PORT (7233), TEMPORAL_UI_PORT (8233), TEMPORAL_HEADLESS=1 (no Web UI), DATA_DIR (.data),
#      TEMPORAL_NAMESPACE (created at start if not "default"), DEV_SERVER_START_TIMEOUT seconds (90).
# Several instances can run side by side with different ports and data dirs (tests do that).
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
port="${TEMPORAL_PORT:-7233}"
ui_port="${TEMPORAL_UI_PORT:-8233}"
headless="${TEMPORAL_HEADLESS:-0}"
namespace="${TEMPORAL_NAMESPACE:-default}"
start_timeout="${DEV_SERVER_START_TIMEOUT:-90}"
data_dir="$(mkdir -p "${DATA_DIR:-.data}" && cd "${DATA_DIR:-.data}" && pwd)"
state_dir="$data_dir/temporal"
db_file="$state_dir/temporal.sqlite"
pid_file="$state_dir/temporal.pid"
log_file="$state_dir/temporal.log"
address="127.0.0.1:$port"

say() { echo "[dev-server] $*" >&2; }

running_pid() {
  local pid
  pid="$(cat "$pid_file" 2>/dev/null)" || return 1
  [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null || return 1
  # Guard against a recycled pid belonging to some other program.
  tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q 'server start-dev' || return 1
  echo "$pid"
}

temporal_bin() {
  bash "$repo/scripts/provision-temporal-cli.sh"
}

healthy() {
  # A clean environment keeps a developer's TEMPORAL_API_KEY / cloud profile out of the local health check.
  env -i PATH="$PATH" HOME="$HOME" "$1" operator cluster health --address "$address" --tls=false \
    --command-timeout 3s >/dev/null 2>&1
}

port_busy() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

search_attribute_flags() {
  local line
  if [[ ! -x "$repo/node_modules/.bin/tsx" ]]; then
    say "ERROR: node_modules is missing (the search attributes are read from domain/search-attributes.ts); run npm ci"
    exit 1
  fi
  while IFS= read -r line; do
    [[ -n "$line" ]] && printf -- '--search-attribute\n%s\n' "$line"
  done < <("$repo/node_modules/.bin/tsx" "$repo/scripts/print-search-attribute-flags.ts")
}

start() {
  local bin pid
  bin="$(temporal_bin)"
  if pid="$(running_pid)"; then
    say "already running (pid $pid) on $address, state in $db_file"
    wait_healthy "$bin" "$pid"
    return 0
  fi
  for p in "$port" $([[ "$headless" == 1 ]] || echo "$ui_port"); do
    if port_busy "$p"; then
      say "ERROR: port $p on 127.0.0.1 is already in use by another process (not started from $state_dir)."
      say "Stop it, or choose other ports with TEMPORAL_PORT / TEMPORAL_UI_PORT."
      exit 1
    fi
  done

  mkdir -p "$state_dir"
  local -a args=(server start-dev --ip 127.0.0.1 --port "$port" --db-filename "$db_file"
    --sqlite-pragma journal_mode=WAL --sqlite-pragma synchronous=NORMAL --log-format json --log-level warn)
  # TEMPORAL_METRICS_PORT: the server's Prometheus metrics on 127.0.0.1:<port>/metrics (the bench reads them).
  if [[ -n "${TEMPORAL_METRICS_PORT:-}" ]]; then args+=(--metrics-port "$TEMPORAL_METRICS_PORT"); fi
  # TEMPORAL_SEARCH_ATTRIBUTE_CACHE=1: keep the server's search-attribute cache (the CLI turns it off so new
  # attributes show at once, at the price of a metadata read on every use). Only safe once the attributes
  # exist in the database, i.e. on a restart: the bench restarts its server this way.
  if [[ "${TEMPORAL_SEARCH_ATTRIBUTE_CACHE:-0}" == 1 ]]; then
    args+=(--dynamic-config-value system.forceSearchAttributesCacheRefreshOnRead=false)
  fi
  # TEMPORAL_EAGER_ACTIVITIES=1: an activity scheduled by a workflow task goes back to the worker in the
  # task's own completion response instead of through the task queue (the server's flag is off by default).
  if [[ "${TEMPORAL_EAGER_ACTIVITIES:-0}" == 1 ]]; then
    args+=(--dynamic-config-value system.enableActivityEagerExecution=true)
  fi
  # TEMPORAL_DYNAMIC_CONFIG: more of the server's dynamic-config values, space-separated KEY=JSON pairs,
  # e.g. 'matching.backlogNegligibleAge="1h"'.
  # Split on blanks only: JSON values such as [..] must not be taken for file patterns.
  local kv
  local -a dynamic_config
  read -ra dynamic_config <<<"${TEMPORAL_DYNAMIC_CONFIG:-}"
  for kv in "${dynamic_config[@]}"; do args+=(--dynamic-config-value "$kv"); done
  if [[ "$headless" == 1 ]]; then args+=(--headless); else args+=(--ui-ip 127.0.0.1 --ui-port "$ui_port"); fi
  [[ "$namespace" != default ]] && args+=(--namespace "$namespace")
  local -a sa_flags
  mapfile -t sa_flags < <(search_attribute_flags)
  ((${#sa_flags[@]} > 0)) || { say "ERROR: no search attributes found in domain/search-attributes.ts"; exit 1; }
  args+=("${sa_flags[@]}")

  say "starting Temporal dev server on $address (state: $db_file, log: $log_file)"
  echo "--- $(date -Is) start ${args[*]}" >>"$log_file"
  # setsid: the server must outlive the shell/npm process that started it (and its Ctrl-C).
  setsid "$bin" "${args[@]}" >>"$log_file" 2>&1 </dev/null &
  pid=$!
  echo "$pid" >"$pid_file"
  wait_healthy "$bin" "$pid"
  say "ready (pid $pid): frontend $address$([[ "$headless" == 1 ]] || echo ", Web UI http://127.0.0.1:$ui_port")"
}

wait_healthy() {
  local bin="$1" pid="$2" deadline=$((SECONDS + start_timeout))
  until healthy "$bin"; do
    if ! kill -0 "$pid" 2>/dev/null; then
      tail -n 20 "$log_file" >&2
      rm -f "$pid_file"
      say "ERROR: the dev server exited during startup; see $log_file"
      exit 1
    fi
    if ((SECONDS >= deadline)); then
      say "ERROR: no healthy frontend on $address after ${start_timeout}s; see $log_file"
      exit 1
    fi
    sleep 0.5
  done
}

stop() {
  local pid
  if ! pid="$(running_pid)"; then
    say "not running ($state_dir)"
    rm -f "$pid_file"
    return 0
  fi
  say "stopping pid $pid"
  kill -TERM "$pid"
  for _ in $(seq 1 60); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.25
  done
  if kill -0 "$pid" 2>/dev/null; then
    say "still alive after 15s, sending SIGKILL"
    kill -KILL "$pid" 2>/dev/null || true
  fi
  rm -f "$pid_file"
  say "stopped"
}

status() {
  local pid
  if pid="$(running_pid)"; then
    if healthy "$(temporal_bin 2>/dev/null)"; then
      say "running (pid $pid), healthy on $address, state in $db_file"
    else
      say "running (pid $pid) but $address does not answer yet; see $log_file"
    fi
    return 0
  fi
  say "not running ($state_dir)"
  return 3
}

command="${1:-}"
shift || true
for arg in "$@"; do
  case "$arg" in
    --headless) headless=1 ;;
    *) say "unknown option: $arg"; exit 2 ;;
  esac
done

case "$command" in
  start) start ;;
  stop) stop ;;
  restart) stop && start ;;
  status) status ;;
  *)
    echo "usage: $0 start [--headless] | stop | restart [--headless] | status" >&2
    exit 2
    ;;
esac
