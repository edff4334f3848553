import type { Client } from '@temporalio/client';
import type { CycleStatus } from '../../domain/status';
import { digestOf, StatusDigestSchema, statusDigestMemoKey } from '../../domain/status-digest';
import { cycleDigest } from '../../lib/cycles';
import { formatStatus } from '../../cli/format-status';
import { render } from '../../http/views';

const karin = { name: 'Karin Holm', email: 'karin.holm@example.se', role: 'policeCoordinator' as const };
const document = {
  gate: 'agreement' as const,
  version: 2,
  text: 'Samverkansöverenskommelse …'.repeat(200),
  contentHash: 'a'.repeat(64),
  draftedAt: '2027-03-01T08:00:00.000Z',
  draftedBy: karin.email,
};

/** A cycle in implementation with one signed gate, one open escalation and one resolved. */
const status: CycleStatus = {
  cycle: {
    workflowId: 'promise-cycle-0183-2027',
    municipalityCode: '0183',
    municipalityName: 'Sundbyberg',
    region: 'Stockholm',
    localPoliceArea: 'LPO Solna',
    year: 2027,
    language: 'sv',
  },
  phase: 'implementation',
  progress: { index: 11, of: 13 },
  startedAt: '2027-01-10T08:00:00.000Z',
  completedSteps: [
    { step: 'confirm-initiation', phase: 'initiation', at: '2027-01-11T08:00:00.000Z', by: karin.email },
  ],
  openTasks: [
    {
      id: 'activity-a1-report',
      step: 'report-progress',
      phase: 'implementation',
      title: 'Rapportera läget för Kvällsnärvaro',
      assignees: [karin],
      due: '2027-05-01T06:00:00.000Z',
      subject: { activityId: 'a1' },
    },
  ],
  gates: [
    {
      gate: 'agreement',
      document,
      signatories: [
        { ...karin, signedAt: '2027-03-02T08:00:00.000Z', signedHash: document.contentHash, valid: true },
        { name: 'Per Ek', email: 'per.ek@example.se', role: 'municipalRepresentative', valid: false },
      ],
      open: false,
    },
    { gate: 'promise', signatories: [], open: false },
  ],
  citizenDialogues: { recorded: 3, minimum: 2, deeperDialogueOrdered: true },
  staffDialogues: { what: true, how: true },
  activities: [
    {
      id: 'a1',
      title: 'Kvällsnärvaro',
      focusAreaId: 'f1',
      responsible: karin,
      start: '2027-04-01T00:00:00.000Z',
      end: '2027-06-30T00:00:00.000Z',
      state: 'on-track',
      percentComplete: 40,
      lastReport: { at: '2027-04-20T08:00:00.000Z', summary: 'Två kvällar i veckan.' },
      changes: [],
    },
  ],
  escalations: [
    {
      id: 'e1',
      about: 'activity',
      subjectId: 'a2',
      title: 'Belysning i gångtunneln',
      raisedAt: '2027-04-10T08:00:00.000Z',
      notified: [karin],
    },
    {
      id: 'e0',
      about: 'activity',
      subjectId: 'a3',
      title: 'Trygghetsvandring',
      raisedAt: '2027-03-10T08:00:00.000Z',
      notified: [karin],
      resolvedAt: '2027-03-12T08:00:00.000Z',
    },
  ],
  openEscalations: 1,
  overdueCount: 1,
  followUps: [
    {
      id: 'fu1',
      title: 'Uppföljning av Kvällsnärvaro',
      due: '2027-06-01T06:00:00.000Z',
      doneAt: '2027-05-30T10:00:00.000Z',
      overdue: false,
    },
    { id: 'fu2', title: 'Uppföljning av året', due: '2027-12-01T06:00:00.000Z', overdue: true },
  ],
  feedback: [
    {
      id: 'fb1',
      due: '2027-06-15T06:00:00.000Z',
      deadline: '2027-06-22T06:00:00.000Z',
      givenAt: '2027-06-14T09:00:00.000Z',
      summary: 'Vi har varit på plats två kvällar i veckan.',
      overdue: false,
    },
  ],
  nextEvents: Array.from({ length: 8 }, (_, i) => ({
    at: `2027-05-0${i + 1}T06:00:00.000Z`,
    what: `händelse ${i}`,
  })),
  promise: { recordNumber: 'A 483.0001/2027', publicUrl: 'https://example.se/medborgarloften/0183/2027' },
  deliveryFailures: [],
};

describe('the status digest', () => {
  it('keeps what managers read and drops documents, history and contact details', () => {
    const digest = digestOf(status);
    expect(StatusDigestSchema.parse(digest)).toEqual(digest);
    expect(digest.openTasks).toEqual([
      {
        title: 'Rapportera läget för Kvällsnärvaro',
        step: 'report-progress',
        assignees: ['Karin Holm'],
        due: '2027-05-01T06:00:00.000Z',
      },
    ]);
    expect(digest.signatures).toEqual([{ gate: 'agreement', version: 2, signed: 1, of: 2, complete: false }]);
    expect(digest.activities[0]).toMatchObject({
      responsible: 'Karin Holm',
      state: 'on-track',
      percentComplete: 40,
    });
    expect(digest.openEscalations).toEqual([
      { title: 'Belysning i gångtunneln', raisedAt: '2027-04-10T08:00:00.000Z' },
    ]);
    expect(digest.nextEvents).toHaveLength(5);
    // Counted, with the next one not done (the full list is in the status query).
    expect(digest.followUps).toEqual({
      of: 2,
      done: 1,
      overdue: 1,
      next: { title: 'Uppföljning av året', due: '2027-12-01T06:00:00.000Z' },
    });
    expect(digest.feedback).toEqual({ of: 1, given: 1, overdue: 0 });
    const text = JSON.stringify(digest);
    expect(text).not.toContain('@example.se');
    expect(text).not.toContain('Samverkansöverenskommelse');
    expect(text.length).toBeLessThan(1500);
  });

  describe('read by cycleDigest', () => {
    const clientWith = (memo: Record<string, unknown> | undefined) => {
      const asked: string[] = [];
      const client = {
        workflow: {
          getHandle: () => ({
            describe: async () => (asked.push('describe'), { memo }),
            query: async () => (asked.push('query'), status),
          }),
        },
      } as unknown as Client;
      return { client, asked };
    };

    it('comes from the memo, without asking a worker', async () => {
      const { client, asked } = clientWith({ [statusDigestMemoKey]: digestOf(status) });
      await expect(cycleDigest(client, status.cycle.workflowId)).resolves.toEqual({
        digest: digestOf(status),
        source: 'memo',
      });
      expect(asked).toEqual(['describe']);
    });

    it('falls back to the status query for a cycle without the memo (started before it existed)', async () => {
      const { client, asked } = clientWith(undefined);
      await expect(cycleDigest(client, status.cycle.workflowId)).resolves.toEqual({
        digest: digestOf(status),
        source: 'query',
      });
      expect(asked).toEqual(['describe', 'query']);
    });

    it('refuses a malformed memo, naming the cycle', async () => {
      const { client } = clientWith({ [statusDigestMemoKey]: { phase: 'nowhere' } });
      await expect(cycleDigest(client, status.cycle.workflowId)).rejects.toThrow(
        /promise-cycle-0183-2027 keeps a malformed status digest/,
      );
    });
  });
});

describe('summaries of a digest: `promise-cycle status` and the page without a worker', () => {
  it('counts follow-ups and feedback, names the overdue ones and the next', () => {
    const text = formatStatus(digestOf(status), 'sv');
    const section = text.split('Uppföljning och återkoppling:\n')[1]!.split('\n\n')[0]!.split('\n');
    expect(section).toEqual([
      expect.stringMatching(
        /^ {2}Uppföljningar: 1 av 2 klara · 1 försenade · nästa: Uppföljning av året, senast \S.+$/,
      ),
      '  Återkopplingar: 1 av 1 lämnade',
    ]);
    const open = formatStatus(
      digestOf({ ...status, feedback: [{ ...status.feedback[0]!, givenAt: undefined }] }),
      'en',
    );
    expect(open).toContain('Follow-up and feedback:');
    expect(open).toMatch(/Feedback rounds: 0 of 1 given · next: Feedback 1 to citizens and staff, due \S.+/);
  });

  it("dates a feedback round by its deadline (its task's due date), not by the day its task opens", () => {
    const open = digestOf({ ...status, feedback: [{ ...status.feedback[0]!, givenAt: undefined }] });
    expect(open.feedback?.next).toEqual({ round: 1, due: '2027-06-22T06:00:00.000Z' });
  });

  it('shows the same on the dashboard page of a cycle no worker answers for', () => {
    const html = render('cycle-digest.eta', {
      lang: 'sv',
      title: 'Sundbyberg 2027',
      digest: digestOf(status),
    });
    const table = html
      .split('<h2 id="h-follow-ups">Uppföljning och återkoppling</h2>')[1]!
      .split('</table>')[0]!;
    const rows = table
      .split('<tr>')
      .slice(2)
      .map((row) =>
        row
          .replace(/<[^>]+>/g, ' ')
          .replace(/\s+/g, ' ')
          .trim(),
      );
    expect(rows).toEqual([
      expect.stringMatching(/^Uppföljningar 1 av 2 1 Uppföljning av året, \S.+$/),
      'Återkopplingar 1 av 1 0',
    ]);
    expect(table).toContain('<time datetime="2027-12-01T06:00:00.000Z">');
  });

  it('reads a digest kept before follow-ups were added, without the section', () => {
    const { followUps: _f, feedback: _b, ...older } = digestOf(status);
    const kept = StatusDigestSchema.parse(older);
    const text = formatStatus(kept, 'sv');
    expect(text).toContain('Kvällsnärvaro');
    expect(text).not.toContain('Uppföljning och återkoppling');
    expect(render('cycle-digest.eta', { lang: 'sv', title: 'x', digest: kept })).not.toContain(
      'h-follow-ups',
    );
  });
});
