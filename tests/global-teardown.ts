import { rmSync } from 'node:fs';

export default async function globalTeardown(): Promise<void> {
  const server = globalThis.__sharedDevServer;
  if (!server) return;
  await server.stop();
  rmSync(server.options.dataDir, { recursive: true, force: true });
}
