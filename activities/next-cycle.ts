import type { Client } from '@temporalio/client';
import type { CycleActivities, CycleInput } from '../domain/activity-contract';
import { startCycle } from '../lib/cycles';

/**
 * Starts next year's cycle. Idempotent: a retry after a lost response finds the cycle it already
 * started (the workflow id is derived from municipality and year) and reports it as running.
 */
export function createStartNextCycle(
  getClient: () => Promise<Client>,
  taskQueue: string,
): CycleActivities['startNextCycle'] {
  return async (input: CycleInput) => {
    const { workflowId, alreadyRunning } = await startCycle(await getClient(), input, { taskQueue });
    return { workflowId, alreadyRunning };
  };
}
