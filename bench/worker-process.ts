import { type ChildProcess, spawn } from 'node:child_process';
import { openSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Client } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import { cpuSeconds, peakRssMb } from './metrics';

const root = resolve(__dirname, '..');

export interface WorkerProcess {
  name: string;
  child: ChildProcess;
  /** Highest resident memory seen (MB), from the kernel's high-water mark. */
  peakRssMb(): Promise<number | undefined>;
  cpuSeconds(): Promise<number | undefined>;
  stop(): Promise<void>;
}

/**
 * Runs a TypeScript entry point (the real worker, or the ceiling's worker) as its own Node process,
 * so its memory and CPU can be measured apart from the bench driver.
 */
export async function startWorkerProcess(
  name: string,
  entry: string,
  env: NodeJS.ProcessEnv,
  logDir: string,
  nodeArgs: string[] = [],
): Promise<WorkerProcess> {
  const log = join(logDir, `${name}.log`);
  const out = openSync(log, 'a');
  const child = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', join(root, entry)], {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ['ignore', out, out],
  });
  await new Promise<void>((resolveSpawn, reject) => {
    child.once('spawn', () => resolveSpawn());
    child.once('error', reject);
  });
  child.once('exit', (code, signal) => {
    if (code !== 0 && signal !== 'SIGTERM')
      process.stderr.write(`[bench] ${name} exited (${code ?? signal}); see ${log}\n`);
  });
  return {
    name,
    child,
    peakRssMb: () => peakRssMb(child.pid!),
    cpuSeconds: () => cpuSeconds(child.pid!),
    stop: () =>
      new Promise<void>((done) => {
        if (child.exitCode !== null) return done();
        child.once('exit', () => done());
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGKILL'), 15_000).unref();
      }),
  };
}

/** Waits until `count` workers poll the task queue (a worker bundles its workflows first: that takes seconds). */
export async function waitForPollers(
  client: Client,
  taskQueue: string,
  count: number,
  timeoutMs = 120_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const response = await client.workflowService.describeTaskQueue({
      namespace: client.options.namespace,
      taskQueue: { name: taskQueue },
      taskQueueType: temporal.api.enums.v1.TaskQueueType.TASK_QUEUE_TYPE_WORKFLOW,
    });
    if ((response.pollers?.length ?? 0) >= count) return;
    if (Date.now() > deadline)
      throw new Error(`no ${count} worker(s) polling ${taskQueue} after ${timeoutMs / 1000} s`);
    await new Promise((r) => setTimeout(r, 500));
  }
}
