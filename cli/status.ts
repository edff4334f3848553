import type { Command } from 'commander';
import { pickLang } from '../http/i18n';
import { readDigest, readStatus } from '../http/cycle-reads';
import { CycleNotFound } from '../lib/cycles';
import type { CliContext } from './context';
import { refused, unreachable } from './exit-codes';
import { formatStatus } from './format-status';
import { resolveCycle } from './target';

export function registerStatus(program: Command, ctx: CliContext): void {
  program
    .command('status')
    .description(
      "where one cycle stands: phase, open tasks, activities, follow-ups and feedback, escalations, next dates (answered by the server from the cycle's memo; --json asks a worker)",
    )
    .argument(
      '<municipality>',
      'kommunkod (0183), name (Sundbyberg) or a workflow id (promise-cycle-0183-2027)',
    )
    .option('--year <year>', 'the cycle year (default: the newest cycle of the municipality)')
    .option(
      '--json',
      'print the full CycleStatus JSON (domain/status.ts; the `status` query, needs a worker)',
    )
    .option('--lang <sv|en>', "language of the summary (default: the cycle's)")
    .addHelpText(
      'after',
      '\nExamples:\n  $ promise-cycle status Sundbyberg --year 2027\n  $ promise-cycle status 0183 --json | jq .openTasks',
    )
    .action(async (municipality: string, opts: { year?: string; json?: boolean; lang?: string }) => {
      const target = municipality.startsWith('promise-cycle-')
        ? { cycle: municipality }
        : { municipality, year: opts.year };
      const workflowId = await resolveCycle(ctx.client, target);
      try {
        if (opts.json) {
          const status = await readStatus(await ctx.client(), workflowId, 10_000);
          ctx.out(JSON.stringify(status, null, 2));
        } else {
          // A cycle without the memo falls back to the query: it must not hang when no worker runs.
          const { digest } = await readDigest(await ctx.client(), workflowId, 10_000);
          ctx.out(formatStatus(digest, opts.lang ? pickLang(opts.lang) : undefined));
        }
      } catch (err) {
        if (err instanceof CycleNotFound) throw refused(`No cycle ${workflowId}.`);
        throw unreachable(`${workflowId} did not answer (is a worker running?): ${(err as Error).message}`);
      }
    });
}
