#!/usr/bin/env bash
# Installs node_modules from package-lock.json on a fresh clone. An existing node_modules is left alone
# (after pulling dependency changes, run `npm ci` yourself).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

if [[ ! -f node_modules/.package-lock.json ]]; then
  echo "[deps] installing npm dependencies from package-lock.json (npm ci)" >&2
  npm ci --no-audit --no-fund
fi
