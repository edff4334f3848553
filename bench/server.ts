import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const root = resolve(__dirname, '..');

export interface DevServer {
  address: string;
  pid: number;
  stop(): Promise<void>;
}

/**
 * A server started elsewhere (scripts/bench-postgres-server.sh): namespace and search attributes already
 * there; its CPU is read from `pid` (0: not measured). The bench never stops it.
 */
export function externalServer(address: string, pid = 0): DevServer {
  return { address, pid, stop: async () => {} };
}

/**
 * A dev server of its own for the bench (scripts/dev-server.sh: SQLite in WAL mode, the cycles'
 * search attributes registered, 127.0.0.1 only), on a separate port and data directory.
 */
export async function startDevServer(options: {
  dataDir: string;
  port: number;
  /** Serve the server's Prometheus metrics on 127.0.0.1:<metricsPort>/metrics. */
  metricsPort?: number;
  /**
   * Keep the server's search-attribute cache on (see TEMPORAL_SEARCH_ATTRIBUTE_CACHE in
   * scripts/dev-server.sh): without it every use of a search attribute reads the cluster metadata.
   */
  searchAttributeCache?: boolean;
  /**
   * Eager activity dispatch (TEMPORAL_EAGER_ACTIVITIES in scripts/dev-server.sh). Without it the
   * variable is left as the bench's own environment has it.
   */
  eagerActivities?: boolean;
  /** More dynamic-config values, space-separated KEY=JSON pairs (TEMPORAL_DYNAMIC_CONFIG in scripts/dev-server.sh). */
  dynamicConfig?: string;
  /** Run the Temporal CLI build that keeps its symbols, for perf (TEMPORAL_CLI_SYMBOLS in scripts/provision-temporal-cli.sh). */
  symbols?: boolean;
}): Promise<DevServer> {
  const env = {
    ...process.env,
    DATA_DIR: options.dataDir,
    TEMPORAL_PORT: String(options.port),
    TEMPORAL_HEADLESS: '1',
    ...(options.metricsPort ? { TEMPORAL_METRICS_PORT: String(options.metricsPort) } : {}),
    ...(options.eagerActivities ? { TEMPORAL_EAGER_ACTIVITIES: '1' } : {}),
    ...(options.dynamicConfig ? { TEMPORAL_DYNAMIC_CONFIG: options.dynamicConfig } : {}),
    ...(options.symbols ? { TEMPORAL_CLI_SYMBOLS: '1' } : {}),
  };
  const script = join(root, 'scripts/dev-server.sh');
  await run('bash', [script, 'start'], { env, cwd: root });
  if (options.searchAttributeCache) {
    // The first start registered the search attributes; a restart can keep them cached.
    Object.assign(env, { TEMPORAL_SEARCH_ATTRIBUTE_CACHE: '1' });
    await run('bash', [script, 'restart'], { env, cwd: root });
  }
  const pid = Number(readFileSync(join(options.dataDir, 'temporal', 'temporal.pid'), 'utf8').trim());
  return {
    address: `127.0.0.1:${options.port}`,
    pid,
    stop: async () => {
      await run('bash', [script, 'stop'], { env, cwd: root });
    },
  };
}
