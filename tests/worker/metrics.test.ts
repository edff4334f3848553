import { type ChildProcess, spawn } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Client } from '@temporalio/client';
import { benchConfigs } from '../../bench/configs';
import { type Metrics, parseMetrics } from '../../bench/prometheus';
import { waitForPollers } from '../../bench/worker-process';
import { startCycle } from '../../lib/cycles';
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
  let log: string;
  const logTail = () => readFileSync(log, 'utf8').split('\n').slice(-20).join('\n');

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'metrics-'));
    client = await devServerClient();
    const address = `127.0.0.1:${await freePort()}`;
    metricsUrl = `http://${address}/metrics`;
    log = join(dataDir, 'worker.log');
    const out = openSync(log, 'a');
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
      stdio: ['ignore', out, out],
    });
    closeSync(out);
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

    const executed = await eventually(
      async () => {
        const response = await fetch(metricsUrl).catch(() => undefined);
        const metrics: Metrics = response?.ok ? parseMetrics(await response.text()) : new Map();
        return (metrics.get('temporal_workflow_task_execution_latency_count') ?? []).filter(
          (s) => s.labels.task_queue === taskQueue,
        );
      },
      (samples) => {
        if (worker.exitCode !== null)
          throw new Error(`the worker exited (${worker.exitCode}):\n${logTail()}`);
        return (samples[0]?.value ?? 0) > 0;
      },
      60_000,
    ).catch((err: Error) => {
      throw new Error(`${err.message}\nworker log:\n${logTail()}`);
    });
    expect(executed[0]?.value).toBeGreaterThan(0);
    await client.workflow.getHandle(workflowId).terminate('test done');
  }, 90_000);
});
