import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import pino from 'pino';
import { type EmailDeps, createEmailActivities } from '../../activities/email';

export const linkSigningKey = 'test-signing-key-0123456789abcdef';
export const publicBaseUrl = 'https://medborgarloften.test';

const created: string[] = [];

/** A fresh DATA_DIR; under jest it is removed after the test file. */
export function tempDataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'promise-cycle-email-'));
  created.push(dir);
  return dir;
}

if (typeof afterAll === 'function') {
  afterAll(() => {
    for (const dir of created.splice(0)) rmSync(dir, { recursive: true, force: true });
  });
}

/** A pino logger writing JSON lines into an array, to check what the logs reveal. */
export function capturingLogger(): {
  logger: pino.Logger;
  lines: () => Record<string, unknown>[];
  raw: () => string;
} {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      chunks.push(chunk.toString('utf8'));
      done();
    },
  });
  const logger = pino({ level: 'debug' }, stream);
  return {
    logger,
    raw: () => chunks.join(''),
    lines: () =>
      chunks
        .join('')
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l) as Record<string, unknown>),
  };
}

export function emailActivities(overrides: Partial<EmailDeps> & Pick<EmailDeps, 'dataDir'>) {
  return createEmailActivities({
    publicBaseUrl,
    linkSigningKey,
    mailFrom: 'Medborgarlöften <noreply@promise-cycle.test>',
    logger: pino({ level: 'silent' }),
    ...overrides,
  });
}
