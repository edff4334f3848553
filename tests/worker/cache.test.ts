import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Client } from '@temporalio/client';
import type { NativeConnection, Worker } from '@temporalio/worker';
import pino from 'pino';
import { benchConfigs } from '../../bench/configs';
import { loadConfig } from '../../lib/config';
import { cycleStatus, runStep, startCycle } from '../../lib/cycles';
import { confirmInitiation } from '../../lib/simulation/payloads';
import { createWorker } from '../../worker/create-worker';
import {
  devServerAddress,
  devServerClient,
  devServerConnection,
  eventually,
  uniqueTaskQueue,
} from '../helpers';

jest.setTimeout(300_000);

describe('worker cache bound (WORKER_MAX_CACHED_WORKFLOWS)', () => {
  const taskQueue = uniqueTaskQueue('cache');
  let dataDir: string;
  let client: Client;
  let connection: NativeConnection;
  let worker: Worker;
  let done: Promise<void>;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'cache-'));
    client = await devServerClient();
    connection = await devServerConnection();
    const config = loadConfig({
      TEMPORAL_ADDRESS: devServerAddress(),
      TASK_QUEUE: taskQueue,
      DATA_DIR: dataDir,
      WORKER_MAX_CACHED_WORKFLOWS: '2',
      LINK_SIGNING_KEY: 'cache-test-signing-key-0123456789abcdef',
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

  it('keeps at most that many cycles in memory and replays the others when they are asked', async () => {
    // Cycle ids are municipality + year: a year no other test uses, or startCycle would return another
    // test's cycle (running on a task queue no worker polls any more).
    const year = 2000 + Math.floor(Math.random() * 26);
    const calendar = { startAt: Date.now(), planningMinutes: 60, yearMinutes: 60 };
    const configs = benchConfigs(3, calendar, year);
    const started = [];
    for (const config of configs) started.push(await startCycle(client, config, { taskQueue }));
    let mostCached = 0;
    const sample = setInterval(() => {
      mostCached = Math.max(mostCached, worker.getStatus().numCachedWorkflows);
    }, 5);
    try {
      for (const { workflowId, runId } of started) {
        // Each answer may need a replay in one of two task slots while the others start up: slow
        // under a loaded test run, so the wait is generous.
        const status = await eventually(
          () => cycleStatus(client, workflowId, runId).catch(() => undefined),
          (s) => s !== undefined,
          120_000,
        );
        expect(status?.phase).toBe('initiation');
      }
      // Asked in order, the first is normally evicted by now; a step on it replays it and is applied.
      const [first] = started;
      const config = configs[0]!;
      await runStep(
        client,
        first!.workflowId,
        'confirm-initiation',
        confirmInitiation(config, config.people.policeCoordinator.email),
        first!.runId,
      );
      const after = await cycleStatus(client, first!.workflowId, first!.runId);
      expect(after.phase).toBe('situation-picture');
    } finally {
      clearInterval(sample);
    }
    expect(mostCached).toBeGreaterThan(0);
    expect(mostCached).toBeLessThanOrEqual(2);
    expect(worker.getStatus().numCachedWorkflows).toBeLessThanOrEqual(2);
  });
});
