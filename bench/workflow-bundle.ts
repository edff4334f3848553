import { writeFileSync } from 'node:fs';
import { DefaultLogger, bundleWorkflowCode } from '@temporalio/worker';

/**
 * Bundles `workflowsPath` into `file` for a worker process to load (its CEILING_BUNDLE): bundling inside
 * the worker would carry webpack in its RSS, which the production worker, given a prebuilt bundle, does not.
 */
export async function writeWorkflowBundle(workflowsPath: string, file: string): Promise<string> {
  const { code } = await bundleWorkflowCode({ workflowsPath, logger: new DefaultLogger('WARN') });
  writeFileSync(file, code);
  return file;
}
