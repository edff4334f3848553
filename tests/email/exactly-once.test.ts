import { ApplicationFailure } from '@temporalio/common';
import { closeSmtpPools } from '../../activities/email';
import type { Notification } from '../../domain/notifications';
import { everyKind, people } from './fixtures';
import { capturingLogger, emailActivities, tempDataDir } from './harness';
import { TestSmtpServer } from './smtp-test-server';

const messagesIn = (batch: Notification[]): number => batch.reduce((sum, n) => sum + n.to.length, 0);

/** Simulates a worker dying: the first time the hook runs it throws, later runs pass. */
function crashOnce(): { hook: (id: string) => void; crashedAt: () => string | undefined } {
  let crashedAt: string | undefined;
  return {
    hook: (id) => {
      if (crashedAt === undefined) {
        crashedAt = id;
        throw new Error('simulated worker crash');
      }
    },
    crashedAt: () => crashedAt,
  };
}

describe('exactly-once delivery', () => {
  let smtp: TestSmtpServer;
  beforeEach(async () => {
    smtp = await new TestSmtpServer().start();
  });
  afterEach(async () => {
    closeSmtpPools();
    await smtp.stop();
  });

  it('does not send again when a retry follows a crash after the send was recorded', async () => {
    const dataDir = tempDataDir();
    const batch = everyKind('sv').slice(0, 4);
    const crash = crashOnce();
    await expect(
      emailActivities({ dataDir, smtpUrl: smtp.url, faults: { afterRecorded: crash.hook } }).notify(batch),
    ).rejects.toThrow('simulated worker crash');
    // The crash hit after the first recorded message; the notification's other recipients were in flight in parallel.
    expect(smtp.received.length).toBeGreaterThanOrEqual(1);
    expect(smtp.received.length).toBeLessThanOrEqual(batch[0]!.to.length);

    // The retry runs in a "new worker process": a fresh activity instance on the same data directory.
    const reports = await emailActivities({ dataDir, smtpUrl: smtp.url }).notify(batch);
    expect(reports.every((r) => r.status === 'sent')).toBe(true);
    expect(reports.flatMap((r) => r.messageIds)).toContain(crash.crashedAt());
    expect(smtp.received).toHaveLength(messagesIn(batch));
    expect(smtp.duplicates()).toBe(0);

    // A third run (say, the workflow replays the same batch) sends nothing.
    await emailActivities({ dataDir, smtpUrl: smtp.url }).notify(batch);
    expect(smtp.received).toHaveLength(messagesIn(batch));
  });

  it('repeats the same Message-ID when the crash falls between the server accepting and the ledger write', async () => {
    const dataDir = tempDataDir();
    const batch = everyKind('sv').slice(0, 1);
    const crash = crashOnce();
    await expect(
      emailActivities({ dataDir, smtpUrl: smtp.url, faults: { afterAccepted: crash.hook } }).notify(batch),
    ).rejects.toThrow();
    await emailActivities({ dataDir, smtpUrl: smtp.url }).notify(batch);
    // The one documented window: the message goes out twice, but as the same message, so receivers can drop it.
    const copies = smtp.received.filter((m) => m.messageId === crash.crashedAt());
    expect(copies).toHaveLength(2);
    expect(smtp.received).toHaveLength(messagesIn(batch) + 1);
  });

  it('throws a retryable failure while the server answers 421, then delivers everything once', async () => {
    const dataDir = tempDataDir();
    const batch = everyKind('sv');
    const { notify } = emailActivities({ dataDir, smtpUrl: smtp.url });
    smtp.unavailableAfter = 5;
    const failure = await notify(batch).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(failure).toBeInstanceOf(ApplicationFailure);
    expect(failure).toMatchObject({ type: 'TemporaryMailFailure', nonRetryable: false });
    expect((failure as Error).message).toMatch(/421/);
    // Recipients of one notification go out in parallel, so a few MAIL FROMs may pass the fifth.
    const beforeOutage = smtp.received.length;
    expect(beforeOutage).toBeGreaterThanOrEqual(5);
    expect(beforeOutage).toBeLessThan(messagesIn(batch));

    // Still down: the next attempt fails again without sending anything twice.
    await expect(notify(batch)).rejects.toBeInstanceOf(ApplicationFailure);
    expect(smtp.received).toHaveLength(beforeOutage);

    smtp.unavailableAfter = undefined;
    const reports = await notify(batch);
    expect(reports.every((r) => r.status === 'sent')).toBe(true);
    expect(smtp.received).toHaveLength(messagesIn(batch));
    expect(smtp.duplicates()).toBe(0);
  });

  it('survives the server going away and coming back on the same port', async () => {
    const dataDir = tempDataDir();
    const [first, ...rest] = everyKind('sv');
    const { notify } = emailActivities({ dataDir, smtpUrl: smtp.url });
    await notify([first!]);
    const port = smtp.port;
    const earlier = smtp.received.length;
    await smtp.stop();

    const failure = await notify(rest).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(failure).toMatchObject({ type: 'TemporaryMailFailure', nonRetryable: false });

    const restarted = await new TestSmtpServer().start(port);
    try {
      await notify([first!, ...rest]);
      expect(earlier + restarted.received.length).toBe(messagesIn([first!, ...rest]));
      expect(restarted.received.map((m) => m.messageId)).not.toContain(smtp.received[0]!.messageId);
      expect(restarted.duplicates()).toBe(0);
    } finally {
      closeSmtpPools();
      await restarted.stop();
    }
  });

  it('reports a rejected recipient (550) and an invalid address as failures, without retrying them', async () => {
    const dataDir = tempDataDir();
    smtp.rejectRecipients.add(people.representative.email);
    const signature = everyKind('sv').find((n) => n.kind === 'signature-request')!;
    const broken = {
      ...signature,
      key: `${signature.key}-2`,
      to: [{ ...people.staff, email: 'not an address' }, people.police],
    } as Notification;
    const { notify } = emailActivities({ dataDir, smtpUrl: smtp.url });

    const reports = await notify([signature, broken]);
    expect(reports[0]).toMatchObject({ key: signature.key, status: 'failed' });
    expect(reports[0]!.messageIds).toHaveLength(1);
    expect(reports[0]!.failures).toEqual([
      { recipient: people.representative, reason: expect.stringMatching(/550 Mailbox unavailable/) },
    ]);
    expect(reports[1]!.failures).toEqual([
      { recipient: { ...people.staff, email: 'not an address' }, reason: 'invalid email address syntax' },
    ]);
    expect(smtp.received.map((m) => m.headers.get('x-promise-cycle-role'))).toEqual([
      'lpoChief',
      'policeCoordinator',
    ]);

    // Asking again gives the same answer and re-sends nothing that was delivered.
    const again = await notify([signature, broken]);
    expect(again.map((r) => r.failures.length)).toEqual([1, 1]);
    expect(smtp.received).toHaveLength(2);
  });

  it('treats 450 for a recipient as temporary and keeps the address out of the logs', async () => {
    const log = capturingLogger();
    const [phaseTask] = everyKind('sv');
    smtp.deferRecipients.add(people.municipal.email);
    const { notify } = emailActivities({ dataDir: tempDataDir(), smtpUrl: smtp.url, logger: log.logger });
    await expect(notify([phaseTask!])).rejects.toMatchObject({
      type: 'TemporaryMailFailure',
      nonRetryable: false,
      message: expect.stringMatching(/450/),
    });
    expect(log.raw()).toContain('Greylisted');
    expect(log.raw()).not.toContain(people.municipal.email);
    expect(log.raw()).not.toContain(people.police.email);

    smtp.deferRecipients.clear();
    await notify([phaseTask!]);
    expect(smtp.received.map((m) => m.headers.get('x-promise-cycle-role')).sort()).toEqual([
      'municipalCoordinator',
      'policeCoordinator',
    ]);
  });

  it('sends one message to a person named twice in the same notification', async () => {
    const [phaseTask] = everyKind('sv');
    const twice = {
      ...phaseTask!,
      to: [people.police, { ...people.police, email: people.police.email.toUpperCase() }],
    };
    const { notify } = emailActivities({ dataDir: tempDataDir(), smtpUrl: smtp.url });
    const [report] = await notify([twice]);
    expect(report!.messageIds).toHaveLength(1);
    expect(smtp.received).toHaveLength(1);
  });

  it('refuses a malformed batch as a non-retryable failure', async () => {
    const { notify } = emailActivities({ dataDir: tempDataDir(), smtpUrl: smtp.url });
    const [n] = everyKind('sv');
    await expect(notify([{ ...n!, key: '' }])).rejects.toMatchObject({
      type: 'InvalidNotification',
      nonRetryable: true,
    });
    await expect(notify([n!, n!])).rejects.toMatchObject({ message: expect.stringMatching(/unique/) });
    expect(smtp.received).toHaveLength(0);
  });
});
