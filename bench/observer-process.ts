import { readFileSync } from 'node:fs';
import { setPriority } from 'node:os';
import { join } from 'node:path';
import type { ObserverResult } from './observer';
import { startWorkerProcess } from './worker-process';

export interface RunningObserver {
  /** Stops the observer and reads what it measured. */
  stop(): Promise<ObserverResult>;
}

/**
 * Starts bench/observer.ts as a process of its own, asking the executions named by `workflowIds`:
 * the cycles of `year`, or with `ceilingQuery` the ceiling's executions that visibility query lists.
 */
export async function startObserver(options: {
  name: string;
  address: string;
  workflowIds: string[];
  year?: number;
  ceilingQuery?: string;
  /** The observer's scheduling priority (a nice value). */
  nice?: number;
  logDir: string;
}): Promise<RunningObserver> {
  const out = join(options.logDir, `${options.name}.json`);
  const observer = await startWorkerProcess(
    options.name,
    'bench/observer.ts',
    {
      TEMPORAL_ADDRESS: options.address,
      OBSERVER_OUT: out,
      OBSERVER_WORKFLOW_IDS: JSON.stringify(options.workflowIds),
      ...(options.year !== undefined && { OBSERVER_YEAR: String(options.year) }),
      ...(options.ceilingQuery && { OBSERVER_CEILING_QUERY: options.ceilingQuery }),
    },
    options.logDir,
  );
  if (options.nice !== undefined) setPriority(observer.child.pid!, options.nice);
  return {
    stop: async () => {
      await observer.stop();
      return JSON.parse(readFileSync(out, 'utf8')) as ObserverResult;
    },
  };
}
