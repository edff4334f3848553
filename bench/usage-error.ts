/**
 * How a benchmark reports that it was asked for something it cannot do (a bad option, a missing tool or
 * library): the message alone, without a stack trace, since the fix is the caller's and not in our code.
 */
import { ConfigError } from '../lib/config';

export class BenchUsageError extends Error {
  override name = 'BenchUsageError';
}

/**
 * Prints why a benchmark failed and sets exit code 1: a usage error or a bad worker setting (the worker's
 * own ConfigError, as the CLI treats it) as its message, anything else whole.
 */
export function reportBenchFailure(error: unknown): void {
  const callersError = error instanceof BenchUsageError || error instanceof ConfigError;
  console.error(callersError ? error.message : error);
  process.exitCode = 1;
}

/** Runs node:util's parseArgs; an unknown option or one missing its value becomes a usage error. */
export function parseArgsOrUsage<T>(usage: string, parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS'))
      throw new BenchUsageError(`${(error as Error).message}\n\n${usage}`);
    throw error;
  }
}
