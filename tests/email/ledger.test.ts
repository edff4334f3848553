import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { SentLedger, ledgerDirName } from '../../activities/email/ledger';
import { messageIdFor } from '../../activities/email/message-id';
import { tempDataDir } from './harness';

describe('sent ledger', () => {
  it('remembers a sent message across instances (a restarted worker)', () => {
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
    expect(new SentLedger(dataDir).find(id)).toBeUndefined();

    const entry = {
      messageId: id,
      key: 'k',
      kind: 'signature-request',
      role: 'lpoChief',
      sentAt: '2027-05-01T08:00:00.000Z',
      response: '250 OK',
    };
    new SentLedger(dataDir).recordSent(entry);
    expect(new SentLedger(dataDir).find(id)).toEqual(entry);

    const shards = readdirSync(join(dataDir, ledgerDirName, 'sent'));
    expect(shards).toHaveLength(1);
    expect(shards[0]).toMatch(/^[0-9a-f]{2}$/);
    expect(
      readdirSync(join(dataDir, ledgerDirName, 'sent', shards[0]!)).filter((f) => f.startsWith('.tmp')),
    ).toEqual([]);
  });

  it('numbers invite updates per UID and keeps the number of a notification it has seen', () => {
    const dataDir = tempDataDir();
    const ledger = new SentLedger(dataDir);
    expect(ledger.sequenceFor('activity.a1.end@x', 'wf/activity-a1/activity-start/1')).toBe(0);
    expect(ledger.sequenceFor('activity.a1.end@x', 'wf/activity-a1/reminder/1')).toBe(1);
    expect(new SentLedger(dataDir).sequenceFor('activity.a1.end@x', 'wf/activity-a1/activity-start/1')).toBe(
      0,
    );
    expect(new SentLedger(dataDir).sequenceFor('activity.a1.end@x', 'wf/activity-a1/reminder/2')).toBe(2);
    expect(ledger.sequenceFor('follow-up.q2@x', 'wf/follow-up-q2/follow-up-due/1')).toBe(0);
  });
});
