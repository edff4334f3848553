import { Context } from '@temporalio/activity';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { closeSmtpPools } from '../../activities/email';
import type { Notification } from '../../domain/notifications';
import { bundleOnce, timeSkippingEnv, uniqueTaskQueue, uniqueWorkflowId } from '../helpers';
import { everyKind, people } from './fixtures';
import { emailActivities, tempDataDir } from './harness';
import { TestSmtpServer } from './smtp-test-server';
import { notifyOnce } from './workflows/notify-once';

describe('notify as a Temporal activity (time-skipping server)', () => {
  let env: TestWorkflowEnvironment;
  let smtp: TestSmtpServer;

  beforeAll(async () => {
    env = await timeSkippingEnv();
  });
  afterAll(async () => {
    await env?.teardown();
  });
  beforeEach(async () => {
    smtp = await new TestSmtpServer().start();
  });
  afterEach(async () => {
    closeSmtpPools();
    await smtp.stop();
  });

  async function run(batch: Notification[], onAttempt: (attempt: number) => void) {
    const { notify } = emailActivities({ dataDir: tempDataDir(), smtpUrl: smtp.url });
    const attempts: number[] = [];
    const taskQueue = uniqueTaskQueue('email');
    const worker = await Worker.create({
      connection: env.nativeConnection,
      taskQueue,
      workflowBundle: await bundleOnce(require.resolve('./workflows/notify-once')),
      activities: {
        notify: async (b: Notification[]) => {
          const attempt = Context.current().info.attempt;
          attempts.push(attempt);
          onAttempt(attempt);
          return notify(b);
        },
      },
    });
    const reports = await worker.runUntil(
      env.client.workflow.execute(notifyOnce, {
        args: [batch],
        taskQueue,
        workflowId: uniqueWorkflowId('notify'),
      }),
    );
    return { reports, attempts };
  }

  it('retries through an SMTP outage with backoff and delivers every message once', async () => {
    const batch = everyKind('sv');
    smtp.unavailableAfter = 4;
    const { reports, attempts } = await run(batch, (attempt) => {
      if (attempt === 3) smtp.unavailableAfter = undefined; // the server recovers before the third attempt
    });
    expect(attempts).toEqual([1, 2, 3]);
    expect(reports.every((r) => r.status === 'sent')).toBe(true);
    expect(smtp.received).toHaveLength(batch.reduce((sum, n) => sum + n.to.length, 0));
    expect(smtp.duplicates()).toBe(0);
  });

  it('reports a rejected recipient after one attempt instead of retrying', async () => {
    smtp.rejectRecipients.add(people.staff.email);
    const batch = everyKind('sv').filter((n) => n.kind === 'activity-start');
    const { reports, attempts } = await run(batch, () => undefined);
    expect(attempts).toEqual([1]);
    expect(reports).toEqual([
      {
        key: batch[0]!.key,
        status: 'failed',
        messageIds: [],
        failures: [{ recipient: people.staff, reason: expect.stringMatching(/550/) }],
      },
    ]);
  });
});
