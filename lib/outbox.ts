import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { simpleParser as SimpleParser } from 'mailparser';
import { z } from 'zod';

/**
 * The embedded outbox: without SMTP_URL every email is written as an RFC 822 `.eml` file to
 * DATA_DIR/outbox/, named `{UTC time}_{kind}_{message hash}.eml` so that a plain `ls` sorts them by
 * time. The CLI `outbox` command and the dashboard read them through this module.
 */
export const outboxDirName = 'outbox';
export const outboxDir = (dataDir: string): string => join(dataDir, outboxDirName);

/** Headers the email activity adds so an outbox listing can show kind and role without addresses. */
export const customHeaders = {
  kind: 'X-Promise-Cycle-Kind',
  role: 'X-Promise-Cycle-Role',
  key: 'X-Promise-Cycle-Key',
} as const;

const OutboxIdSchema = z.string().regex(/^\d{8}T\d{9}Z_[a-z-]+_[0-9a-f]{12}$/, 'not an outbox message id');

/** `20270625T100000123Z_phase-task_0123456789ab` */
export function outboxId(sentAt: Date, kind: string, messageHash: string): string {
  const time = sentAt.toISOString().replace(/[-:]/g, '').replace('.', '');
  return OutboxIdSchema.parse(`${time}_${kind}_${messageHash.slice(0, 12)}`);
}

export interface OutboxEntry {
  id: string;
  /** ISO time the message was written. */
  time: string;
  kind: string;
  /** Roles of the recipients (never their addresses). */
  toRoles: string[];
  subject: string;
  messageId: string;
  key: string;
}

export interface OutboxMessage extends OutboxEntry {
  to: string[];
  from: string;
  text: string;
  html?: string;
  attachments: { filename: string; contentType: string; size: number }[];
}

const timeOf = (id: string): string => {
  const t = id.slice(0, 19);
  return `${t.slice(0, 4)}-${t.slice(4, 6)}-${t.slice(6, 8)}T${t.slice(9, 11)}:${t.slice(11, 13)}:${t.slice(13, 15)}.${t.slice(15, 18)}Z`;
};

const header = (headers: Map<string, unknown>, name: string): string => {
  const value = headers.get(name.toLowerCase());
  return typeof value === 'string' ? value : '';
};

// Loaded on first read: the worker writes to the outbox through this module but never reads it, and
// mailparser (with its character-set tables) costs a process ~20 MB of memory.
let simpleParser: typeof SimpleParser | undefined;

async function parse(dataDir: string, id: string): Promise<OutboxMessage> {
  const raw = await readFile(join(outboxDir(dataDir), `${OutboxIdSchema.parse(id)}.eml`));
  simpleParser ??= (await import('mailparser')).simpleParser;
  const mail = await simpleParser(raw, { skipImageLinks: true, skipTextToHtml: true });
  const addresses = (Array.isArray(mail.to) ? mail.to : mail.to ? [mail.to] : []).flatMap((a) =>
    a.value.map((v) => v.address ?? ''),
  );
  return {
    id,
    time: timeOf(id),
    kind: header(mail.headers, customHeaders.kind),
    toRoles: header(mail.headers, customHeaders.role)
      .split(',')
      .map((r) => r.trim())
      .filter(Boolean),
    subject: mail.subject ?? '',
    messageId: mail.messageId ?? '',
    key: header(mail.headers, customHeaders.key),
    to: addresses,
    from: mail.from?.text ?? '',
    text: mail.text ?? '',
    html: typeof mail.html === 'string' ? mail.html : undefined,
    attachments: mail.attachments.map((a) => ({
      filename: a.filename ?? '',
      contentType: a.contentType,
      size: a.size,
    })),
  };
}

/** Outbox messages, newest first. */
export async function listOutbox(dataDir: string, options: { limit?: number } = {}): Promise<OutboxEntry[]> {
  let files: string[];
  try {
    files = await readdir(outboxDir(dataDir));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const ids = files
    .filter((f) => f.endsWith('.eml'))
    .map((f) => f.slice(0, -4))
    .filter((id) => OutboxIdSchema.safeParse(id).success)
    .sort()
    .reverse()
    .slice(0, options.limit ?? Number.POSITIVE_INFINITY);
  const entries = await Promise.all(ids.map((id) => parse(dataDir, id)));
  return entries.map(({ id, time, kind, toRoles, subject, messageId, key }) => ({
    id,
    time,
    kind,
    toRoles,
    subject,
    messageId,
    key,
  }));
}

/** One outbox message, decoded: the text part, the HTML part and the attachment list. */
export async function readOutboxMessage(dataDir: string, id: string): Promise<OutboxMessage | undefined> {
  if (!OutboxIdSchema.safeParse(id).success) return undefined;
  try {
    return await parse(dataDir, id);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}
