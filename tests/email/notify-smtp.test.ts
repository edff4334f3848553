import type { ParsedMail } from 'mailparser';
import ical from 'node-ical';
import { closeSmtpPools } from '../../activities/email';
import type { Notification } from '../../domain/notifications';
import { verifyTaskLink } from '../../lib/task-links';
import { everyKind, people, workflowId } from './fixtures';
import { capturingLogger, emailActivities, linkSigningKey, publicBaseUrl, tempDataDir } from './harness';
import { TestSmtpServer } from './smtp-test-server';

const calendarPart = (mail: ParsedMail): string | undefined => {
  const part = mail.attachments.find((a) => a.contentType.startsWith('text/calendar'));
  return part?.content.toString('utf8');
};

const taskLinkIn = (text: string): string | undefined =>
  new RegExp(`${publicBaseUrl}/t/([A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+)`).exec(text)?.[1];

const onlyEvent = (ics: string): ical.VEvent => {
  const events = Object.values(ical.sync.parseICS(ics)).filter((c): c is ical.VEvent => c?.type === 'VEVENT');
  expect(events).toHaveLength(1);
  return events[0]!;
};

describe('notify through a real SMTP server', () => {
  let smtp: TestSmtpServer;
  beforeEach(async () => {
    smtp = await new TestSmtpServer().start();
  });
  afterEach(async () => {
    closeSmtpPools();
    await smtp.stop();
  });

  it('delivers every kind to its recipients, in Swedish, with personal links and calendar invites', async () => {
    const log = capturingLogger();
    const { notify } = emailActivities({ dataDir: tempDataDir(), smtpUrl: smtp.url, logger: log.logger });
    const batch = everyKind('sv');
    const reports = await notify(batch);

    expect(reports.map((r) => [r.key, r.status, r.failures.length])).toEqual(
      batch.map((n) => [n.key, 'sent', 0]),
    );
    const expectedMessages = batch.reduce((sum, n) => sum + n.to.length, 0);
    expect(smtp.received).toHaveLength(expectedMessages);
    expect(smtp.duplicates()).toBe(0);

    for (const n of batch) {
      for (const recipient of n.to) {
        const mails = smtp
          .to(recipient.email)
          .filter((m) => m.headers.get('x-promise-cycle-kind') === n.kind);
        expect(mails).toHaveLength(1);
        const mail = mails[0]!;
        expect(reports.find((r) => r.key === n.key)!.messageIds).toContain(mail.messageId);
        expect(mail.subject).toBeTruthy();
        expect(mail.text).toContain(`Hej ${recipient.name}`);
        expect(mail.html).toContain('<html lang="sv">');
        expect(mail.html).toContain(`<h1>`);
        // Swedish letters survive the trip through SMTP, in subject, text and HTML.
        expect(mail.text).toMatch(/medborgarlöfte/i);
        expect(`${mail.subject}${mail.text}`).toMatch(/[åäö]/);

        const token = taskLinkIn(mail.text ?? '');
        const isAssignee = n.task?.assignees.some((a) => a.email === recipient.email) ?? false;
        if (isAssignee) {
          expect(token).toBeDefined();
          const verified = verifyTaskLink(linkSigningKey, token!);
          expect(verified).toMatchObject({
            ok: true,
            claims: { wf: workflowId, task: n.task!.id, email: recipient.email },
          });
          expect(mail.text).toContain(
            `promise-cycle ${n.task!.step} --cycle ${workflowId} --as ${recipient.email} ${n.task!.step}.yaml`,
          );
          expect(mail.html).toContain(`href="${publicBaseUrl}/t/${token}"`);
        } else {
          expect(token).toBeUndefined();
          expect(mail.text).toContain(`${publicBaseUrl}/dashboard/cycles/${workflowId}`);
        }
      }
    }

    // Log lines name kind and role, never an address or a body.
    const logged = log.raw();
    for (const person of Object.values(people)) expect(logged).not.toContain(person.email);
    expect(logged).not.toContain('Gränby');
    expect(log.lines().filter((l) => l.outcome === 'sent')).toHaveLength(expectedMessages);
    expect(log.lines().find((l) => l.kind === 'escalation' && l.role === 'lpoChief')).toBeDefined();
  });

  it('writes what to do, why, by when and what happens otherwise, with user text escaped in HTML', async () => {
    const { notify } = emailActivities({ dataDir: tempDataDir(), smtpUrl: smtp.url });
    const batch = everyKind('sv');
    await notify(batch);

    const escalation = smtp.first(people.chief.email, 'escalation');
    expect(escalation.subject).toBe(
      'Eskalering: ”Trygghetsvandring i Gränby <centrum> & parken” är 3 arbetsdagar försenad',
    );
    expect(escalation.text).toContain('Björn Åkesson (medarbetare) ansvarar för');
    expect(escalation.text).toContain('fredag 25 juni 2027 kl. 12.00');
    expect(escalation.text).toContain('ingen förklaring har lämnats');
    expect(escalation.html).toContain('Gränby &lt;centrum&gt; &amp; parken');
    expect(escalation.html).not.toContain('Gränby <centrum>');

    const phaseTask = smtp.first(people.police.email, 'phase-task');
    expect(phaseTask.text).toContain('Fasen ”Lokal lägesbild” har börjat');
    expect(phaseTask.text).toContain('medborgarlöftet för Uppsala 2027');
    expect(phaseTask.text).toContain('måndag 15 februari 2027 kl. 17.00');
    // Only activities and follow-ups escalate; a phase task's email must not say it will.
    expect(phaseTask.text).toContain('står kvar som öppen i översikten tills den är gjord');
    expect(phaseTask.text).not.toContain('eskaleras');
    const followUp = smtp.first(people.police.email, 'follow-up-due');
    expect(followUp.text).toContain('eskaleras ärendet till lokalpolisområdeschefen och samordnarna');
    const activityOverdue = smtp.first(people.staff.email, 'overdue');
    expect(activityOverdue.text).toContain('eller lämna en förklaring');
    expect(activityOverdue.text).toContain('eskaleras ärendet till lokalpolisområdeschefen och samordnarna');
    // A cycle started by last year's: its situation-picture email carries what that year left.
    expect(phaseTask.text).toContain(
      'Avslutande uppföljning:\nOtryggheten i Gränby minskade <tydligt>.\nFortsätt vandringarna under vintern.',
    );
    expect(phaseTask.text).toContain('- Tryggare Gränby: Fler känner sig trygga kvällstid');
    expect(phaseTask.text).toContain('- Trygghetsvandringar: genomförd. Resultat: 12 vandringar genomförda');
    expect(phaseTask.html).toContain('<h2>Från förra årets arbete</h2>');
    expect(phaseTask.html).toContain('minskade &lt;tydligt&gt;.');

    const signature = smtp.first(people.representative.email, 'signature-request');
    expect(signature.html).toContain('överens om att &lt;b&gt;minska&lt;/b&gt;');

    const feedback = smtp.to(people.communicator.email)[0]!;
    expect(feedback.text).toContain('Två vandringar klara, 35 deltagare');
    expect(feedback.text).toContain('Leveransen av armaturer är försenad');
    expect(feedback.text).toContain('0 av 2 aktiviteter är genomförda');
  });

  it('tells the assignees of an overdue task that it stays open, without promising an escalation', async () => {
    const { notify } = emailActivities({ dataDir: tempDataDir(), smtpUrl: smtp.url });
    const phaseTask = everyKind('sv').find((n) => n.kind === 'phase-task')!;
    const overdue: Notification = {
      kind: 'overdue',
      about: 'task',
      key: `${workflowId}/feedback-1/overdue/2027-02-08T07:00:00Z`,
      cycle: phaseTask.cycle,
      to: phaseTask.to,
      task: phaseTask.task,
      title: 'Återkoppling 1 till medborgare och medarbetare',
      due: '2027-02-08T07:00:00Z',
    };
    await notify([overdue]);
    const [mail] = smtp.to(people.police.email);
    expect(mail!.text).toContain(
      'Sista dagen för uppgiften ”Återkoppling 1 till medborgare och medarbetare”',
    );
    expect(mail!.text).toContain('Gör klart det nu.');
    expect(mail!.text).toContain('Det står kvar som försenat i översikten tills det är gjort.');
    expect(mail!.text).not.toContain('eskaleras');
  });

  it('attaches a calendar REQUEST with a stable UID where the email is dated, and bumps SEQUENCE on updates', async () => {
    const { notify } = emailActivities({ dataDir: tempDataDir(), smtpUrl: smtp.url });
    const batch = everyKind('sv');
    await notify(batch);

    const staffInvite = smtp.first(people.staff.email, 'staff-dialogue-invitation');
    const dialogue = onlyEvent(calendarPart(staffInvite)!);
    expect(dialogue.uid).toBe(`${workflowId}.staff-dialogue.what@promise-cycle.local`);
    expect(dialogue.start.toISOString()).toBe('2027-03-10T08:00:00.000Z');
    expect(calendarPart(staffInvite)).toContain('METHOD:REQUEST');
    // A short description: the cycle, what it is about and the link, not the whole email.
    expect(dialogue.description).toMatch(/^Medborgarlöfte .+\n.+\nhttps?:\/\/\S+$/);

    const start = smtp.first(people.staff.email, 'activity-start');
    const reminder = smtp.first(people.staff.email, 'reminder');
    const startEvent = onlyEvent(calendarPart(start)!);
    const reminderEvent = onlyEvent(calendarPart(reminder)!);
    expect(reminderEvent.uid).toBe(startEvent.uid);
    expect(startEvent.start.toISOString()).toBe('2027-06-25T10:00:00.000Z');
    expect([Number(startEvent.sequence), Number(reminderEvent.sequence)]).toEqual([0, 1]);

    const signature = onlyEvent(calendarPart(smtp.first(people.chief.email, 'signature-request'))!);
    expect(signature.uid).toBe(`${workflowId}.signature.agreement@promise-cycle.local`);
    const followUp = onlyEvent(calendarPart(smtp.first(people.police.email, 'follow-up-due'))!);
    expect(followUp.uid).toBe(`${workflowId}.follow-up.q2@promise-cycle.local`);
    expect(followUp.start.toISOString()).toBe('2027-07-01T14:00:00.000Z');

    for (const kind of ['overdue', 'escalation', 'cycle-summary', 'delivery-failure']) {
      const mail = smtp.received.find((m) => m.headers.get('x-promise-cycle-kind') === kind)!;
      expect(calendarPart(mail)).toBeUndefined();
    }
  });

  it('renders an all-day invite for a bare planned date in Stockholm', async () => {
    const { notify } = emailActivities({ dataDir: tempDataDir(), smtpUrl: smtp.url });
    const invitation = everyKind('sv').find((n) => n.kind === 'staff-dialogue-invitation')!;
    await notify([{ ...invitation, plannedDate: '2027-03-10' } as Notification]);
    const ics = calendarPart(smtp.received[0]!)!;
    expect(ics).toContain('DTSTART;VALUE=DATE:20270310');
    expect(smtp.received[0]!.text).toContain('onsdag 10 mars 2027');
  });

  it('writes English when the cycle is in English', async () => {
    const { notify } = emailActivities({ dataDir: tempDataDir(), smtpUrl: smtp.url });
    const batch = everyKind('en');
    await notify(batch);
    expect(smtp.received).toHaveLength(batch.reduce((sum, n) => sum + n.to.length, 0));
    for (const mail of smtp.received) {
      expect(mail.html).toContain('<html lang="en">');
      expect(mail.text).toMatch(/^Citizen promise Uppsala 2027/);
      expect(mail.text).toMatch(/Hello /);
    }
    const escalation = smtp.received.find((m) => m.headers.get('x-promise-cycle-kind') === 'escalation')!;
    expect(escalation.subject).toBe(
      'Escalation: “Trygghetsvandring i Gränby <centrum> & parken” is 3 working days late',
    );
    expect(escalation.text).toContain('Friday 25 June 2027 at 12:00');
  });
});
