#!/usr/bin/env bash
# For the benchmark only: a Temporal server (the dev server's version) on PostgreSQL instead of the dev
# server's single SQLite connection, on this machine, to tell the database apart from the two cores.
# PostgreSQL comes from Debian's packages; the server and temporal-sql-tool are built from the Go module
# proxy into the same cache as the CLI. Every start begins from empty databases. PG_SYNCHRONOUS_COMMIT
# (default off, like the dev server's SQLite with synchronous=NORMAL) sets the databases' synchronous_commit.
#
#   scripts/bench-postgres-server.sh start   # prints the server's pid on stdout
#   npm run bench -- --server 127.0.0.1:17433 --server-pid <pid> …
#   scripts/bench-postgres-server.sh stop    # the server, and PostgreSQL if start started it
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
version=1.29.1
cache="${PROMISE_CYCLE_CACHE:-$HOME/.cache/promise-cycle}/temporal-server/$version"
state="$repo/.data/bench-postgres"
port="${TEMPORAL_PORT:-17433}"
metrics_port="${TEMPORAL_METRICS_PORT:-$((port + 20))}"
sudo=""
[[ $(id -u) -eq 0 ]] || sudo="sudo"

say() { echo "[bench-postgres-server] $*" >&2; }
as_postgres() { if [[ -z "$sudo" ]]; then runuser -u postgres -- "$@"; else sudo -u postgres "$@"; fi; }
psql_admin() { as_postgres psql -v ON_ERROR_STOP=1 -tAc "$1"; }

ensure_postgres() {
  if ! command -v pg_lsclusters >/dev/null; then
    say "installing PostgreSQL (Debian package)"
    $sudo apt-get update -qq
    $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends postgresql >&2
  fi
  local cluster
  cluster="$(pg_lsclusters -h | head -1)"
  [[ -n "$cluster" ]] || { say "ERROR: no PostgreSQL cluster"; exit 1; }
  # shellcheck disable=SC2086
  set -- $cluster
  if [[ "$4" != online ]]; then
    $sudo pg_ctlcluster "$1" "$2" start
    # stop ends only a cluster this script started.
    mkdir -p "$state"
    echo "$1 $2" >"$state/started-postgres"
  fi
  [[ "$(psql_admin "SELECT 1 FROM pg_roles WHERE rolname = 'temporal'")" == 1 ]] ||
    psql_admin "CREATE USER temporal WITH PASSWORD 'temporal' CREATEDB" >/dev/null
}

# Go as scripts/provision-temporal-cli.sh finds it (on PATH or in /usr/local/go).
go_command() {
  command -v go && return 0
  [[ -x /usr/local/go/bin/go ]] && { echo /usr/local/go/bin/go; return 0; }
  say "ERROR: Go is needed (e.g. apt-get install golang-go)"
  return 1
}

ensure_binaries() {
  [[ -x "$cache/server" && -x "$cache/sql" ]] && return 0
  say "building go.temporal.io/server v$version (server and temporal-sql-tool) from the Go module proxy"
  mkdir -p "$cache"
  local go_bin
  go_bin="$(go_command)"
  GOBIN="$cache" "$go_bin" install -trimpath -ldflags "-s -w" \
    "go.temporal.io/server/cmd/server@v$version" "go.temporal.io/server/cmd/tools/sql@v$version" >&2
}

fresh_databases() {
  local go_bin schema sql=("$cache/sql" --plugin postgres12 --ep 127.0.0.1 -p 5432 -u temporal --pw temporal)
  go_bin="$(go_command)"
  schema="$("$go_bin" env GOMODCACHE)/go.temporal.io/server@v$version/schema/postgresql/v12"
  for db in temporal:temporal temporal_visibility:visibility; do
    "${sql[@]}" --db "${db%%:*}" drop-database --force >/dev/null 2>&1 || true
    "${sql[@]}" --db "${db%%:*}" create-database >&2
    # As the dev server's SQLite (WAL, synchronous=NORMAL): a commit does not wait for its fsync.
    psql_admin "ALTER DATABASE ${db%%:*} SET synchronous_commit = ${PG_SYNCHRONOUS_COMMIT:-off}" >/dev/null
    "${sql[@]}" --db "${db%%:*}" setup-schema -v 0.0 >&2
    "${sql[@]}" --db "${db%%:*}" update-schema -d "$schema/${db##*:}/versioned" >&2
  done
}

write_config() {
  mkdir -p "$state/config"
  sed -e "s/@PORT@/$port/g" -e "s/@METRICS_PORT@/$metrics_port/g" -e "s/@HTTP_PORT@/$((port + 66))/g" \
    "$repo/scripts/bench-postgres-server.yaml" >"$state/config/development.yaml"
}

register() {
  local cli address="127.0.0.1:$port" line
  cli="$(bash "$repo/scripts/provision-temporal-cli.sh")"
  for _ in $(seq 60); do
    "$cli" operator namespace create --address "$address" -n default >/dev/null 2>&1 && break
    sleep 1
  done
  while IFS= read -r line; do
    [[ -n "$line" ]] || continue
    "$cli" operator search-attribute create --address "$address" -n default \
      --name "${line%%=*}" --type "${line#*=}" >/dev/null
  done < <("$repo/node_modules/.bin/tsx" "$repo/scripts/print-search-attribute-flags.ts")
}

start() {
  ensure_postgres
  ensure_binaries
  stop_server
  fresh_databases
  write_config
  say "starting the server on 127.0.0.1:$port (metrics :$metrics_port, log $state/server.log)"
  setsid "$cache/server" --root "$state" --config config --env development --allow-no-auth start \
    >"$state/server.log" 2>&1 </dev/null &
  echo $! >"$state/server.pid"
  register
  say "ready: namespace default, the cycles' search attributes registered"
  cat "$state/server.pid"
}

stop_server() {
  [[ -f "$state/server.pid" ]] || return 0
  local pid
  pid="$(cat "$state/server.pid")"
  if kill "$pid" 2>/dev/null; then
    for _ in $(seq 30); do kill -0 "$pid" 2>/dev/null || break; sleep 1; done
  fi
  rm -f "$state/server.pid"
}

stop() {
  stop_server
  [[ -f "$state/started-postgres" ]] || return 0
  # shellcheck disable=SC2046
  $sudo pg_ctlcluster $(cat "$state/started-postgres") stop
  rm -f "$state/started-postgres"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  *) say "usage: $0 start|stop"; exit 2 ;;
esac
