import type { Client } from '@temporalio/client';
import { Worker } from '@temporalio/worker';
import { allSearchAttributes } from '../../domain/search-attributes';
import { releaseSignal, waitForRelease } from '../fixtures/workflows/smoke';
import {
  bundleOnce,
  devServerClient,
  devServerConnection,
  smokeWorkflowsPath,
  startPrivateDevServer,
  uniqueTaskQueue,
  uniqueWorkflowId,
} from '../helpers';

test('the shared dev server has the project search attributes registered', async () => {
  const client = await devServerClient();
  try {
    const { customAttributes } = await client.connection.operatorService.listSearchAttributes({
      namespace: 'default',
    });
    for (const key of allSearchAttributes) expect(Object.keys(customAttributes ?? {})).toContain(key.name);
  } finally {
    await client.connection.close();
  }
});

test('a waiting workflow survives a dev server restart (SQLite persistence)', async () => {
  // A private instance: stopping the shared one would break other tests.
  const server = await startPrivateDevServer();
  const taskQueue = uniqueTaskQueue('restart');
  const workflowId = uniqueWorkflowId('restart');
  const workflowBundle = await bundleOnce(smokeWorkflowsPath);

  async function withWorker<T>(fn: (client: Client) => Promise<T>): Promise<T> {
    const connection = await devServerConnection(server.address);
    const client = await devServerClient(server.address);
    const worker = await Worker.create({ connection, taskQueue, workflowBundle });
    try {
      return await worker.runUntil(fn(client));
    } finally {
      await client.connection.close();
      await connection.close();
    }
  }

  try {
    await withWorker(async (client) => {
      const handle = await client.workflow.start(waitForRelease, { taskQueue, workflowId });
      // Wait until the worker has run the first workflow task, i.e. the workflow is really parked on the signal.
      await waitUntil(async () => {
        const events = (await handle.fetchHistory()).events ?? [];
        return events.some((e) => e.workflowTaskCompletedEventAttributes);
      });
    });

    await server.stop();
    await server.start();

    const result = await withWorker(async (client) => {
      const handle = client.workflow.getHandle(workflowId);
      expect((await handle.describe()).status.name).toBe('RUNNING');
      await handle.signal(releaseSignal);
      return handle.result();
    });
    expect(result).toBe('released');
  } finally {
    await server.dispose();
  }
});

async function waitUntil(check: () => Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

test('the dev server takes more dynamic-config values from TEMPORAL_DYNAMIC_CONFIG', async () => {
  // A limit whose effect a client sees: workflow input larger than the blob size limit is refused.
  const server = await startPrivateDevServer({
    TEMPORAL_DYNAMIC_CONFIG: 'limit.blobSize.warn=1000 limit.blobSize.error=2000',
  });
  try {
    const client = await devServerClient(server.address);
    const start = (input: string) =>
      client.workflow.start('noSuchWorkflow', {
        taskQueue: uniqueTaskQueue('dynamic-config'),
        workflowId: uniqueWorkflowId('dynamic-config'),
        args: [input],
      });
    try {
      await expect(start('x'.repeat(100))).resolves.toBeDefined();
      const refused: unknown = await start('x'.repeat(5_000)).catch((err: unknown) => err);
      expect(refused).toBeInstanceOf(Error);
      expect(String((refused as Error).cause)).toMatch(/size exceeds limit/i);
    } finally {
      await client.connection.close();
    }
  } finally {
    await server.dispose();
  }
});
