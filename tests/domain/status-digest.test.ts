import type { Client } from '@temporalio/client';
import type { CycleStatus } from '../../domain/status';
import {
  digestBudgetBytes,
  digestOf,
  fitDigest,
  listedCount,
  StatusDigestSchema,
  statusDigestMemoKey,
  utf8Length,
} from '../../domain/status-digest';
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

/** A neglected cycle: every report and follow-up of ten activities open, four escalations, long Swedish titles. */
const crowded: CycleStatus = {
  ...status,
  activities: Array.from({ length: 10 }, (_, i) => ({
    ...status.activities[0]!,
    id: `a${i}`,
    title: `Trygghetsvandring med boende i området kring stationen, del ${i + 1}`,
  })),
  openTasks: Array.from({ length: 20 }, (_, i) => ({
    ...status.openTasks[0]!,
    id: `t${i}`,
    title: `Genomför och rapportera: Trygghetsvandring med boende i området kring stationen, del ${i + 1}`,
    due: `2027-05-${String(10 + i).padStart(2, '0')}T06:00:00.000Z`,
  })),
  escalations: Array.from({ length: 4 }, (_, i) => ({
    ...status.escalations[0]!,
    id: `e${i}`,
    title: `Förbättrad belysning i gångtunneln ${i + 1}`,
  })),
};
const jsonBytes = (value: unknown) => Buffer.byteLength(JSON.stringify(value), 'utf8');

describe('the digest within its budget (the memo stays under the server warning size of 2 KB)', () => {
  it('is returned as it is when it fits', () => {
    const digest = digestOf(status);
    expect(jsonBytes(digest)).toBeLessThan(digestBudgetBytes);
    expect(fitDigest(digest)).toBe(digest);
    expect(digest.omitted).toBeUndefined();
  });

  it('gives up the last entries of its longest lists, and counts them', () => {
    const whole = digestOf(crowded, Number.POSITIVE_INFINITY);
    expect(jsonBytes(whole)).toBeGreaterThan(3 * digestBudgetBytes);
    const fitted = digestOf(crowded);
    expect(jsonBytes(fitted)).toBeLessThanOrEqual(digestBudgetBytes);
    expect(StatusDigestSchema.parse(fitted)).toEqual(fitted);
    for (const list of ['openTasks', 'activities', 'openEscalations', 'nextEvents'] as const) {
      expect(fitted[list]).toEqual(whole[list].slice(0, fitted[list].length));
      expect(listedCount(fitted, list)).toBe(whole[list].length);
    }
    // The twenty tasks gave first, down to the ten activities, and so on: the lists end up within one
    // entry of each other, escalations (the last to give on a tie) among the longest.
    const lengths = (['openTasks', 'activities', 'openEscalations', 'nextEvents'] as const).map(
      (l) => fitted[l].length,
    );
    expect(Math.max(...lengths) - Math.min(...lengths)).toBeLessThanOrEqual(1);
    expect(fitted.openEscalations).toHaveLength(Math.max(...lengths));
    expect(fitted.omitted?.openTasks).toBeGreaterThan(10);
  });

  it('takes from lists of the same length in turn: the next dates first, escalations last', () => {
    const five = <T>(entry: T): T[] => Array.from({ length: 5 }, () => entry);
    const digest = digestOf(crowded, Number.POSITIVE_INFINITY);
    const even = {
      ...digest,
      openTasks: five(digest.openTasks[0]!),
      activities: five(digest.activities[0]!),
      openEscalations: five(digest.openEscalations[0]!),
    };
    const order = ['nextEvents', 'activities', 'openTasks', 'openEscalations'] as const;
    /** What the first `n` entries given up are, taken in turn. */
    const inTurn = (n: number) =>
      Object.fromEntries(order.flatMap((l, i) => (n > i ? [[l, Math.floor((n - 1 - i) / 4) + 1]] : [])));
    const seen = new Set<number>();
    for (let budget = jsonBytes(even); seen.size < 12; budget -= 10) {
      const { omitted = {} } = fitDigest(even, budget);
      const n = Object.values(omitted).reduce((a, b) => a + b, 0);
      expect(omitted).toEqual(inTurn(n));
      if (n > 0) seen.add(n);
    }
  });

  it('counts bytes as UTF-8, as the server does', () => {
    for (const text of ['Kvällsnärvaro', 'Åkesson – “trygg” 🚓', '\u00e5\u20ac\ud83d\ude93', ''])
      expect(utf8Length(text)).toBe(Buffer.byteLength(text, 'utf8'));
  });

  it('says in the CLI summary and on the page how many entries it left out', () => {
    const fitted = digestOf(crowded);
    const omitted = fitted.omitted?.openTasks ?? 0;
    const sv = formatStatus(fitted, 'sv');
    expect(sv).toContain(`  … och ${omitted} till (alla: --json)`);
    expect(formatStatus(fitted, 'en')).toContain(`  … and ${omitted} more (all of them: --json)`);
    expect(sv).toContain('Öppna eskaleringar: 4 ·');
    const html = render('cycle-digest.eta', { lang: 'sv', title: 'Sundbyberg 2027', digest: fitted });
    expect(html).toContain(`<p>Ytterligare ${omitted} visas inte i sammanfattningen.</p>`);
    // Counted with what it left out: one escalation shown, three left out, four open.
    const fewer = {
      ...fitted,
      openEscalations: fitted.openEscalations.slice(0, 1),
      omitted: { openEscalations: 3 },
    };
    expect(formatStatus(fewer, 'sv')).toContain('Öppna eskaleringar: 4 ·');
    expect(render('cycle-digest.eta', { lang: 'en', title: 'x', digest: fewer })).toMatch(
      /<dd>4<\/dd>[\s\S]*3 more not shown in the summary\./,
    );
  });
});
