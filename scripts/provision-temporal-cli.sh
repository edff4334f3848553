#!/usr/bin/env bash
# Builds the pinned Temporal CLI (dev server included) from the Go module proxy into a cache outside the repo.
# Progress goes to stderr; the binary's path is the only line on stdout, so callers can use $(...).
# TEMPORAL_CLI_SYMBOLS=1 builds (and caches separately) a binary that keeps its symbol table, for
# profiling the server with Linux perf (`npm run bench -- --profile-server`); the default is stripped.
set -euo pipefail

version="${TEMPORAL_CLI_VERSION:-1.5.1}"
cache="${PROMISE_CYCLE_CACHE:-$HOME/.cache/promise-cycle}"
symbols="${TEMPORAL_CLI_SYMBOLS:-0}"
strip_flags="-s -w "
dest_dir="$cache/temporal-cli/$version"
if [[ "$symbols" == 1 ]]; then
  strip_flags=""
  dest_dir="$cache/temporal-cli/$version-symbols"
fi
dest="$dest_dir/temporal"

say() { echo "[provision-temporal-cli] $*" >&2; }

if [[ -x "$dest" ]]; then
  say "cached: $dest"
  echo "$dest"
  exit 0
fi

go_bin="$(command -v go || true)"
if [[ -z "$go_bin" && -x /usr/local/go/bin/go ]]; then go_bin=/usr/local/go/bin/go; fi
if [[ -z "$go_bin" ]]; then
  say "ERROR: Go is not installed (needed once to build the Temporal CLI $version)."
  say "Install Go >= 1.21 (e.g. 'apt-get install golang-go'; newer toolchains are fetched through the Go module proxy) and retry."
  exit 1
fi

say "building github.com/temporalio/cli v$version with $("$go_bin" version) — first run takes several minutes"
mkdir -p "$dest_dir"
build_dir="$(mktemp -d "$dest_dir/.build.XXXXXX")"
trap 'rm -rf "$build_dir"' EXIT

log="$dest_dir/build.log"
started=$SECONDS
# Linking a ~100 MB binary is silent for a while; keep CI logs alive.
(while sleep 30; do say "still building … ($((SECONDS - started))s)"; done) &
heartbeat=$!
trap 'kill "$heartbeat" 2>/dev/null; rm -rf "$build_dir"' EXIT

set +e
# The CLI reports 0.0.0-DEV unless its Version variable is stamped at link time.
GOBIN="$build_dir" "$go_bin" install -v -trimpath \
  -ldflags "${strip_flags}-X github.com/temporalio/cli/temporalcli.Version=$version" \
  "github.com/temporalio/cli/cmd/temporal@v$version" 2>&1 | tee "$log" |
  {
    count=0
    while IFS= read -r line; do
      case "$line" in
        go:*) say "$line" ;;
        *)
          count=$((count + 1))
          if ((count % 100 == 0)); then say "compiled $count packages ($((SECONDS - started))s) … $line"; fi
          ;;
      esac
    done
    say "compiled $count packages"
  }
status=${PIPESTATUS[0]}
set -e
if ((status != 0)) || [[ ! -x "$build_dir/temporal" ]]; then
  tail -n 30 "$log" >&2
  say "ERROR: go install failed (exit $status); full log: $log"
  exit 1
fi

mv -f "$build_dir/temporal" "$dest"
say "built in $((SECONDS - started))s: $("$dest" --version)"
echo "$dest"
