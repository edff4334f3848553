import { type SMTPServer as Server, SMTPServer } from 'smtp-server';
import { customHeaders } from '../lib/outbox';

/** `{workflowId}/feedback-N/overdue/{due}`: the business key of a feedback round's overdue notice. */
const feedbackOverdueKey = /^(.+\/feedback-\d+)\/overdue\//;
const messageIdHeader = /^message-id:\s*(.+)$/im;
const businessKeyHeader = new RegExp(`^${customHeaders.key}:\\s*(.+)$`, 'im');

/**
 * A local SMTP server that accepts everything and counts messages and duplicate Message-IDs, and the
 * distinct overdue notices of feedback rounds (by business key, whatever the number of recipients).
 */
export class SmtpSink {
  private server?: Server;
  readonly messageIds = new Map<string, number>();
  messages = 0;
  recipients = 0;
  withoutMessageId = 0;
  /** Distinct business keys of feedback overdue notices, by round (`{workflowId}/feedback-N`). */
  readonly feedbackOverdueKeys = new Map<string, Set<string>>();

  async start(port: number): Promise<string> {
    this.server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      // No reverse DNS per connection: on a machine without a resolver it stalls every greeting.
      disableReverseLookup: true,
      logger: false,
      size: 10 * 1024 * 1024,
      onData: (stream, session, callback) => {
        let header = '';
        let inHeader = true;
        stream.on('data', (chunk: Buffer) => {
          if (!inHeader) return;
          header += chunk.toString('utf8');
          const end = header.search(/\r?\n\r?\n/);
          if (end >= 0) {
            header = header.slice(0, end);
            inHeader = false;
          }
        });
        stream.on('end', () => {
          this.messages++;
          this.recipients += session.envelope.rcptTo.length;
          const unfolded = header.replace(/\r?\n[ \t]+/g, ' ');
          const id = messageIdHeader.exec(unfolded)?.[1]?.trim();
          if (id) this.messageIds.set(id, (this.messageIds.get(id) ?? 0) + 1);
          else this.withoutMessageId++;
          this.noteFeedbackOverdue(unfolded);
          callback();
        });
      },
    });
    await new Promise<void>((resolve, reject) => {
      this.server!.once('error', reject);
      this.server!.listen(port, '127.0.0.1', () => resolve());
    });
    return `smtp://127.0.0.1:${port}`;
  }

  private noteFeedbackOverdue(header: string): void {
    const key = businessKeyHeader.exec(header)?.[1]?.trim();
    const round = key && feedbackOverdueKey.exec(key)?.[1];
    if (!key || !round) return;
    const keys = this.feedbackOverdueKeys.get(round) ?? new Set<string>();
    this.feedbackOverdueKeys.set(round, keys.add(key));
  }

  /** Messages whose Message-ID was seen before: each one is an email sent twice. */
  get duplicates(): number {
    let extra = 0;
    for (const count of this.messageIds.values()) extra += count - 1;
    return extra;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}
