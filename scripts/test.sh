#!/usr/bin/env bash
# `npm test`: installs what a fresh clone lacks, provisions the Temporal servers, then type-check, lint and jest.
# Extra arguments go to jest (`npm test -- tests/smoke`).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

bash scripts/ensure-deps.sh
bash scripts/provision-temporal-cli.sh >/dev/null
bash scripts/provision-test-server.sh >/dev/null

echo "== typecheck" >&2
node_modules/.bin/tsc --noEmit -p tsconfig.json
echo "== lint" >&2
node_modules/.bin/eslint .
echo "== jest" >&2
mkdir -p .data
results=.data/jest-results.json
rm -f "$results"
status=0
# --forceExit: a test that leaks a Worker or connection must fail loudly, not hang CI until its time limit.
node_modules/.bin/jest --ci --forceExit --json --outputFile="$results" "$@" || status=$?

# A plain closing line that any CI log reader understands, whatever jest printed above it.
if [[ -f "$results" ]]; then
  node -e '
    const r = require(process.argv[1]);
    const skipped = r.numPendingTests + r.numTodoTests;
    console.log(`jest: ${r.numPassedTests} passed, ${r.numFailedTests} failed` + (skipped ? `, ${skipped} skipped` : ""));
  ' "$(pwd)/$results"
fi
exit "$status"
