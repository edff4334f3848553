#!/usr/bin/env bash
# Installs node_modules from package-lock.json when it is missing (fresh clone, CI). An existing node_modules
# is left alone: after pulling dependency changes, run this with --force (or `npm ci`).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

if [[ -f node_modules/.package-lock.json && "${1:-}" != --force ]]; then
  exit 0
fi

echo "[deps] installing npm dependencies from package-lock.json (npm ci)" >&2
npm ci --no-audit --no-fund
