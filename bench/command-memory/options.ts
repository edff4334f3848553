import { parseArgs } from 'node:util';
import { z } from 'zod';
import { MallocSchema } from '../malloc';
import { BenchUsageError, parseArgsOrUsage } from '../usage-error';

const count = (name: string, min: number, max: number) =>
  z.coerce
    .number({ error: `${name} must be a number` })
    .int(`${name} must be a whole number`)
    .min(min, `${name} must be at least ${min}`)
    .max(max, `${name} must be at most ${max}`);

export const CommandMemoryOptionsSchema = z.object({
  /** Executions cached at once by each worker. */
  executions: count('--executions', 1, 5_000).default(300),
  /** The commands each execution issues, one worker per value. */
  commands: z
    .string()
    .default('0,100,120,130,400')
    .transform((list): unknown[] => list.split(','))
    .pipe(z.array(count('--commands', 0, 2_000))),
  payloadBytes: count('--payload-bytes', 0, 100_000).default(0),
  rounds: count('--rounds', 1, 10).default(2),
  workerMalloc: MallocSchema,
});
export type CommandMemoryOptions = z.infer<typeof CommandMemoryOptionsSchema>;

export const usage = `npm run bench:commands -- [--executions 300] [--commands 0,100,120,130,400] [--payload-bytes 0] [--rounds 2] [--worker-malloc glibc|jemalloc|mimalloc]`;

/** `npm run bench:commands` options; a bad one is a usage error that names it. */
export function parseCommandMemoryOptions(argv: string[]): CommandMemoryOptions {
  const { values } = parseArgsOrUsage(usage, () =>
    parseArgs({
      args: argv,
      options: {
        executions: { type: 'string' },
        commands: { type: 'string' },
        'payload-bytes': { type: 'string' },
        rounds: { type: 'string' },
        'worker-malloc': { type: 'string' },
      },
    }),
  );
  const parsed = CommandMemoryOptionsSchema.safeParse({
    executions: values.executions,
    commands: values.commands,
    payloadBytes: values['payload-bytes'],
    rounds: values.rounds,
    workerMalloc: values['worker-malloc'],
  });
  if (!parsed.success) throw new BenchUsageError(`${z.prettifyError(parsed.error)}\n\n${usage}`);
  return parsed.data;
}
