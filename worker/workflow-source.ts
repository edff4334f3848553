import { existsSync } from 'node:fs';
import path from 'node:path';
import type { WorkerOptions } from '@temporalio/worker';
import type { Config } from '../lib/config';
import { bundlerOptions, workflowsPath } from './bundle-options';

/** Where `npm run bundle:workflows` writes, relative to the working directory. */
export const defaultWorkflowBundlePath = path.join('dist', 'workflow-bundle.js');

/**
 * A prebuilt bundle when WORKFLOW_BUNDLE names one, or in production when the default one exists;
 * otherwise the worker bundles workflows/ at startup (slower start, always current source).
 */
export function workflowSource(
  cfg: Pick<Config, 'workflowBundle' | 'production'>,
): Pick<WorkerOptions, 'workflowBundle' | 'workflowsPath' | 'bundlerOptions'> {
  const codePath =
    cfg.workflowBundle ??
    (cfg.production && existsSync(defaultWorkflowBundlePath)
      ? path.resolve(defaultWorkflowBundlePath)
      : undefined);
  return codePath
    ? { workflowBundle: { codePath } }
    : { workflowsPath: workflowsPath(), bundlerOptions: bundlerOptions() };
}
