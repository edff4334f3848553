import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
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

  constructor(dataDir: string) {
    this.sentDir = join(dataDir, ledgerDirName, 'sent');
    this.sequenceDir = join(dataDir, ledgerDirName, 'ics-sequence');
  }

  /** Sharded by the first two hex digits so that a national year's messages do not crowd one folder. */
  private sentPath(messageId: string): string {
    const name = fileNameFor(messageId);
    return join(this.sentDir, name.slice(0, 2), `${name}.json`);
  }

  find(messageId: string): SentEntry | undefined {
    const path = this.sentPath(messageId);
    if (!existsSync(path)) return undefined;
    return SentEntrySchema.parse(JSON.parse(readFileSync(path, 'utf8')));
  }

  recordSent(entry: SentEntry): void {
    writeFileDurably(this.sentPath(entry.messageId), JSON.stringify(SentEntrySchema.parse(entry)));
  }

  /**
   * The iCalendar SEQUENCE for an invite: 0 for the first notification that carries the UID, then
   * one more for each later one. The same notification key always gets the same number, so a retry
   * renders the same invite.
   */
  sequenceFor(uid: string, notificationKey: string): number {
    const path = join(this.sequenceDir, `${fileNameFor(uid)}.json`);
    const keys = existsSync(path)
      ? SequenceFileSchema.parse(JSON.parse(readFileSync(path, 'utf8'))).keys
      : [];
    const known = keys.indexOf(notificationKey);
    if (known >= 0) return known;
    writeFileDurably(path, JSON.stringify({ uid, keys: [...keys, notificationKey] }));
    return keys.length;
  }
}
