import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { writeFileDurably } from './atomic-file';

export const ledgerDirName = 'email-ledger';

const SentEntrySchema = z.object({
  messageId: z.string(),
  key: z.string(),
  kind: z.string(),
  role: z.string(),
  sentAt: z.string(),
  response: z.string().optional(),
});
export type SentEntry = z.infer<typeof SentEntrySchema>;

const SequenceFileSchema = z.object({ uid: z.string(), keys: z.array(z.string()) });

const fileNameFor = (id: string): string => createHash('sha256').update(id).digest('hex');

/**
 * The durable record of what has been sent: one marker file per Message-ID under
 * DATA_DIR/email-ledger/sent/{2 hex}/, written (and fsynced) right after the server accepted the message
 * and checked before every send. Also keeps the calendar SEQUENCE per invite UID.
 */
export class SentLedger {
  private readonly sentDir: string;
  private readonly sequenceDir: string;
  private readonly inFlight = new Map<string, Promise<unknown>>();

  constructor(dataDir: string) {
    this.sentDir = join(dataDir, ledgerDirName, 'sent');
    this.sequenceDir = join(dataDir, ledgerDirName, 'ics-sequence');
  }

  /** Sharded by the first two hex digits so that a national year's messages do not crowd one folder. */
  private sentPath(messageId: string): string {
    const name = fileNameFor(messageId);
    return join(this.sentDir, name.slice(0, 2), `${name}.json`);
  }

  async find(messageId: string): Promise<SentEntry | undefined> {
    const text = await readIfExists(this.sentPath(messageId));
    return text === undefined ? undefined : SentEntrySchema.parse(JSON.parse(text));
  }

  async recordSent(entry: SentEntry): Promise<void> {
    await writeFileDurably(this.sentPath(entry.messageId), JSON.stringify(SentEntrySchema.parse(entry)));
  }

  /**
   * Runs `send` for a Message-ID unless an attempt for it is already under way in this process, in
   * which case that attempt's outcome is shared. An activity attempt that timed out can still be
   * sending when Temporal starts the next one; without this, both would send.
   */
  once<T>(messageId: string, send: () => Promise<T>): Promise<T> {
    const running = this.inFlight.get(messageId) as Promise<T> | undefined;
    if (running) return running;
    const attempt = send().finally(() => this.inFlight.delete(messageId));
    this.inFlight.set(messageId, attempt);
    return attempt;
  }

  /**
   * The iCalendar SEQUENCE for an invite: 0 for the first notification that carries the UID, then
   * one more for each later one. The same notification key always gets the same number, so a retry
   * renders the same invite.
   */
  async sequenceFor(uid: string, notificationKey: string): Promise<number> {
    const path = join(this.sequenceDir, `${fileNameFor(uid)}.json`);
    const text = await readIfExists(path);
    const keys = text === undefined ? [] : SequenceFileSchema.parse(JSON.parse(text)).keys;
    const known = keys.indexOf(notificationKey);
    if (known >= 0) return known;
    await writeFileDurably(path, JSON.stringify({ uid, keys: [...keys, notificationKey] }));
    return keys.length;
  }
}

async function readIfExists(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}
