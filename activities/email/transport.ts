import { connect, type Socket } from 'node:net';
import { join } from 'node:path';
import nodemailer from 'nodemailer';
import type Mail from 'nodemailer/lib/mailer';
import { parseConnectionUrl } from 'nodemailer/lib/shared';
import { outboxDir, outboxId } from '../../lib/outbox';
import { writeFileDurably } from './atomic-file';

export interface Accepted {
  /** The server's answer, e.g. `250 OK: queued`, or the outbox file name. */
  response: string;
}

/** Where messages go: a real SMTP server, or the embedded outbox folder. */
export interface MailTransport {
  readonly mode: 'smtp' | 'outbox';
  send(
    mail: Mail.Options & { messageId: string },
    meta: { kind: string; messageHash: string },
  ): Promise<Accepted>;
}

const smtpPools = new Map<string, nodemailer.Transporter>();

type SocketCallback = (err: Error | null, socketOptions?: { connection: Socket }) => void;

/**
 * Opens the TCP connection for nodemailer with Nagle's algorithm off. nodemailer leaves it on, and
 * the end of each message's DATA then waits for the server's delayed ACK (about 40 ms on Linux):
 * with it on, one pooled connection sends ~20 messages a second, with it off several times more
 * (`npm run bench:email`). TLS (`smtps:`) and STARTTLS still happen in nodemailer, over this socket.
 */
export function openSmtpSocket(
  options: { host?: string; port?: number; localAddress?: string; connectionTimeout?: number },
  callback: SocketCallback,
): void {
  const socket = connect({
    host: options.host ?? 'localhost',
    port: options.port ?? 25,
    localAddress: options.localAddress,
    noDelay: true,
  });
  let settled = false;
  const settle = (err: Error | null) => {
    if (settled) return;
    settled = true;
    socket.setTimeout(0);
    socket.removeListener('error', settle);
    if (err) {
      socket.destroy();
      callback(err);
    } else callback(null, { connection: socket });
  };
  socket.once('connect', () => settle(null));
  socket.once('error', settle);
  socket.setTimeout(options.connectionTimeout ?? 10_000, () =>
    settle(Object.assign(new Error('Connection timeout'), { code: 'ETIMEDOUT' })),
  );
}

/** One pooled SMTP transport per SMTP URL and worker process, reused by every activity. */
function pooledTransporter(smtpUrl: string): nodemailer.Transporter {
  let transporter = smtpPools.get(smtpUrl);
  if (!transporter) {
    // Parsed here: nodemailer ignores every other option (pool included) when given `url`.
    transporter = nodemailer.createTransport({
      ...parseConnectionUrl(smtpUrl),
      pool: true,
      maxConnections: 4,
      maxMessages: 500,
      connectionTimeout: 10_000,
      greetingTimeout: 10_000,
      socketTimeout: 30_000,
      getSocket: openSmtpSocket,
    });
    smtpPools.set(smtpUrl, transporter);
  }
  return transporter;
}

export function smtpTransport(smtpUrl: string): MailTransport {
  const transporter = pooledTransporter(smtpUrl);
  return {
    mode: 'smtp',
    async send(mail) {
      const info = await transporter.sendMail(mail);
      return { response: String(info.response ?? '') };
    },
  };
}

/** Closes the pooled SMTP connections (worker shutdown, tests). */
export function closeSmtpPools(): void {
  for (const transporter of smtpPools.values()) transporter.close();
  smtpPools.clear();
}

/** The embedded default: the raw RFC 822 message, built by nodemailer, written as an .eml file. */
export function outboxTransport(dataDir: string, now: () => Date = () => new Date()): MailTransport {
  const builder = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  return {
    mode: 'outbox',
    async send(mail, meta) {
      const info = await builder.sendMail(mail);
      const id = outboxId(now(), meta.kind, meta.messageHash);
      writeFileDurably(join(outboxDir(dataDir), `${id}.eml`), info.message as Buffer);
      return { response: `written to outbox as ${id}.eml` };
    },
  };
}
