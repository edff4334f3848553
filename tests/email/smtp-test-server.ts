import type { AddressInfo } from 'node:net';
import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer, type SMTPServerOptions } from 'smtp-server';

type SmtpError = Error & { responseCode?: number };
const smtpError = (code: number, message: string): SmtpError =>
  Object.assign(new Error(message), { responseCode: code });

/**
 * A real SMTP server in-process on 127.0.0.1 (random port unless given), keeping every accepted
 * message parsed by mailparser. Behaviour can be switched while it runs: refuse RCPT for some
 * addresses with 550, or answer 421 (service unavailable) to every MAIL FROM.
 */
export class TestSmtpServer {
  readonly received: ParsedMail[] = [];
  readonly raw: Buffer[] = [];
  /** Message-IDs of every accepted message, read from the raw header (also when not parsing). */
  readonly messageIds: string[] = [];
  unavailable = false;
  /** Answer 421 once this many messages have been accepted. */
  unavailableAfter?: number;
  rejectRecipients = new Set<string>();
  /** Answer 450 ("try again later", quoting the address) to RCPT TO for these addresses. */
  deferRecipients = new Set<string>();
  private server?: SMTPServer;
  port = 0;

  /** `parse: false` keeps only raw messages and their Message-IDs (benchmarks). */
  constructor(private readonly options: { parse: boolean } = { parse: true }) {}

  async start(port = 0): Promise<this> {
    const options: SMTPServerOptions = {
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      disableReverseLookup: true,
      // Stopping drops open client connections at once, like a server going away.
      closeTimeout: 50,
      size: 10 * 1024 * 1024,
      onMailFrom: (_address, _session, callback) => {
        const full = this.unavailableAfter !== undefined && this.messageIds.length >= this.unavailableAfter;
        if (this.unavailable || full)
          return callback(smtpError(421, 'Service not available, try again later'));
        callback();
      },
      onRcptTo: (address, _session, callback) => {
        if (this.deferRecipients.has(address.address.toLowerCase())) {
          return callback(smtpError(450, `<${address.address}>: Greylisted, try again later`));
        }
        if (this.rejectRecipients.has(address.address.toLowerCase()))
          return callback(smtpError(550, 'Mailbox unavailable'));
        callback();
      },
      onData: (stream, _session, callback) => {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          const raw = Buffer.concat(chunks);
          this.raw.push(raw);
          this.messageIds.push(/^Message-ID:\s*(<[^>]+>)/im.exec(raw.toString('latin1'))?.[1] ?? '');
          if (!this.options.parse) return callback();
          simpleParser(raw)
            .then((mail) => {
              this.received.push(mail);
              callback();
            })
            .catch(callback);
        });
      },
    };
    this.server = new SMTPServer(options);
    await new Promise<void>((resolve, reject) => {
      this.server!.once('error', reject);
      this.server!.listen(port, '127.0.0.1', () => resolve());
    });
    this.port = (this.server.server.address() as AddressInfo).port;
    return this;
  }

  get url(): string {
    return `smtp://127.0.0.1:${this.port}`;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** The first message of one kind (our `X-Promise-Cycle-Kind` header) received for one address. */
  first(address: string, kind: string): ParsedMail {
    const mail = this.to(address).find((m) => m.headers.get('x-promise-cycle-kind') === kind);
    if (!mail) throw new Error(`no ${kind} email to ${address}`);
    return mail;
  }

  /** Messages received for one address. */
  to(address: string): ParsedMail[] {
    return this.received.filter((m) =>
      (Array.isArray(m.to) ? m.to : m.to ? [m.to] : []).some((a) =>
        a.value.some((v) => v.address?.toLowerCase() === address.toLowerCase()),
      ),
    );
  }

  /** How many Message-IDs arrived more than once. */
  duplicates(): number {
    const seen = new Map<string, number>();
    for (const id of this.messageIds) seen.set(id, (seen.get(id) ?? 0) + 1);
    return [...seen.values()].filter((n) => n > 1).length;
  }
}
