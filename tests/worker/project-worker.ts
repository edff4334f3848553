import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Client } from '@temporalio/client';
import type { NativeConnection, Worker } from '@temporalio/worker';
import pino from 'pino';
import { benchConfigs } from '../../bench/configs';
import { loadConfig } from '../../lib/config';
import { type StartCycleResult, cycleStatus, startCycle } from '../../lib/cycles';
import { createWorker } from '../../worker/create-worker';
import {
  devServerAddress,
  devServerClient,
  devServerConnection,
  eventually,
  uniqueTaskQueue,
} from '../helpers';

export interface ProjectWorker {
  readonly client: Client;
  readonly worker: Worker;
  /** Starts `count` cycles of `year` on this worker's queue and waits until each answers `status`. */
  startCycles(count: number, year: number): Promise<StartedCycles>;
}
type StartedCycles = {
  configs: ReturnType<typeof benchConfigs>;
  started: StartCycleResult[];
};

/**
 * The project's worker (createWorker) on a queue of its own on the shared dev server, configured by
 * `env` on top of the test defaults; started before the describe's tests and shut down after them.
 */
export function useProjectWorker(name: string, env: NodeJS.ProcessEnv): ProjectWorker {
  const taskQueue = uniqueTaskQueue(name);
  let dataDir: string;
  let client: Client;
  let connection: NativeConnection;
  let worker: Worker;
  let done: Promise<void>;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), `${name}-`));
    client = await devServerClient();
    connection = await devServerConnection();
    const config = loadConfig({
      TEMPORAL_ADDRESS: devServerAddress(),
      TASK_QUEUE: taskQueue,
      DATA_DIR: dataDir,
      LINK_SIGNING_KEY: `${name}-test-signing-key-0123456789abcdef`,
      ...env,
    });
    worker = await createWorker({ config, logger: pino({ level: 'silent' }), connection, client });
    done = worker.run();
  });
  afterAll(async () => {
    worker?.shutdown();
    await done;
    await connection.close();
    await client.connection.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  return {
    get client() {
      return client;
    },
    get worker() {
      return worker;
    },
    async startCycles(count, year) {
      const calendar = { startAt: Date.now(), planningMinutes: 60, yearMinutes: 60 };
      const configs = benchConfigs(count, calendar, year);
      const started = [];
      for (const config of configs) started.push(await startCycle(client, config, { taskQueue }));
      for (const { workflowId, runId } of started) {
        // A first answer may need a replay or wait for the others' first tasks: slow under a loaded
        // test run, so the wait is generous.
        const status = await eventually(
          () => cycleStatus(client, workflowId, runId).catch(() => undefined),
          (s) => s !== undefined,
          120_000,
        );
        expect(status?.phase).toBe('initiation');
      }
      return { configs, started };
    },
  };
}
