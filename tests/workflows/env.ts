import { Worker, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { fullYearSteps } from '../fixtures/full-year';
import { bundleOnce, projectWorkflowsPath, timeSkippingEnv, uniqueTaskQueue } from '../helpers';
import type { RecordingActivities } from './recording-activities';

/** The time-skipping server; tests/helpers registers the cycle's search attributes (it rejects unknown ones). */
export const cycleTestEnv = timeSkippingEnv;

export const cycleBundle = (): Promise<WorkflowBundleWithSourceMap> => bundleOnce(projectWorkflowsPath);

/**
 * The time-skipping server and a worker running the cycle's workflow with `recorded`'s activities on a
 * queue of its own, plus a year of steps (three activities) dated from the server's clock.
 */
export async function cycleWorkerWithSteps(name: string, recorded: RecordingActivities) {
  const [env, bundle] = await Promise.all([cycleTestEnv(), cycleBundle()]);
  const taskQueue = uniqueTaskQueue(name);
  const worker = await Worker.create({
    connection: env.nativeConnection,
    taskQueue,
    workflowBundle: bundle,
    activities: recorded.activities(),
  });
  const steps = fullYearSteps({ today: await env.currentTimeMs(), activities: 3 });
  return { env, taskQueue, worker, steps };
}
