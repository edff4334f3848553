import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';
import ical from 'node-ical';
import { listOutbox, outboxDir, readOutboxMessage } from '../../lib/outbox';
import { verifyTaskLink } from '../../lib/task-links';
import { everyKind, people } from './fixtures';
import { emailActivities, linkSigningKey, tempDataDir } from './harness';

describe('embedded outbox (no SMTP_URL)', () => {
  it('writes every email as a readable .eml file, once', async () => {
    const dataDir = tempDataDir();
    let clock = Date.parse('2027-02-01T08:00:00Z');
    const { notify } = emailActivities({ dataDir, now: () => new Date((clock += 1000)) });
    const batch = everyKind('sv');
    const reports = await notify(batch);
    expect(reports.every((r) => r.status === 'sent')).toBe(true);

    const files = readdirSync(outboxDir(dataDir)).filter((f) => f.endsWith('.eml'));
    const expected = batch.reduce((sum, n) => sum + n.to.length, 0);
    expect(files).toHaveLength(expected);
    expect(readdirSync(outboxDir(dataDir)).filter((f) => f.startsWith('.tmp'))).toHaveLength(0);

    // A raw file is a real RFC 822 message: parse it back.
    const escalationFile = files.find((f) => f.includes('_escalation_'))!;
    const parsed = await simpleParser(readFileSync(join(outboxDir(dataDir), escalationFile)));
    expect(parsed.subject).toMatch(/^Eskalering: /);
    expect(parsed.text).toContain('ingen förklaring har lämnats');
    expect(parsed.messageId).toMatch(/^<[0-9a-f]{64}@promise-cycle\.local>$/);

    // Sending the same batch again adds nothing.
    await notify(batch);
    expect(readdirSync(outboxDir(dataDir)).filter((f) => f.endsWith('.eml'))).toHaveLength(expected);
  });

  it('lists messages newest first by kind and role, and shows one decoded', async () => {
    const dataDir = tempDataDir();
    let clock = Date.parse('2027-02-01T08:00:00Z');
    const { notify } = emailActivities({ dataDir, now: () => new Date((clock += 1000)) });
    const batch = everyKind('sv');
    await notify(batch);

    const entries = await listOutbox(dataDir);
    expect(entries.map((e) => e.time)).toEqual([...entries.map((e) => e.time)].sort().reverse());
    // The first notification goes to both coordinators in parallel; either copy may be the oldest.
    const oldest = entries[entries.length - 1]!;
    expect(oldest.kind).toBe('phase-task');
    expect(['policeCoordinator', 'municipalCoordinator']).toContain(oldest.toRoles[0]);
    expect(entries[0]).toMatchObject({
      kind: 'cycle-summary',
      subject: 'Årsrapport: medborgarlöftet för Uppsala 2027',
    });
    expect(JSON.stringify(entries)).not.toContain('@polisen.example');
    expect(await listOutbox(dataDir, { limit: 3 })).toHaveLength(3);

    const signature = entries.find(
      (e) => e.kind === 'signature-request' && e.toRoles.includes('municipalRepresentative'),
    )!;
    const message = (await readOutboxMessage(dataDir, signature.id))!;
    expect(message.to).toEqual([people.representative.email]);
    expect(message.text).toContain('Hej Göran Nyström');
    expect(message.html).toContain('<html lang="sv">');
    const token = /\/t\/([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+)/.exec(message.text)![1]!;
    expect(verifyTaskLink(linkSigningKey, token, new Date('2027-02-01'))).toMatchObject({
      ok: true,
      claims: { task: 'sign-agreement', email: people.representative.email },
    });
    const invite = message.attachments.find((a) => a.contentType.startsWith('text/calendar'));
    expect(invite).toBeDefined();

    const raw = readFileSync(join(outboxDir(dataDir), `${signature.id}.eml`), 'utf8');
    const events = Object.values(
      ical.sync.parseICS(
        (await simpleParser(raw)).attachments
          .find((a) => a.contentType.startsWith('text/calendar'))!
          .content.toString(),
      ),
    );
    expect(events.find((e) => e?.type === 'VEVENT')).toMatchObject({
      uid: 'promise-cycle-0380-2027.signature.agreement@promise-cycle.local',
    });

    expect(await readOutboxMessage(dataDir, '../../etc/passwd')).toBeUndefined();
    expect(await readOutboxMessage(dataDir, '20990101T000000000Z_phase-task_000000000000')).toBeUndefined();
    expect(await listOutbox(tempDataDir())).toEqual([]);
  });
});
