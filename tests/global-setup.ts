// Once per jest run: make sure both Temporal servers are provisioned, and start one shared dev server
// on a free port with a throwaway data dir, so parallel runs (other developers, CI) never collide.
// Tests reach it through TEST_TEMPORAL_ADDRESS (set it yourself to use a server you already run).
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DevServer, freePort } from './helpers/dev-server';
import { temporalCliPath, testServerPath } from './helpers/provisioned';

declare global {
  var __sharedDevServer: DevServer | undefined;
}

export default async function globalSetup(): Promise<void> {
  temporalCliPath();
  testServerPath();
  if (process.env.TEST_TEMPORAL_ADDRESS) return;

  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'promise-cycle-test-'));
  const server = new DevServer({ port: await freePort(), dataDir });
  await server.start();
  globalThis.__sharedDevServer = server;
  process.env.TEST_TEMPORAL_ADDRESS = server.address;
}
