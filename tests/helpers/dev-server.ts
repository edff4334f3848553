import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { repoRoot } from './provisioned';

const run = promisify(execFile);

export interface DevServerOptions {
  port: number;
  dataDir: string;
  /** More of scripts/dev-server.sh's environment (TEMPORAL_DYNAMIC_CONFIG, …). */
  env?: Record<string, string>;
}

/** One `temporal server start-dev` instance driven through scripts/dev-server.sh (headless, SQLite in dataDir). */
export class DevServer {
  constructor(readonly options: DevServerOptions) {}

  get address(): string {
    return `127.0.0.1:${this.options.port}`;
  }

  start(): Promise<void> {
    return this.script('start');
  }

  stop(): Promise<void> {
    return this.script('stop');
  }

  private async script(command: 'start' | 'stop'): Promise<void> {
    const env = {
      ...process.env,
      TEMPORAL_PORT: String(this.options.port),
      DATA_DIR: this.options.dataDir,
      TEMPORAL_HEADLESS: '1',
      TEMPORAL_NAMESPACE: 'default',
      ...this.options.env,
    };
    try {
      await run('bash', [path.join(repoRoot, 'scripts', 'dev-server.sh'), command], { env, cwd: repoRoot });
    } catch (err) {
      const stderr = (err as { stderr?: string }).stderr ?? '';
      throw new Error(`dev-server.sh ${command} failed for ${this.address}:\n${stderr}`, { cause: err });
    }
  }
}

/** A dev server on a free port with its own temporary data dir; `dispose()` stops it and deletes the data. */
export async function startPrivateDevServer(
  env?: Record<string, string>,
): Promise<DevServer & { dispose(): Promise<void> }> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'promise-cycle-devserver-'));
  const server = new DevServer({ port: await freePort(), dataDir, env });
  await server.start();
  return Object.assign(server, {
    async dispose() {
      await server.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  });
}

/** A TCP port that was free on 127.0.0.1 a moment ago. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}
