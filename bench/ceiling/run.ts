import { join } from 'node:path';
import type { Client } from '@temporalio/client';
import { periodOffsetMs } from '../configs';
import { historyCounts, mapLimit } from '../histories';
import { cpuSeconds, type LatencySummary } from '../metrics';
import { startObserver } from '../observer-process';
import { startWorkerProcess, waitForPollers } from '../worker-process';
import { writeWorkflowBundle } from '../workflow-bundle';
import type { CeilingInput } from './workflows';

export const ceilingTaskQueue = 'bench-ceiling';

export interface CeilingResult {
  executions: number;
  timersPerExecution: number;
  spanSeconds: number;
  wallSeconds: number;
  workflowTasksPerSecond: number;
  workerPeakRssMb?: number;
  /** CPU seconds while the ceiling ran (the server's only when the bench knows its process). */
  cpuSeconds?: { server?: number; worker?: number };
  /**
   * The observer's figures for the no-op executions, asked as it asks the cycles: their query (a
   * worker's answer), their description (the server's), the list of all of them and of running ones.
   */
  latencyMs?: {
    query: LatencySummary;
    describe: LatencySummary;
    listAll: LatencySummary;
    listRunning: LatencySummary;
  };
  observerErrors?: number;
}

/**
 * The engine's ceiling for this workload: as many executions as cycles, started at once, each firing
 * as many timers (each one a workflow task) as a cycle had workflow tasks, spread over the same
 * compressed calendar, with no logic, no activities and no email. Its own worker, its own queue.
 */
export async function runCeiling(
  client: Client,
  options: {
    executions: number;
    timersPerExecution: number;
    spanMs: number;
    /** Spread the executions' starts as the cycles' promise periods were (bench/configs.ts). */
    staggerMinutes?: number;
    /** As many threads for workflow code, polls and task slots as the cycles' workers had. */
    workflowThreads: number;
    workflowPollers?: number;
    workflowSlots?: number;
    /** The allocator the cycles' workers ran on (see bench/malloc.ts). */
    allocatorEnv: NodeJS.ProcessEnv;
    address: string;
    /** The server's process, for its CPU (absent: not measured). */
    serverPid?: number;
    logDir: string;
    log: (m: string) => void;
  },
): Promise<CeilingResult> {
  // A prebuilt bundle, as for the cycles' worker.
  const bundle = await writeWorkflowBundle(
    require.resolve('./workflows'),
    join(options.logDir, 'ceiling-bundle.js'),
  );
  const worker = await startWorkerProcess(
    'ceiling-worker',
    'bench/ceiling/worker.ts',
    {
      TEMPORAL_ADDRESS: options.address,
      CEILING_TASK_QUEUE: ceilingTaskQueue,
      CEILING_BUNDLE: bundle,
      CEILING_WORKFLOW_THREADS: String(options.workflowThreads),
      ...(options.workflowPollers && { CEILING_WORKFLOW_POLLERS: String(options.workflowPollers) }),
      ...(options.workflowSlots && { CEILING_WORKFLOW_SLOTS: String(options.workflowSlots) }),
      ...options.allocatorEnv,
    },
    options.logDir,
  );
  try {
    await waitForPollers(client, ceilingTaskQueue, 1);
    options.log(
      `ceiling: ${options.executions} no-op executions × ${options.timersPerExecution} timers over ${Math.round(options.spanMs / 1000)} s` +
        (options.staggerMinutes ? `, their starts spread over ${options.staggerMinutes} min` : ''),
    );
    const input = (i: number): CeilingInput => ({
      timers: options.timersPerExecution,
      spanMs: options.spanMs,
      delayMs: periodOffsetMs(i, options.executions, options.staggerMinutes),
    });
    const since = new Date(Date.now() - 1_000).toISOString();
    const ids = Array.from({ length: options.executions }, (_, i) => `bench-ceiling-${Date.now()}-${i}`);
    const serverCpuBefore = options.serverPid ? await cpuSeconds(options.serverPid) : undefined;
    const workerCpuBefore = await worker.cpuSeconds();
    const started = performance.now();
    const handles = await mapLimit(ids, 20, (workflowId, i) =>
      client.workflow.start('ceilingNoOp', { workflowId, taskQueue: ceilingTaskQueue, args: [input(i)] }),
    );
    // The same manager's view as the cycles had, so their latencies can be set side by side.
    const observer = await startObserver({
      name: 'ceiling-observer',
      address: options.address,
      workflowIds: ids,
      ceilingQuery: `WorkflowType = 'ceilingNoOp' AND StartTime >= '${since}'`,
      logDir: options.logDir,
    });
    try {
      await Promise.all(handles.map((h) => h.result()));
    } catch (err) {
      await observer.stop();
      throw err;
    }
    const wallMs = performance.now() - started;
    const observed = await observer.stop();
    const serverCpuAfter = options.serverPid ? await cpuSeconds(options.serverPid) : undefined;
    const workerCpuAfter = await worker.cpuSeconds();
    const counts = await mapLimit(ids, 10, (id) => historyCounts(client, id));
    const tasks = counts.reduce((sum, c) => sum + c.workflowTasks, 0);
    const spent = (before?: number, after?: number) =>
      before !== undefined && after !== undefined ? Math.round(after - before) : undefined;
    return {
      executions: options.executions,
      timersPerExecution: options.timersPerExecution,
      spanSeconds: Math.round(options.spanMs / 1000),
      wallSeconds: Math.round(wallMs / 100) / 10,
      workflowTasksPerSecond: Math.round((tasks / (wallMs / 1000)) * 10) / 10,
      workerPeakRssMb: await worker.peakRssMb(),
      cpuSeconds: {
        server: spent(serverCpuBefore, serverCpuAfter),
        worker: spent(workerCpuBefore, workerCpuAfter),
      },
      latencyMs: {
        query: observed.statusQuery,
        describe: observed.statusDigest,
        listAll: observed.listAll,
        listRunning: observed.listFiltered,
      },
      observerErrors: observed.errors,
    };
  } finally {
    await worker.stop();
  }
}
