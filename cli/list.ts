import type { Command } from 'commander';
import Table from 'cli-table3';
import { PhaseSchema, phases } from '../domain/phases';
import { cycleRows } from '../http/cycle-list';
import type { CliContext } from './context';
import { usageError } from './exit-codes';
import { parseYear } from './target';

export function registerList(program: Command, ctx: CliContext): void {
  program
    .command('list')
    .description('all cycles as a table, from Temporal visibility (works without a worker)')
    .option('--region <region>', 'only this region, e.g. "Stockholms län"')
    .option('--year <year>', 'only this year')
    .option('--phase <phase>', `only cycles in this phase (${phases.join(', ')})`)
    .option('--escalated', 'only cycles with an open escalation')
    .option('--json', 'print the rows as JSON')
    .addHelpText(
      'after',
      '\nExamples:\n  $ promise-cycle list --region "Stockholms län" --year 2027\n  $ promise-cycle list --escalated --json',
    )
    .action(
      async (opts: {
        region?: string;
        year?: string;
        phase?: string;
        escalated?: boolean;
        json?: boolean;
      }) => {
        const phase = opts.phase === undefined ? undefined : PhaseSchema.safeParse(opts.phase);
        if (phase && !phase.success) throw usageError(`--phase must be one of: ${phases.join(', ')}`);
        const rows = await cycleRows(await ctx.client(), {
          region: opts.region,
          year: opts.year === undefined ? undefined : parseYear(opts.year),
          phase: phase?.data,
          escalated: opts.escalated ? true : undefined,
        });
        if (opts.json) return ctx.out(JSON.stringify(rows, null, 2));
        const table = new Table({
          head: [
            'Municipality',
            'Code',
            'Region',
            'Year',
            'Phase',
            'Progress',
            'Overdue',
            'Escalated',
            'Status',
            'Workflow id',
          ],
          style: { head: [], border: [] },
        });
        for (const r of rows) {
          table.push([
            r.municipalityName ?? '',
            r.municipalityCode ?? '',
            r.region ?? '',
            r.year ?? '',
            r.phase ?? '',
            `${r.progress.index}/${r.progress.of}`,
            r.overdueCount,
            r.escalated ? 'yes' : 'no',
            r.status,
            r.workflowId,
          ]);
        }
        ctx.out(rows.length ? table.toString() : 'No cycles match.');
      },
    );
}
