import type { WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { bundleOnce, projectWorkflowsPath, timeSkippingEnv } from '../helpers';

/** The time-skipping server; tests/helpers registers the cycle's search attributes (it rejects unknown ones). */
export const cycleTestEnv = timeSkippingEnv;

export const cycleBundle = (): Promise<WorkflowBundleWithSourceMap> => bundleOnce(projectWorkflowsPath);
