import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { lock } from 'proper-lockfile';
import { z } from 'zod';
import type { RegisteredRecord } from '../domain/activity-contract';
import { timeZone } from '../domain/calendar';

export const promiseCaseType = '483' as const;

export const RegistrationSchema = z.object({
  workflowId: z.string().min(1),
  municipalityCode: z.string().regex(/^\d{4}$/),
  year: z.number().int(),
  title: z.string().trim().min(1),
  text: z.string().min(1),
  contentHash: z.string().regex(/^[0-9a-f]{64}$/, 'a SHA-256 hex digest'),
});
export type Registration = z.infer<typeof RegistrationSchema>;

/** The case register (diarium). Registering the same document of the same cycle again returns the first record. */
export interface RecordsRegister {
  register(entry: Registration): Promise<RegisteredRecord>;
  /** Every record, in registration order. */
  list(): Promise<StoredRecord[]>;
}

const StoredRecordSchema = RegistrationSchema.extend({
  recordNumber: z.string(),
  caseType: z.literal(promiseCaseType),
  registeredAt: z.string(),
  registrationYear: z.number().int(),
});
export type StoredRecord = z.infer<typeof StoredRecordSchema>;

/** `A 483.0001/2027`: case type, running number within the registration year, year. */
export const formatRecordNumber = (sequence: number, year: number): string =>
  `A ${promiseCaseType}.${String(sequence).padStart(4, '0')}/${year}`;

const stockholmYear = (date: Date): number =>
  Number(new Intl.DateTimeFormat('en', { timeZone, year: 'numeric' }).format(date));

/**
 * Default register: an append-only JSON-lines file under `{dataDir}/records/`. Appends are
 * serialised in-process and guarded by a lock file across processes; each line is fsynced before
 * the record number is returned, so a retried activity finds its earlier record instead of
 * registering twice.
 */
export class LocalRecordsRegister implements RecordsRegister {
  readonly file: string;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    dataDir: string,
    private readonly now: () => Date = () => new Date(),
  ) {
    const dir = join(dataDir, 'records');
    mkdirSync(dir, { recursive: true });
    this.file = join(dir, 'register.jsonl');
    if (!existsSync(this.file)) closeSync(openSync(this.file, 'a'));
  }

  async register(entry: Registration): Promise<RegisteredRecord> {
    const parsed = RegistrationSchema.parse(entry);
    const next = this.queue.then(() => this.withFileLock(() => this.appendOnce(parsed)));
    this.queue = next.catch(() => undefined);
    return next;
  }

  async list(): Promise<StoredRecord[]> {
    return this.read();
  }

  private async withFileLock<T>(work: () => T): Promise<T> {
    const release = await lock(this.file, {
      stale: 10_000,
      retries: { retries: 100, minTimeout: 5, maxTimeout: 100 },
    });
    try {
      return work();
    } finally {
      await release();
    }
  }

  private appendOnce(entry: Registration): RegisteredRecord {
    const records = this.read();
    const earlier = records.find(
      (r) => r.workflowId === entry.workflowId && r.contentHash === entry.contentHash,
    );
    if (earlier) return toRegistered(earlier);

    const now = this.now();
    const registrationYear = stockholmYear(now);
    const sequence = records.filter((r) => r.registrationYear === registrationYear).length + 1;
    const record: StoredRecord = {
      ...entry,
      recordNumber: formatRecordNumber(sequence, registrationYear),
      caseType: promiseCaseType,
      registeredAt: now.toISOString(),
      registrationYear,
    };
    const raw = readFileSync(this.file, 'utf8');
    // A torn last line (crash mid-write) is left as it is; the new record starts on its own line.
    const prefix = raw.length > 0 && !raw.endsWith('\n') ? '\n' : '';
    const fd = openSync(this.file, 'a');
    try {
      writeSync(fd, `${prefix}${JSON.stringify(record)}\n`);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    return toRegistered(record);
  }

  private read(): StoredRecord[] {
    const records: StoredRecord[] = [];
    for (const line of readFileSync(this.file, 'utf8').split('\n')) {
      if (!line.trim()) continue;
      try {
        const parsed = StoredRecordSchema.safeParse(JSON.parse(line));
        if (parsed.success) records.push(parsed.data);
      } catch {
        // torn line from an interrupted write: it was never acknowledged, so it does not count
      }
    }
    return records;
  }
}

const toRegistered = (r: StoredRecord): RegisteredRecord => ({
  recordNumber: r.recordNumber,
  caseType: r.caseType,
  registeredAt: r.registeredAt,
});
