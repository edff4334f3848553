import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Client } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import type { NativeConnection, Worker } from '@temporalio/worker';
import pino from 'pino';
import { benchConfigs } from '../../bench/configs';
import { cycleStatus, startCycle } from '../../lib/cycles';
import { type WorkerRole, loadConfig } from '../../lib/config';
import { outboxDir } from '../../lib/outbox';
import { createWorker } from '../../worker/create-worker';
import {
  devServerAddress,
  devServerClient,
  devServerConnection,
  eventually,
  uniqueTaskQueue,
} from '../helpers';

const { PENDING_ACTIVITY_STATE_SCHEDULED } = temporal.api.enums.v1.PendingActivityState;

describe('worker roles (WORKER_ROLE)', () => {
  const taskQueue = uniqueTaskQueue('roles');
  let dataDir: string;
  let client: Client;
  let connection: NativeConnection;
  const running: { worker: Worker; done: Promise<void> }[] = [];

  const start = async (role: WorkerRole) => {
    const config = loadConfig({
      TEMPORAL_ADDRESS: devServerAddress(),
      TASK_QUEUE: taskQueue,
      DATA_DIR: dataDir,
      WORKER_ROLE: role,
      LINK_SIGNING_KEY: 'roles-test-signing-key-0123456789abcdef',
    });
    const worker = await createWorker({ config, logger: pino({ level: 'silent' }), connection, client });
    running.push({ worker, done: worker.run() });
  };
  const emails = () =>
    (existsSync(outboxDir(dataDir)) ? readdirSync(outboxDir(dataDir)) : []).filter((f) => f.endsWith('.eml'));

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'roles-'));
    client = await devServerClient();
    connection = await devServerConnection();
  });
  afterAll(async () => {
    for (const { worker, done } of running) {
      worker.shutdown();
      await done;
    }
    await connection.close();
    await client.connection.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('a workflows worker runs the cycle but leaves its emails to an activities worker on the same queue', async () => {
    await start('workflows');
    const [config] = benchConfigs(1, { startAt: Date.now(), planningMinutes: 60, yearMinutes: 60 });
    const { workflowId } = await startCycle(client, config!, { taskQueue });

    // The cycle runs (its status is answered) and schedules its first emails, which nobody picks up.
    // Right after a worker's first polls on a new task queue the server may still answer a query with
    // "no poller seen recently" (its partitions have not all seen one yet): ask again until it answers.
    const status = await eventually(
      () => cycleStatus(client, workflowId).catch(() => undefined),
      (s) => s !== undefined,
    );
    expect(status?.phase).toBe('initiation');
    const handle = client.workflow.getHandle(workflowId);
    const pending = await eventually(
      async () => (await handle.describe()).raw.pendingActivities ?? [],
      (activities) => activities.length > 0,
    );
    await new Promise((r) => setTimeout(r, 2_000));
    const { raw } = await handle.describe();
    expect(pending[0]?.activityType?.name).toBe('notify');
    expect(raw.pendingActivities?.[0]?.state).toBe(PENDING_ACTIVITY_STATE_SCHEDULED);
    expect(emails()).toEqual([]);

    await start('activities');
    const sent = await eventually(
      async () => emails(),
      (files) => files.length > 0,
    );
    expect(sent.length).toBeGreaterThan(0);
    await eventually(
      async () => (await handle.describe()).raw.pendingActivities ?? [],
      (activities) => activities.length === 0,
    );
  });
});
