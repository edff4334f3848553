/**
 * Node's own options for the worker processes (`NODE_OPTIONS`), as a deployment would set them: for
 * example `--max-semi-space-size=1`, V8's young generation per isolate in MB.
 */
import { spawnSync } from 'node:child_process';
import { BenchUsageError } from './usage-error';

/** The environment that gives a worker process `options`; checked by starting Node with them once. */
export function nodeOptionsEnv(options: string | undefined): NodeJS.ProcessEnv {
  if (options === undefined || options.trim() === '') return {};
  const check = spawnSync(process.execPath, ['-e', ''], {
    env: { ...process.env, NODE_OPTIONS: options },
    encoding: 'utf8',
  });
  if (check.status !== 0)
    throw new BenchUsageError(
      `--worker-node-options "${options}": ${check.stderr.trim() || `node exited ${check.status}`}`,
    );
  return { NODE_OPTIONS: options };
}
