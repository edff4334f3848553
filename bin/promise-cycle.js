#!/usr/bin/env node
'use strict';
// The `promise-cycle` command. Runs the compiled CLI (dist/, after `npm run build`); in a checkout
// without a build it runs the TypeScript source through tsx, so `npx promise-cycle` works right
// after `npm install`. PROMISE_CYCLE_FROM_SOURCE=1 forces the source.
const fs = require('node:fs');
const path = require('node:path');

const root = path.join(__dirname, '..');
const compiled = path.join(root, 'dist', 'cli', 'main.js');
const source = path.join(root, 'cli', 'main.ts');

function load() {
  if (fs.existsSync(compiled) && process.env.PROMISE_CYCLE_FROM_SOURCE !== '1') return require(compiled);
  if (!fs.existsSync(source)) {
    process.stderr.write(
      'promise-cycle: neither dist/cli/main.js nor cli/main.ts found; run `npm run build`.\n',
    );
    process.exit(2);
  }
  try {
    require('tsx/cjs/api').register();
  } catch {
    process.stderr.write(
      'promise-cycle: no build in dist/ and tsx is not installed; run `npm install` or `npm run build`.\n',
    );
    process.exit(2);
  }
  return require(source);
}

load()
  .main(process.argv)
  .then((code) => {
    process.exitCode = code;
  });
