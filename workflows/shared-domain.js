/* global module, require */
// Stands in for every domain/* module inside the workflow bundle (worker/bundle-options.ts):
// the one copy of the domain that workflows/shared-modules.ts loaded for the whole worker.
// eslint-disable-next-line @typescript-eslint/no-require-imports
module.exports = require('./shared-modules').sharedDomain();
