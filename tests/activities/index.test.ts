import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { ApplicationFailure } from '@temporalio/common';
import pino from 'pino';
import { createActivities } from '../../activities';
import type { CycleActivities } from '../../domain/activity-contract';
import type { PublicView } from '../../domain/status';

describe('createActivities', () => {
  let dataDir: string;
  const notify: CycleActivities['notify'] = async (batch) =>
    batch.map((n) => ({ key: n.key, status: 'sent' as const, messageIds: [], failures: [] }));
  const activities = () =>
    createActivities({
      config: {
        dataDir,
        publicBaseUrl: 'https://trygghet.example.se',
        taskQueue: 'q',
        temporalAddress: '127.0.0.1:1',
        namespace: 'default',
        linkSigningKey: 'k'.repeat(32),
        mailFrom: 'noreply@example.se',
        smtpUrl: undefined,
        tls: undefined,
        apiKey: undefined,
      },
      logger: pino({ level: 'silent' }),
      notify,
    });
  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'activities-'));
  });
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it('registers a promise once, however often the activity is retried', async () => {
    const text = 'Medborgarlöfte Sundbyberg 2027';
    const input = {
      workflowId: 'promise-cycle-0183-2027',
      municipalityCode: '0183',
      year: 2027,
      title: text,
      text,
      contentHash: createHash('sha256').update(text).digest('hex'),
    };
    const first = await activities().registerPromise(input);
    const retried = await activities().registerPromise(input);
    expect(retried).toEqual(first);
    expect(first.recordNumber).toMatch(/^A 483\.0001\/\d{4}$/);
  });

  it('fails publication for good (non-retryable) when the view is not public, and writes nothing', async () => {
    const view = {
      municipality: { code: '0183', name: 'Sundbyberg' },
      internalIntelligence: 'hemligt',
    } as unknown as PublicView;
    const failure = await activities()
      .publishPromise({ workflowId: 'w', view })
      .catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(ApplicationFailure);
    expect((failure as ApplicationFailure).nonRetryable).toBe(true);
    expect((failure as ApplicationFailure).message).toMatch(/Refusing to publish/);
    expect(existsSync(join(dataDir, 'public'))).toBe(false);
  });

  it('fails registration for good on a malformed input', async () => {
    const failure = await activities()
      .registerPromise({
        workflowId: 'w',
        municipalityCode: '0183',
        year: 2027,
        title: 't',
        text: 't',
        contentHash: 'x',
      })
      .catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(ApplicationFailure);
    expect((failure as ApplicationFailure).nonRetryable).toBe(true);
  });

  it('passes the injected email activity through and serves the Swedish calendar', async () => {
    const a = activities();
    expect(a.notify).toBe(notify);
    expect((await a.workingCalendar([2027])).nonWorkingDays).toContain('2027-06-25');
  });
});
