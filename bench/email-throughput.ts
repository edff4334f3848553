/**
 * Sends 1,000 emails through the pooled SMTP transport to an in-process SMTP server on 127.0.0.1
 * and prints messages per second and duplicates (must be 0). `npm run bench:email [count]`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { closeSmtpPools, createEmailActivities } from '../activities/email';
import type { Notification } from '../domain/notifications';
import { everyKind } from '../tests/email/fixtures';
import { TestSmtpServer } from '../tests/email/smtp-test-server';
import { BenchUsageError, reportBenchFailure } from './usage-error';

async function main(): Promise<void> {
  const total = Number(process.argv[2] ?? 1000);
  if (!Number.isInteger(total) || total < 1)
    throw new BenchUsageError(
      `npm run bench:email -- [emails, 1000]: "${process.argv[2]}" is not a whole number ≥ 1`,
    );
  const templates = everyKind('sv');
  const batches: Notification[][] = [];
  let count = 0;
  for (let round = 0; count < total; round++) {
    const batch: Notification[] = [];
    for (const n of templates) {
      if (count >= total) break;
      const to = n.to.slice(0, total - count);
      batch.push({ ...n, key: `${n.key}/bench-${round}`, to } as Notification);
      count += to.length;
    }
    batches.push(batch);
  }

  const smtp = await new TestSmtpServer({ parse: false }).start();
  // BENCH_DATA_DIR=/dev/shm measures without disk fsync cost.
  const dataDir = mkdtempSync(join(process.env.BENCH_DATA_DIR ?? tmpdir(), 'email-bench-'));
  const { notify } = createEmailActivities({
    dataDir,
    smtpUrl: smtp.url,
    publicBaseUrl: 'https://medborgarloften.test',
    linkSigningKey: 'bench-signing-key-0123456789abcdef',
    mailFrom: 'Medborgarlöften <noreply@promise-cycle.test>',
    logger: pino({ level: 'silent' }),
  });
  const started = process.hrtime.bigint();
  // Several batches in flight at once, as several workflows would call notify concurrently.
  const concurrency = 4;
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < batches.length) await notify(batches[next++]!);
    }),
  );
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  // Sending the same batches again must send nothing: the ledger remembers every message.
  for (const batch of batches) await notify(batch);
  closeSmtpPools();
  await smtp.stop();
  rmSync(dataDir, { recursive: true, force: true });

  const result = {
    sent: count,
    received: smtp.messageIds.length,
    duplicates: smtp.duplicates(),
    seconds: Number(seconds.toFixed(2)),
    messagesPerSecond: Number((smtp.messageIds.length / seconds).toFixed(1)),
  };
  console.log(JSON.stringify(result));
  console.log(
    `${result.received} emails in ${result.seconds} s: ${result.messagesPerSecond} messages/s, duplicates: ${result.duplicates}`,
  );
  if (result.duplicates !== 0 || result.received !== count) process.exitCode = 1;
}

main().catch(reportBenchFailure);
