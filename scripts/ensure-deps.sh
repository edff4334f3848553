#!/usr/bin/env bash
# Installs node_modules from package-lock.json when it is missing (fresh clone, CI). An existing node_modules
# is left alone: after pulling dependency changes, run this with --force (or `npm ci`).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

if [[ -f node_modules/.package-lock.json && "${1:-}" != --force ]]; then
  exit 0
fi

echo "[deps] installing npm dependencies from package-lock.json (npm ci)" >&2
log="$(mktemp)"
trap 'rm -f "$log"' EXIT
if npm ci --no-audit --no-fund >"$log" 2>&1; then
  grep -v '^npm warn' "$log" >&2 || true
  exit 0
fi
# The registry mirror here serves no other platforms' optional binaries (e.g. @swc/core-darwin-arm64), so the
# lock file cannot list them and npm ci refuses it as "out of sync". npm install keeps the locked versions,
# skips the unavailable optional packages and, with --no-save, leaves package-lock.json untouched.
if grep -q 'can only install packages when your package.json and package-lock.json' "$log"; then
  echo "[deps] npm ci refused the lock file (missing optional platform packages); using npm install --no-save" >&2
  npm install --no-save --no-audit --no-fund
else
  cat "$log" >&2
  exit 1
fi
