import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { CycleConfigSchema } from '../../domain/config';
import type { CycleStatus } from '../../domain/status';
import type { StepInput, StepName } from '../../domain/steps';
import { fullYearSteps, internalMarker, people } from '../fixtures/full-year';
import { uniqueTaskQueue, uniqueWorkflowId } from '../helpers';
import { CycleDriver } from './driver';
import { cycleBundle, cycleTestEnv } from './env';
import { RecordingActivities } from './recording-activities';

describe('human steps: validation, order, signatures', () => {
  let env: TestWorkflowEnvironment;
  let bundle: WorkflowBundleWithSourceMap;
  let worker: Worker;
  let running: Promise<void>;
  const taskQueue = uniqueTaskQueue('steps');
  const recorded = new RecordingActivities();

  beforeAll(async () => {
    [env, bundle] = await Promise.all([cycleTestEnv(), cycleBundle()]);
    worker = await Worker.create({
      connection: env.nativeConnection,
      taskQueue,
      workflowBundle: bundle,
      activities: recorded.activities(),
    });
    running = worker.run();
  }, 120_000);

  afterAll(async () => {
    worker?.shutdown();
    await running;
    await env?.teardown();
  });

  async function newCycle(language: 'sv' | 'en' = 'sv'): Promise<CycleDriver> {
    const steps = fullYearSteps({ today: await env.currentTimeMs(), activities: 3, language });
    const handle = await env.client.workflow.start('promiseCycle', {
      taskQueue,
      workflowId: uniqueWorkflowId('cycle'),
      args: [{ config: CycleConfigSchema.parse(steps.config) }],
    });
    return new CycleDriver(env, handle, steps, recorded);
  }

  /** A rejected step leaves no trace: the history has exactly as many events afterwards. */
  async function rejected<S extends StepName>(d: CycleDriver, step: S, input: StepInput<S>): Promise<string> {
    const before = await d.historyLength();
    const message = await d.rejection(step, input);
    expect(await d.historyLength()).toBe(before);
    return message;
  }

  it('rejects every step that comes before its phase, naming both phases', async () => {
    const d = await newCycle();
    const s = d.steps;
    expect(await rejected(d, 'record-situation-picture', s.situationPicture)).toBe(
      'Steget record-situation-picture hör till fasen "Lokal lägesbild", men cykeln är i fasen "Initiera samverkan".',
    );
    await d.step('confirm-initiation', s.confirmInitiation);
    await d.step('record-situation-picture', s.situationPicture);
    expect(await rejected(d, 'record-citizen-dialogue', s.citizenDialogues[0]!)).toContain(
      '"Medborgardialoger"',
    );
    expect(await rejected(d, 'record-staff-dialogue', s.staffDialogue('how'))).toContain(
      '"Medarbetardialog – HUR"',
    );
    expect(await rejected(d, 'record-joint-picture', s.jointPicture)).toContain(
      'cykeln är i fasen "Medarbetardialog – VAD"',
    );
    await d.step('record-staff-dialogue', s.staffDialogue('what'));
    expect(await rejected(d, 'record-joint-picture', s.jointPicture)).toContain(
      'cykeln är i fasen "Medborgardialoger"',
    );
    expect(await rejected(d, 'draft-document', s.agreementDraft)).toContain('"Samverkansöverenskommelse"');
    expect(await rejected(d, 'submit-activity-plan', s.activityPlan)).toContain('"Aktivitetsplanering"');
    expect(await rejected(d, 'report-progress', s.progress('belysning', people.staff[0].email))).toContain(
      '"Genomförande, uppföljning och återkoppling"',
    );
    await d.terminate();
  });

  it('enforces the minimum number of citizen dialogues', async () => {
    const d = await newCycle();
    const s = d.steps;
    await d.step('confirm-initiation', s.confirmInitiation);
    await d.step('record-situation-picture', s.situationPicture);
    await d.step('record-staff-dialogue', s.staffDialogue('what'));
    await d.step('record-citizen-dialogue', s.citizenDialogues[0]!);
    expect(await rejected(d, 'close-citizen-dialogues', s.closeDialogues)).toBe(
      'Minst 2 medborgardialog(er) krävs innan fasen kan stängas; 1 är registrerade.',
    );
    await d.terminate();
  });

  it('rejects malformed payloads with the field and the reason', async () => {
    const d = await newCycle('en');
    const s = d.steps;
    await d.step('confirm-initiation', s.confirmInitiation);
    expect(
      await rejected(d, 'record-situation-picture', {
        ...s.situationPicture,
        commonProblems: [],
        by: 'not-an-email',
      }),
    ).toBe(
      'record-situation-picture: by: must be an email address; commonProblems: Too small: expected array to have >=1 items',
    );
    await d.step('record-situation-picture', s.situationPicture);
    expect(await rejected(d, 'record-staff-dialogue', { ...s.staffDialogue('what'), participants: 30 })).toBe(
      'record-staff-dialogue: participants: more participants than invited',
    );
    const future = new Date((await env.currentTimeMs()) + 10 * 86_400_000).toISOString().slice(0, 10);
    expect(await rejected(d, 'record-staff-dialogue', { ...s.staffDialogue('what'), date: future })).toBe(
      `date (${future}) is in the future; record the dialogue once it has taken place.`,
    );
    await d.terminate();
  });

  it('rejects unknown people and people in the wrong role', async () => {
    const d = await newCycle('en');
    const s = d.steps;
    expect(
      await rejected(d, 'confirm-initiation', { ...s.confirmInitiation, by: 'stranger@example.com' }),
    ).toBe("stranger@example.com is not one of the cycle's people.");
    expect(
      await rejected(d, 'confirm-initiation', { ...s.confirmInitiation, by: people.staff[0].email }),
    ).toBe(
      'maja.berg@polisen.se may not perform confirm-initiation; that is done by Karin Lind (police coordinator), Omar Haddad (municipal coordinator), Eva Sjöberg (local police area chief).',
    );
    await d.terminate();
  });

  it('orders a deeper citizen dialogue and needs a new one before the joint picture again', async () => {
    const d = await newCycle();
    const s = d.steps;
    await d.toJointPicture();
    await d.step('record-joint-picture', s.deeperDialogue);
    let st = await d.status();
    expect(st.phase).toBe('citizen-dialogues');
    expect(st.citizenDialogues).toEqual({ recorded: 2, minimum: 2, deeperDialogueOrdered: true });
    expect(await rejected(d, 'close-citizen-dialogues', s.closeDialogues)).toContain(
      'fördjupad medborgardialog',
    );
    await d.step('record-citizen-dialogue', s.citizenDialogues[2]!);
    await d.step('close-citizen-dialogues', s.closeDialogues);
    st = await d.status();
    expect(st.phase).toBe('joint-picture');
    await d.step('record-joint-picture', s.jointPicture);
    st = await d.status();
    expect(st.phase).toBe('problem-analysis');
    expect(st.completedSteps.filter((x) => x.step === 'record-joint-picture').map((x) => x.phase)).toEqual([
      'joint-picture',
      'joint-picture',
    ]);
    expect(st.openTasks.map((t) => t.id).sort()).toEqual(['analyse-centrum', 'analyse-gottsunda']);
    await d.terminate();
  });

  it('lets only designated signatories sign, and a new version voids earlier signatures', async () => {
    const d = await newCycle();
    const s = d.steps;
    await d.toJointPicture();
    await d.step('record-joint-picture', s.jointPicture);
    for (const analysis of s.analyses) await d.step('record-problem-analysis', analysis);
    expect(await rejected(d, 'sign', s.sign(people.lpoChief.email, 'agreement', 'a'.repeat(64)))).toBe(
      'Det finns inget utkast till agreement att signera än.',
    );
    await d.step('draft-document', s.agreementDraft);
    const v1 = await d.hash('agreement');
    expect(await rejected(d, 'sign', s.sign(people.policeCoordinator.email, 'agreement', v1))).toBe(
      'karin.lind@polisen.se är inte utsedd att signera.',
    );
    expect(await rejected(d, 'sign', s.sign(people.lpoChief.email, 'agreement', 'b'.repeat(64)))).toContain(
      'aktuella versionen (1)',
    );
    await d.step('sign', s.sign(people.lpoChief.email, 'agreement', v1));
    await d.step('sign', s.sign(people.municipalRepresentative.email, 'agreement', v1));

    await d.step('draft-document', {
      ...s.agreementDraft,
      responsibilities: 'Ändrat: kommunen leder arbetet.',
    });
    const st = await d.status();
    const gate = st.gates.find((g) => g.gate === 'agreement')!;
    expect(gate.document?.version).toBe(2);
    expect(gate.document?.contentHash).not.toBe(v1);
    expect(gate.open).toBe(false);
    expect(gate.signatories.map((p) => [p.email, p.signedHash !== undefined, p.valid])).toEqual([
      [people.lpoChief.email, true, false],
      [people.municipalRepresentative.email, true, false],
      [people.extraSignatories[0].email, false, false],
    ]);
    expect(await rejected(d, 'sign', s.sign(people.lpoChief.email, 'agreement', v1))).toContain(
      'aktuella versionen (2)',
    );
    const version2 = (n: { cycle: { workflowId: string }; gate: string; documentVersion: number }) =>
      n.cycle.workflowId === d.handle.workflowId && n.gate === 'agreement' && n.documentVersion === 2;
    await d.waitForSent(() => recorded.ofKind('signature-request').filter(version2).length === 3);
    expect(
      recorded
        .ofKind('signature-request')
        .filter(version2)
        .map((n) => [n.to[0]?.email, n.contentHash]),
    ).toEqual(s.signatories.map((email) => [email, gate.document?.contentHash]));
    await d.signAll('agreement');
    expect((await d.status()).phase).toBe('staff-dialogue-how');
    await d.terminate();
  });

  it('validates the activity plan as a whole', async () => {
    const d = await newCycle('en');
    const s = d.steps;
    await d.toJointPicture();
    await d.step('record-joint-picture', s.jointPicture);
    for (const analysis of s.analyses) await d.step('record-problem-analysis', analysis);
    await d.step('draft-document', s.agreementDraft);
    await d.signAll('agreement');
    await d.step('record-staff-dialogue', s.staffDialogue('how'));
    const year = s.config.year;
    const [first, ...rest] = s.activityPlan.activities;
    const plan = (changed: Partial<typeof first>) => ({
      ...s.activityPlan,
      activities: [{ ...first!, ...changed }, ...rest],
    });
    expect(await rejected(d, 'submit-activity-plan', plan({ end: `${year + 1}-01-15` }))).toBe(
      `trygghetsvandringar.end (${year + 1}-01-15) is outside the promise period ${year}-01-01 – ${year}-12-31.`,
    );
    expect(await rejected(d, 'submit-activity-plan', plan({ focusAreaId: 'trafik' }))).toBe(
      'The focus area trafik does not lead to a citizen promise.',
    );
    expect(await rejected(d, 'submit-activity-plan', plan({ responsible: 'someone@else.se' }))).toBe(
      "someone@else.se is not one of the cycle's people.",
    );
    expect(
      await rejected(
        d,
        'submit-activity-plan',
        plan({ effectGoal: { ...first!.effectGoal, indicator: 'trygghet', target: 'högre' } }),
      ),
    ).toBe(
      'The effect goal of trygghetsvandringar is not measurable: give a number in the target or the indicator.',
    );
    expect(
      await rejected(d, 'submit-activity-plan', {
        ...s.activityPlan,
        activities: s.activityPlan.activities.filter((a) => a.focusAreaId !== 'gottsunda'),
      }),
    ).toBe('The focus area gottsunda leads to a promise but has no activity.');
    // `after` orders activities: one starts no earlier than the end of those it follows.
    const second = rest[0]!;
    expect(await rejected(d, 'submit-activity-plan', plan({ after: ['no-such-activity'] }))).toBe(
      'The activity trygghetsvandringar follows no-such-activity, which is not in the plan.',
    );
    expect(await rejected(d, 'submit-activity-plan', plan({ after: [second.id], start: second.start }))).toBe(
      `The activity trygghetsvandringar starts ${second.start}, before ${second.id}, which it follows, ends (${second.end}).`,
    );
    const afterFirst = { ...rest[1]!, after: [first!.id], start: first!.end };
    await d.step('submit-activity-plan', { ...s.activityPlan, activities: [first!, second, afterFirst] });
    expect((await d.status()).activities.map((a) => [a.id, a.state])).toEqual(
      s.activityPlan.activities.map((a) => [a.id, 'planned']),
    );
    await d.terminate();
  });

  it('never lets the internal intelligence into the promise or the public view', async () => {
    const d = await newCycle();
    await d.throughPlanning();
    const view = await d.publicView();
    expect(view.promise?.text).toContain('Trygghetsvandringar i centrum');
    expect(JSON.stringify(view)).not.toContain(internalMarker);
    expect(JSON.stringify(view)).not.toContain('@');
    const status = await d.status();
    expect(status.gates.find((g) => g.gate === 'promise')?.document?.text).not.toContain(internalMarker);
    expect(status.gates.find((g) => g.gate === 'agreement')?.document?.text).not.toContain(internalMarker);
    await d.terminate();
  });

  it('records bounced emails in the status and tells the coordinators', async () => {
    recorded.bouncing.add(people.staff[0].email);
    try {
      const d = await newCycle();
      await d.step('confirm-initiation', d.steps.confirmInitiation);
      await d.step('record-situation-picture', d.steps.situationPicture);
      const st = await d.waitFor((x) => x.deliveryFailures.length > 0, 'a delivery failure');
      expect(st.deliveryFailures.map((f) => [f.kind, f.recipient])).toEqual([
        ['staff-dialogue-invitation', people.staff[0].email],
      ]);
      await d.waitForSent(() =>
        recorded.ofKind('delivery-failure').some((n) => n.cycle.workflowId === d.handle.workflowId),
      );
      const notice = recorded
        .ofKind('delivery-failure')
        .find((n) => n.cycle.workflowId === d.handle.workflowId);
      expect(notice?.to.map((p) => p.role)).toEqual(['policeCoordinator', 'municipalCoordinator']);
      expect(notice?.failed[0]?.reason).toBe('550 mailbox unavailable');
      await d.terminate();
    } finally {
      recorded.bouncing.clear();
    }
  });

  it('reschedules an activity on a change with a new end, and drops a cancelled one from the agenda', async () => {
    const d = await newCycle('en');
    await d.throughPlanning();
    const s = d.steps;
    const year = s.config.year;
    const [first, second] = s.activityPlan.activities;
    const by = s.config.people.policeCoordinator.email;
    expect(
      await rejected(d, 'report-change', {
        by,
        activityId: first!.id,
        what: 'Later',
        why: 'Staff',
        newEnd: `${year + 1}-02-01`,
      }),
    ).toBe(`newEnd (${year + 1}-02-01) is outside the promise period ${year}-01-01 – ${year}-12-31.`);
    expect(await rejected(d, 'report-change', { by, activityId: 'nope', what: 'x', why: 'y' })).toBe(
      'The activity nope is not in the activity plan.',
    );
    await d.step('report-change', {
      by,
      activityId: first!.id,
      what: 'Two more walks',
      why: 'Requested by residents',
      newEnd: `${year}-05-31`,
    });
    const mentions = (status: CycleStatus, title: string) =>
      status.nextEvents.some((e) => e.what.endsWith(`: ${title}`));
    expect(mentions(await d.status(), second!.title)).toBe(true);
    await d.step('explain-deviation', {
      by,
      activityId: second!.id,
      explanation: 'The youth centre closes for renovation.',
      cancelled: true,
    });
    const st = await d.status();
    const changed = st.activities.find((a) => a.id === first!.id);
    expect(changed?.end.slice(0, 10)).toBe(`${year}-05-31`);
    expect(changed?.changes.map((c) => c.why)).toEqual(['Requested by residents']);
    expect(st.activities.find((a) => a.id === second!.id)?.state).toBe('cancelled');
    expect(mentions(st, second!.title)).toBe(false);
    expect(await rejected(d, 'complete-activity', s.complete(second!.id, by))).toBe(
      `The activity ${second!.id} is already closed.`,
    );
    await d.terminate();
  });

  // Last in this file: it skips the shared test server's clock two weeks ahead.
  it('reminds only those who have not signed, before the due date, and tells them when it has passed', async () => {
    const d = await newCycle();
    const s = d.steps;
    await d.toJointPicture();
    await d.step('record-joint-picture', s.jointPicture);
    for (const analysis of s.analyses) await d.step('record-problem-analysis', analysis);
    await d.step('draft-document', s.agreementDraft);
    await d.step('sign', s.sign(people.lpoChief.email, 'agreement', await d.hash('agreement')));
    const due = Date.parse((await d.status()).openTasks.find((t) => t.id === 'sign-agreement')!.due!);
    await env.sleep(due - (await env.currentTimeMs()) + 60_000);
    const mine = <T extends { cycle: { workflowId: string } }>(list: T[]) =>
      list.filter((n) => n.cycle.workflowId === d.handle.workflowId);
    await d.waitForSent(() => mine(recorded.ofKind('overdue')).length === 2);
    const unsigned = [people.municipalRepresentative.email, people.extraSignatories[0].email];
    const reminders = mine(recorded.ofKind('reminder')).filter((n) => n.about === 'signature');
    const overdue = mine(recorded.ofKind('overdue')).filter((n) => n.about === 'signature');
    expect(reminders.map((n) => n.to[0]?.email)).toEqual(unsigned);
    expect(overdue.map((n) => n.to[0]?.email)).toEqual(unsigned);
    for (const n of reminders) expect(recorded.sentAt.get(n.key)!).toBeLessThan(due);
    for (const n of overdue) expect(recorded.sentAt.get(n.key)!).toBeGreaterThanOrEqual(due);
    expect(
      (await d.status()).openTasks.find((t) => t.id === 'sign-agreement')?.assignees.map((p) => p.email),
    ).toEqual(unsigned);
    await d.terminate();
  });
});
