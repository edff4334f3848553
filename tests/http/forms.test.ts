import { runStep, startCycle, cycleStatus } from '../../lib/cycles';
import { listOutbox, readOutboxMessage } from '../../lib/outbox';
import { driveToPromiseDraft, eventually, exampleStep, uniqueCycle } from './cycle-fixtures';
import { type Stack, startStack } from './stack';

jest.setTimeout(300_000);

const iso = (offsetMs: number) => new Date(Date.now() + offsetMs).toISOString();

/** The feedback and follow-up task pages: plain HTML forms posted from the links in real emails. */
describe('feedback and follow-up through task links', () => {
  let stack: Stack;
  const start = iso(-30_000);
  const end = iso(15 * 60_000);
  const cycle = uniqueCycle({
    schedule: { promisePeriod: { start, end } },
    // A minute-scale calendar: the first feedback and follow-up fall due a minute into the promise period.
    policy: {
      minCitizenDialogues: 1,
      feedbackEvery: '1m',
      followUpEvery: '1m',
      reminderLead: '1m',
      escalationGrace: '1h',
      workingDaysOnly: false,
    },
  });

  beforeAll(async () => {
    stack = await startStack();
    await startCycle(stack.client, cycle, { taskQueue: stack.taskQueue });
    const plan = exampleStep('submit-activity-plan.yaml') as { activities: Record<string, unknown>[] };
    const inside = {
      start,
      end: iso(14 * 60_000),
      followUp: { method: 'Passrapporter', date: iso(10 * 60_000) },
    };
    const activities = plan.activities.map((a) => ({
      ...a,
      ...inside,
      effectGoal: { ...(a.effectGoal as object), by: iso(12 * 60_000) },
    }));
    const status = await driveToPromiseDraft(stack.client, cycle.workflowId, {
      internalMarker: 'x',
      activityPlan: { ...plan, activities },
    });
    const promise = status.gates.find((g) => g.gate === 'promise')!.document!;
    for (const by of ['karin.holm@example.se', 'ahmed.yilmaz@example.se', 'eva.sjoberg@example.se']) {
      await runStep(stack.client, cycle.workflowId, 'sign', {
        by,
        gate: 'promise',
        contentHash: promise.contentHash,
      });
    }
  });
  afterAll(() => stack?.stop());

  async function linkIn(kind: string, role: string): Promise<string> {
    const entry = await eventually(
      async () =>
        (await listOutbox(stack.dataDir)).find(
          (e) => e.kind === kind && e.key.startsWith(`${cycle.workflowId}/`) && e.toRoles.includes(role),
        ),
      (e) => e !== undefined,
      150_000,
      2_000,
    );
    const text = (await readOutboxMessage(stack.dataDir, entry!.id))!.text;
    return text.match(new RegExp(`${stack.baseUrl}/t/[A-Za-z0-9_.-]+`))![0];
  }
  const post = (link: string, body: URLSearchParams) =>
    fetch(link, { method: 'POST', headers: { origin: stack.baseUrl }, body });

  it('records feedback to citizens from the form; it shows on the public page', async () => {
    const link = await linkIn('feedback-reminder', 'communicator');
    const page = await (await fetch(link)).text();
    expect(page).toContain('<label for="fb-channels">Kanaler</label>');

    const none = new URLSearchParams({
      date: new Date().toISOString().slice(0, 10),
      channels: 'webben',
      summary: 'Ingen publik vald.',
    });
    const refused = await post(link, none);
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain('audiences');

    const body = new URLSearchParams({
      date: new Date().toISOString().slice(0, 10),
      channels: 'kommunens webbplats, lokaltidningen',
      summary: 'Vi har börjat med kvällspassen vid stationen.',
    });
    body.append('audiences', 'citizens');
    body.append('audiences', 'staff');
    const done = await post(link, body);
    expect(done.status).toBe(200);
    const status = await cycleStatus(stack.client, cycle.workflowId);
    expect(
      status.feedback.find((f) => f.summary === 'Vi har börjat med kvällspassen vid stationen.')?.givenAt,
    ).toBeDefined();
    const publicPage = await eventually(
      async () =>
        (await fetch(`${stack.baseUrl}/medborgarloften/${cycle.municipality.code}/${cycle.year}`)).text(),
      (html) => html.includes('Vi har börjat med kvällspassen vid stationen.'),
    );
    expect(publicPage).toContain('Återkoppling hittills');
    expect((await fetch(link)).status).toBe(410);
  });

  it('records a follow-up from the form', async () => {
    const link = await linkIn('follow-up-due', 'analyst');
    expect((await fetch(link)).status).toBe(200);
    const body = new URLSearchParams({
      asPlanned: 'yes',
      resourcesComment: 'Passen gick enligt plan.',
      qualityMet: 'no',
      performanceComment: 'Två pass rapporterades sent.',
      assessment: 'better',
      effectComment: 'Färre anmälningar vid stationen.',
      summary: 'Arbetet går enligt plan.',
      improvements: '',
    });
    const done = await post(link, body);
    expect(done.status).toBe(200);
    const status = await cycleStatus(stack.client, cycle.workflowId);
    expect(status.completedSteps.filter((s) => s.step === 'record-follow-up')).toEqual([
      expect.objectContaining({ by: 'per.nystrom@example.se' }),
    ]);
    expect(status.followUps.filter((f) => f.doneAt)).toHaveLength(1);
  });
});
