import { join } from 'node:path';
import type { Client } from '@temporalio/client';
import { mapLimit } from '../histories';
import { rssMb } from '../metrics';
import { startWorkerProcess, waitForPollers } from '../worker-process';
import { writeWorkflowBundle } from '../workflow-bundle';
import { type CommandsInput, releaseSignal, settledQuery } from './workflows';

export interface CommandMemoryResult {
  commands: number;
  executions: number;
  /** The worker's RSS with nothing cached, and with every execution cached after its commands (MB). */
  idleMb: number;
  cachedMb: number;
  /** What one cached execution adds to the worker's RSS (KB). */
  perExecutionKb: number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The probe's workflows, bundled once for all its workers. */
export const bundleCommandWorkflows = (dir: string): Promise<string> =>
  writeWorkflowBundle(require.resolve('./workflows'), join(dir, 'command-memory-bundle.js'));

/**
 * Starts a fresh worker process (the ceiling's worker entry, running this probe's bundle), caches
 * `executions` executions that each issued `commands` commands, and reads the worker's RSS before and
 * after. The executions are released and the worker stopped before it returns.
 */
export async function measureCommandMemory(
  client: Client,
  options: CommandsInput & {
    executions: number;
    address: string;
    bundle: string;
    logDir: string;
    allocatorEnv: NodeJS.ProcessEnv;
  },
): Promise<CommandMemoryResult> {
  const taskQueue = `command-memory-${Date.now()}-${options.commands}`;
  const worker = await startWorkerProcess(
    `command-memory-worker-${options.commands}`,
    'bench/ceiling/worker.ts',
    {
      TEMPORAL_ADDRESS: options.address,
      CEILING_TASK_QUEUE: taskQueue,
      CEILING_BUNDLE: options.bundle,
      ...options.allocatorEnv,
    },
    options.logDir,
  );
  const handles: Awaited<ReturnType<typeof client.workflow.start>>[] = [];
  try {
    await waitForPollers(client, taskQueue, 1);
    await sleep(2_000);
    const idleMb = (await rssMb(worker.child.pid!)) ?? 0;
    const input: CommandsInput = { commands: options.commands, payloadBytes: options.payloadBytes };
    const ids = Array.from({ length: options.executions }, (_, i) => `${taskQueue}-${i}`);
    handles.push(
      ...(await mapLimit(ids, 20, (workflowId) =>
        client.workflow.start('commandsThenWait', { workflowId, taskQueue, args: [input] }),
      )),
    );
    await mapLimit(handles, 20, async (handle) => {
      while (!(await handle.query(settledQuery))) await sleep(100);
    });
    await sleep(2_000);
    const cachedMb = (await rssMb(worker.child.pid!)) ?? 0;
    return {
      commands: options.commands,
      executions: options.executions,
      idleMb,
      cachedMb,
      perExecutionKb: Math.round(((cachedMb - idleMb) * 1024) / options.executions),
    };
  } finally {
    await mapLimit(handles, 20, (handle) => handle.signal(releaseSignal).catch(() => undefined));
    await mapLimit(handles, 20, (handle) => handle.result().catch(() => undefined));
    await worker.stop();
  }
}
