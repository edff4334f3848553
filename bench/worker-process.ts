import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { openSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
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
 * Runs an entry point (the real worker, or the ceiling's worker) as its own Node process,
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
  // Compiled entry points (dist/, as in production) run on plain Node; TypeScript ones through tsx.
  const loader = entry.endsWith('.ts') ? ['--import', 'tsx'] : [];
  const child = spawn(process.execPath, [...nodeArgs, ...loader, join(root, entry)], {
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

/**
 * The worker as production runs it: compiled to dist/ (`npm run build`) with a prebuilt workflow
 * bundle. Running it through tsx would add tsx's loader thread and bundling at startup would add
 * webpack, neither of which a production worker carries. Returns the entry point and its environment.
 */
export async function buildProductionWorker(
  dataDir: string,
  target: { address: string; taskQueue: string; smtpUrl: string },
): Promise<{ entry: string; env: NodeJS.ProcessEnv }> {
  const run = promisify(execFile);
  await run(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json'], {
    cwd: root,
  });
  const workflowBundle = join(dataDir, 'workflow-bundle.js');
  await run(process.execPath, [join(root, 'dist/scripts/bundle-workflows.js'), workflowBundle], {
    cwd: root,
  });
  return {
    entry: 'dist/worker/main.js',
    env: {
      WORKFLOW_BUNDLE: workflowBundle,
      TEMPORAL_ADDRESS: target.address,
      TASK_QUEUE: target.taskQueue,
      DATA_DIR: join(dataDir, 'app'),
      SMTP_URL: target.smtpUrl,
      MAIL_FROM: 'Medborgarlöften <noreply@example.se>',
      PUBLIC_BASE_URL: 'http://127.0.0.1:8080',
      LINK_SIGNING_KEY: 'bench-signing-key-not-secret-0123456789',
      LOG_LEVEL: 'warn',
    },
  };
}
