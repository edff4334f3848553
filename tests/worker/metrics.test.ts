import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Client } from '@temporalio/client';
import { benchConfigs } from '../../bench/configs';
import { type Metrics, parseMetrics } from '../../bench/prometheus';
import { waitForPollers } from '../../bench/worker-process';
import { cycleStatus, startCycle } from '../../lib/cycles';
import {
  devServerAddress,
  devServerClient,
  eventually,
  freePort,
  repoRoot,
  uniqueTaskQueue,
} from '../helpers';

describe('worker metrics (WORKER_METRICS_ADDRESS)', () => {
  const taskQueue = uniqueTaskQueue('metrics');
  let dataDir: string;
  let client: Client;
  let worker: ChildProcess;
  let metricsUrl: string;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'metrics-'));
    client = await devServerClient();
    const address = `127.0.0.1:${await freePort()}`;
    metricsUrl = `http://${address}/metrics`;
    worker = spawn(process.execPath, ['--import', 'tsx', join(repoRoot, 'worker/main.ts')], {
      cwd: repoRoot,
      env: {
        ...process.env,
        TEMPORAL_ADDRESS: devServerAddress(),
        TASK_QUEUE: taskQueue,
        DATA_DIR: dataDir,
        WORKER_METRICS_ADDRESS: address,
        LINK_SIGNING_KEY: 'metrics-test-signing-key-0123456789abcdef',
        LOG_LEVEL: 'warn',
      },
      stdio: 'ignore',
    });
  });
  afterAll(async () => {
    if (worker.exitCode === null) {
      const exited = new Promise((r) => worker.once('exit', r));
      worker.kill('SIGTERM');
      await exited;
    }
    await client.connection.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('serves the SDK metrics of the workflow tasks it ran, for Prometheus', async () => {
    await waitForPollers(client, taskQueue, 1, 60_000);
    const [config] = benchConfigs(1, { startAt: Date.now(), planningMinutes: 60, yearMinutes: 60 });
    const { workflowId } = await startCycle(client, config!, { taskQueue });
    expect((await cycleStatus(client, workflowId)).phase).toBe('initiation');

    const executed = await eventually(
      async () => {
        const response = await fetch(metricsUrl).catch(() => undefined);
        const metrics: Metrics = response?.ok ? parseMetrics(await response.text()) : new Map();
        return (metrics.get('temporal_workflow_task_execution_latency_count') ?? []).filter(
          (s) => s.labels.task_queue === taskQueue,
        );
      },
      (samples) => (samples[0]?.value ?? 0) > 0,
      60_000,
    );
    expect(executed[0]?.value).toBeGreaterThan(0);
    await client.workflow.getHandle(workflowId).terminate('test done');
  }, 90_000);
});
