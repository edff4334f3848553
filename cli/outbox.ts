import type { Command } from 'commander';
import Table from 'cli-table3';
import { listOutbox, readOutboxMessage } from '../lib/outbox';
import type { CliContext } from './context';
import { refused } from './exit-codes';

export function registerOutbox(program: Command, ctx: CliContext): void {
  const outbox = program
    .command('outbox')
    .description('emails written by the embedded outbox (DATA_DIR/outbox) when no SMTP server is configured')
    .addHelpText(
      'after',
      '\nExamples:\n  $ promise-cycle outbox list --limit 10\n  $ promise-cycle outbox show 20270625T100000123Z_phase-task_0123456789ab',
    );

  const list = async (opts: { limit?: string; json?: boolean }) => {
    const entries = await listOutbox(ctx.dataDir(), { limit: opts.limit ? Number(opts.limit) : undefined });
    if (opts.json) return ctx.out(JSON.stringify(entries, null, 2));
    if (!entries.length) return ctx.out(`The outbox (${ctx.dataDir()}/outbox) is empty.`);
    const table = new Table({
      head: ['Id', 'Kind', 'To (roles)', 'Subject'],
      style: { head: [], border: [] },
    });
    for (const e of entries) table.push([e.id, e.kind, e.toRoles.join(', '), e.subject]);
    ctx.out(table.toString());
  };

  outbox
    .command('list', { isDefault: true })
    .description('list emails, newest first')
    .option('--limit <n>', 'at most n emails')
    .option('--json', 'print as JSON')
    .addHelpText('after', '\nExample:\n  $ promise-cycle outbox list --limit 5')
    .action(list);

  outbox
    .command('show')
    .description('show one email: headers, text part and attachments')
    .argument('<id>', 'the id from `outbox list`')
    .option('--html', 'print the HTML part instead of the text part')
    .option('--json', 'print as JSON')
    .addHelpText(
      'after',
      '\nExample:\n  $ promise-cycle outbox show 20270625T100000123Z_phase-task_0123456789ab',
    )
    .action(async (id: string, opts: { html?: boolean; json?: boolean }) => {
      const message = await readOutboxMessage(ctx.dataDir(), id);
      if (!message) throw refused(`No email ${id} in the outbox.`);
      if (opts.json) return ctx.out(JSON.stringify(message, null, 2));
      ctx.out(
        [
          `Subject: ${message.subject}`,
          `From: ${message.from}`,
          `To: ${message.to.join(', ')}`,
          `Date: ${message.time}`,
          `Kind: ${message.kind}`,
          ...message.attachments.map((a) => `Attachment: ${a.filename} (${a.contentType}, ${a.size} bytes)`),
          '',
          opts.html ? (message.html ?? '(no HTML part)') : message.text,
        ].join('\n'),
      );
    });
}
