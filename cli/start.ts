import type { Command } from 'commander';
import { CycleConfigSchema } from '../domain/config';
import { startCycle } from '../lib/cycles';
import type { CliContext } from './context';
import { refused } from './exit-codes';
import { readObjectFile } from './payload-file';
import { formatIssues } from './zod-errors';

export function registerStart(program: Command, ctx: CliContext): void {
  program
    .command('start')
    .description('validate a cycle configuration (YAML or JSON) and start its cycle; prints the workflow id')
    .argument('<config>', 'the cycle configuration file, e.g. examples/cycle-config.yaml')
    .option('--json', 'print {workflowId, alreadyRunning, outcome} as JSON')
    .addHelpText(
      'after',
      '\nExample:\n  $ promise-cycle start examples/cycle-config.yaml\n  promise-cycle-0183-2027 started',
    )
    .action(async (file: string, opts: { json?: boolean }) => {
      const parsed = CycleConfigSchema.safeParse(readObjectFile(file));
      if (!parsed.success)
        throw refused(`${file} is not a valid cycle configuration:\n${formatIssues(parsed.error)}`);
      const result = await startCycle(await ctx.client(), parsed.data, { taskQueue: ctx.taskQueue() });
      ctx.out(opts.json ? JSON.stringify(result) : `${result.workflowId} ${result.outcome}`);
    });
}
