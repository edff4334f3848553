import type { WorkflowHandle } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { CycleConfigSchema, cycleWorkflowId } from '../../domain/config';
import { Escalated, OverdueCount } from '../../domain/search-attributes';
import type { CycleStatus } from '../../domain/status';
import { people } from '../fixtures/full-year';
import { CycleDriver } from './driver';
import { cycleWorkerWithSteps } from './env';
import { RecordingActivities } from './recording-activities';

const local = (ms: number | string) =>
  `${new Date(ms).toLocaleString('sv-SE', { timeZone: 'Europe/Stockholm', weekday: 'short' })} ${new Date(ms).toLocaleString('sv-SE', { timeZone: 'Europe/Stockholm' })}`;

/** Midsummer eve: the Friday between 19 and 25 June. */
function midsummerEve(year: number): string {
  for (let day = 19; day <= 25; day++)
    if (new Date(Date.UTC(year, 5, day)).getUTCDay() === 5) return `${year}-06-${day}`;
  throw new Error('no midsummer eve');
}

function firstSaturdayOfSeptember(year: number): string {
  for (let day = 1; day <= 7; day++)
    if (new Date(Date.UTC(year, 8, day)).getUTCDay() === 6) return `${year}-09-0${day}`;
  throw new Error('no Saturday');
}

/**
 * One year in which "trygghetsvandringar" ends on midsummer eve and slips without a word (escalated,
 * later explained), "fritidsgard" is explained before its end (never escalated), the rest run normally.
 */
describe('slips, escalations and working days', () => {
  let env: TestWorkflowEnvironment;
  const recorded = new RecordingActivities();
  let handle: WorkflowHandle;
  let atEscalation:
    { status: CycleStatus; escalated: boolean | undefined; overdue: number | undefined } | undefined;
  let afterExplanation:
    { status: CycleStatus; escalated: boolean | undefined; overdue: number | undefined } | undefined;
  let final: CycleStatus;
  let year = 0;
  let slippingResponsible = '';

  beforeAll(async () => {
    const started = await cycleWorkerWithSteps('escalation', recorded);
    env = started.env;
    const { taskQueue, worker, steps } = started;
    year = steps.config.year;
    const [slipping, explained, normal] = steps.activityPlan.activities;
    slippingResponsible = slipping!.responsible;
    steps.activityPlan.activities = [
      {
        ...slipping!,
        end: midsummerEve(year),
        followUp: { ...slipping!.followUp, date: firstSaturdayOfSeptember(year) },
      },
      explained!,
      normal!,
    ];
    const config = CycleConfigSchema.parse(steps.config);

    await worker.runUntil(async () => {
      handle = await env.client.workflow.start('promiseCycle', {
        taskQueue,
        workflowId: cycleWorkflowId(config.municipality.code, config.year),
        args: [{ config }],
      });
      const driver = new CycleDriver(env, handle, steps, recorded);
      const attributes = async () => {
        const sa = (await handle.describe()).typedSearchAttributes;
        return { escalated: sa.get(Escalated), overdue: sa.get(OverdueCount) };
      };
      await driver.throughPlanning();
      await driver.runYear({
        neglect: new Set(['trygghetsvandringar', 'fritidsgard']),
        onTick: async (st) => {
          const fritidsgard = st.activities.find((a) => a.id === 'fritidsgard');
          if (fritidsgard?.state === 'on-track') {
            await driver.step('explain-deviation', {
              by: explained!.responsible,
              activityId: 'fritidsgard',
              explanation: 'Personalbrist under hösten; öppettiderna förlängs bara två kvällar.',
            });
          }
          if (st.openEscalations > 0 && !atEscalation) {
            atEscalation = { status: st, ...(await attributes()) };
            await driver.step('explain-deviation', {
              by: people.policeCoordinator.email,
              activityId: 'trygghetsvandringar',
              explanation: 'Vandringarna flyttades till hösten på grund av sjukdom.',
            });
            afterExplanation = { status: await driver.status(), ...(await attributes()) };
          }
        },
      });
      await handle.result();
      final = await driver.status();
    });
  }, 600_000);

  afterAll(async () => {
    await env?.teardown();
  });

  it('reminds before the end and tells the responsible on the next working day after midsummer', () => {
    const reminder = recorded
      .ofKind('reminder')
      .find((n) => n.about === 'activity-end' && n.activity?.id === 'trygghetsvandringar');
    const overdue = recorded
      .ofKind('overdue')
      .find((n) => n.about === 'activity-end' && n.title === 'Trygghetsvandringar i centrum');
    expect(reminder && local(recorded.sentAt.get(reminder.key)!)).toBe(`ons ${year}-06-23 08:00:00`);
    expect(overdue && local(recorded.sentAt.get(overdue.key)!)).toBe(`mån ${year}-06-28 08:00:00`);
    expect(overdue?.to.map((p) => p.email)).toEqual([slippingResponsible]);
    expect(overdue?.escalatesAt && local(overdue.escalatesAt)).toBe(`tors ${year}-07-01 08:00:00`);
  });

  it('escalates a slip without explanation to the LPO chief and both coordinators, three working days later', () => {
    const escalations = recorded.ofKind('escalation');
    expect(escalations).toHaveLength(1);
    const [escalation] = escalations;
    expect(escalation?.activity?.id).toBe('trygghetsvandringar');
    expect(escalation?.to.map((p) => p.role)).toEqual([
      'lpoChief',
      'policeCoordinator',
      'municipalCoordinator',
    ]);
    expect(escalation?.workingDaysLate).toBe(3);
    expect(local(recorded.sentAt.get(escalation!.key)!)).toBe(`tors ${year}-07-01 08:00:00`);
    expect(atEscalation?.status.activities.find((a) => a.id === 'trygghetsvandringar')?.state).toBe(
      'overdue',
    );
    expect(atEscalation?.status.openEscalations).toBe(1);
    expect(atEscalation?.status.overdueCount).toBe(1);
    expect(atEscalation?.escalated).toBe(true);
    expect(atEscalation?.overdue).toBe(1);
  });

  it('clears the escalation with a late explanation, kept for the feedback to citizens', () => {
    expect(afterExplanation?.status.openEscalations).toBe(0);
    expect(afterExplanation?.status.escalations[0]?.resolvedAt).toBeDefined();
    expect(afterExplanation?.escalated).toBe(false);
    expect(afterExplanation?.overdue).toBe(0);
    expect(final.activities.find((a) => a.id === 'trygghetsvandringar')?.state).toBe('explained');
    const drafts = recorded.ofKind('feedback-reminder').map((n) => n.draft);
    expect(
      drafts
        .at(-1)
        ?.deviations.map((d) => d.activityId)
        .sort(),
    ).toEqual(['fritidsgard', 'trygghetsvandringar']);
  });

  it('does not escalate an activity explained before its end', () => {
    expect(final.activities.find((a) => a.id === 'fritidsgard')?.state).toBe('explained');
    expect(final.escalations.map((e) => e.subjectId)).toEqual(['trygghetsvandringar']);
    expect(recorded.ofKind('overdue').filter((n) => n.title.includes('fritidsgården'))).toEqual([]);
  });

  it('moves a follow-up due on a Saturday to the Monday after', () => {
    const notice = recorded
      .ofKind('follow-up-due')
      .find((n) => n.followUp.id === 'activity-trygghetsvandringar');
    expect(notice && local(notice.followUp.due).startsWith('mån')).toBe(true);
    const saturday = firstSaturdayOfSeptember(year);
    const monday = new Date(Date.parse(`${saturday}T12:00:00Z`) + 2 * 86_400_000).toISOString().slice(0, 10);
    expect(notice && local(notice.followUp.due)).toBe(`mån ${monday} 08:00:00`);
    expect(notice && local(recorded.sentAt.get(notice.key)!).slice(0, 3)).not.toMatch(/lör|sön/);
  });
});
