import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { SentLedger, ledgerDirName } from '../../activities/email/ledger';
import { messageIdFor } from '../../activities/email/message-id';
import { tempDataDir } from './harness';

describe('sent ledger', () => {
  it('remembers a sent message across instances (a restarted worker)', async () => {
    const dataDir = tempDataDir();
    const id = messageIdFor(
      'promise-cycle-0380-2027/sign-agreement/signature-request/1',
      'Marta@Polisen.example',
    );
    expect(id).toBe(
      messageIdFor('promise-cycle-0380-2027/sign-agreement/signature-request/1', 'marta@polisen.example'),
    );
    expect(id).not.toBe(
      messageIdFor('promise-cycle-0380-2027/sign-agreement/signature-request/2', 'marta@polisen.example'),
    );
    expect(await new SentLedger(dataDir).find(id)).toBeUndefined();

    const entry = {
      messageId: id,
      key: 'k',
      kind: 'signature-request',
      role: 'lpoChief',
      sentAt: '2027-05-01T08:00:00.000Z',
      response: '250 OK',
    };
    await new SentLedger(dataDir).recordSent(entry);
    expect(await new SentLedger(dataDir).find(id)).toEqual(entry);

    const shards = readdirSync(join(dataDir, ledgerDirName, 'sent'));
    expect(shards).toHaveLength(1);
    expect(shards[0]).toMatch(/^[0-9a-f]{2}$/);
    expect(
      readdirSync(join(dataDir, ledgerDirName, 'sent', shards[0]!)).filter((f) => f.startsWith('.tmp')),
    ).toEqual([]);
  });

  it('numbers invite updates per UID and keeps the number of a notification it has seen', async () => {
    const dataDir = tempDataDir();
    const ledger = new SentLedger(dataDir);
    expect(await ledger.sequenceFor('activity.a1.end@x', 'wf/activity-a1/activity-start/1')).toBe(0);
    expect(await ledger.sequenceFor('activity.a1.end@x', 'wf/activity-a1/reminder/1')).toBe(1);
    expect(
      await new SentLedger(dataDir).sequenceFor('activity.a1.end@x', 'wf/activity-a1/activity-start/1'),
    ).toBe(0);
    expect(await new SentLedger(dataDir).sequenceFor('activity.a1.end@x', 'wf/activity-a1/reminder/2')).toBe(
      2,
    );
    expect(await ledger.sequenceFor('follow-up.q2@x', 'wf/follow-up-q2/follow-up-due/1')).toBe(0);
  });

  it('shares an attempt already under way for the same Message-ID instead of starting another', async () => {
    const ledger = new SentLedger(tempDataDir());
    const releases: (() => void)[] = [];
    const slowSend = () =>
      new Promise<string>((resolve) => {
        const n = releases.length + 1;
        releases.push(() => resolve(`sent #${n}`));
      });
    const first = ledger.once('<m1@x>', slowSend);
    const retry = ledger.once('<m1@x>', slowSend); // a retried activity attempt while the first still sends
    const other = ledger.once('<m2@x>', slowSend);
    expect(releases).toHaveLength(2);
    releases.forEach((release) => release());
    expect([await first, await retry, await other]).toEqual(['sent #1', 'sent #1', 'sent #2']);
    expect(await ledger.once('<m1@x>', async () => 'again')).toBe('again'); // settled: no longer in flight
  });
});
