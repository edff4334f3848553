import { condition } from '@temporalio/workflow';
import { toInstant } from '../../domain/calendar';
import { cadence, dueInstant, remindBefore } from '../../domain/deadlines';
import type { ActivityRef } from '../../domain/notifications';
import type { Recipient } from '../../domain/people';
import { type ActivityRecord, type CycleState, iso, now } from '../state';
import { taskTitles } from '../texts';
import { enterPhase } from './phase';

export const activityTaskId = (id: string) => `activity-${id}`;

/** When an activity counts as late: the morning after its last day (or its end time), on a working day. */
export function lateAt(state: CycleState, a: ActivityRecord): number {
  const afterEnd = /^\d{4}-\d{2}-\d{2}$/.test(a.plan.end) ? dueInstant(a.plan.end) + 86_400_000 : a.end;
  return state.calendar.toWorkingDay(afterEnd);
}

export function activityRef(state: CycleState, a: ActivityRecord): ActivityRef {
  return {
    id: a.plan.id,
    title: a.plan.title,
    focusArea: state.records.focusAreas.find((f) => f.id === a.plan.focusAreaId)?.title ?? a.plan.focusAreaId,
    responsible: a.responsible,
    start: iso(a.start),
    end: iso(a.end),
    productionGoal: a.plan.productionGoal,
    effectGoal: `${a.plan.effectGoal.description} (${a.plan.effectGoal.indicator}: ${a.plan.effectGoal.target})`,
    followUpDate: a.plan.followUp.date,
  };
}

/** Puts an activity's start, end reminder and end check on the agenda (again, after its end moved). */
export function scheduleActivity(state: CycleState, a: ActivityRecord): void {
  const id = a.plan.id;
  const policy = state.config.policy;
  state.agenda.cancelWhere((i) => i.subject === id && i.kind.startsWith('activity-'));
  if (a.completed || a.cancelled) return;
  const startAt = state.calendar.toWorkingDay(dueInstant(a.plan.start));
  if (!a.started)
    state.agenda.schedule({
      id: `${id}/start`,
      at: Math.max(startAt, now()),
      kind: 'activity-start',
      subject: id,
    });
  const late = lateAt(state, a);
  const reminder = remindBefore(state.calendar, late, policy.reminderLead, policy.workingDaysOnly);
  if (reminder > now() && reminder > startAt)
    state.agenda.schedule({ id: `${id}/reminder`, at: reminder, kind: 'activity-reminder', subject: id });
  state.agenda.schedule({ id: `${id}/end`, at: Math.max(late, now()), kind: 'activity-end', subject: id });
  const task = state.tasks.get(activityTaskId(id));
  if (task) task.due = iso(late);
}

/** Cadences count from the first morning of the promise period (or its exact start when a time is given). */
const cadenceBase = (state: CycleState): number => dueInstant(state.config.schedule.promisePeriod.start);

export const followUpOwners = (state: CycleState): Recipient[] => {
  const analyst = state.config.people.analyst;
  return analyst ? [{ ...analyst, role: 'analyst' }] : state.coordinators;
};

function planFollowUps(state: CycleState): void {
  const t = taskTitles(state.language);
  const every = state.config.policy.followUpEvery;
  cadence(state.calendar, cadenceBase(state), state.periodEnd, every)
    .filter((at) => at < state.periodEnd)
    .forEach((at, i) => {
      const id = `cadence-${i + 1}`;
      state.followUps.set(id, {
        id,
        title: t.followUp(i + 1),
        due: state.calendar.toWorkingDay(at),
        owners: followUpOwners(state),
        overdue: false,
      });
    });
  for (const a of state.activities.values()) {
    const id = `activity-${a.plan.id}`;
    const due = state.calendar.toWorkingDay(dueInstant(a.plan.followUp.date));
    state.followUps.set(id, {
      id,
      title: t.activityFollowUp(a.plan.title),
      due,
      owners: [a.responsible],
      activityId: a.plan.id,
      overdue: false,
    });
  }
  const policy = state.config.policy;
  for (const f of state.followUps.values()) {
    const notice = Math.min(
      Math.max(remindBefore(state.calendar, f.due, policy.reminderLead, policy.workingDaysOnly), now()),
      f.due,
    );
    state.agenda.schedule({ id: `follow-up/${f.id}/due`, at: notice, kind: 'follow-up-due', subject: f.id });
    state.agenda.schedule({
      id: `follow-up/${f.id}/overdue`,
      at: Math.max(f.due, now()),
      kind: 'follow-up-overdue',
      subject: f.id,
    });
  }
}

function planFeedback(state: CycleState): void {
  cadence(state.calendar, cadenceBase(state), state.periodEnd, state.config.policy.feedbackEvery).forEach(
    (at, i) => {
      const id = `feedback-${i + 1}`;
      const due = state.calendar.toWorkingDay(at);
      const deadline = state.calendar.due(due, state.config.policy.reminderLead);
      state.feedback.set(id, { id, n: i + 1, due, deadline });
      state.agenda.schedule({
        id: `feedback/${id}`,
        at: Math.max(due, now()),
        kind: 'feedback-due',
        subject: id,
      });
    },
  );
}

/** Phase 11–13: activities, follow-ups and feedback, driven by the agenda until the promise period ends. */
export async function implementation(state: CycleState): Promise<void> {
  enterPhase(state, 'implementation');
  for (const a of state.activities.values()) scheduleActivity(state, a);
  planFollowUps(state);
  planFeedback(state);
  state.agenda.schedule({
    id: 'period-end',
    at: Math.max(state.periodEnd, now()),
    kind: 'period-end',
    subject: 'promise-period',
  });
  await condition(() => state.periodEnded);
}

/** Turns a submitted plan into tracked activities (state `planned`). */
export function trackActivities(state: CycleState): void {
  const plan = state.records.activityPlan;
  if (!plan) return;
  for (const p of plan.activities) {
    const responsible = state.person(p.responsible) ?? {
      name: p.responsible,
      email: p.responsible,
      role: 'staff' as const,
    };
    state.activities.set(p.id, {
      plan: p,
      responsible,
      start: toInstant(p.start),
      end: toInstant(p.end, 'end'),
      started: false,
      reports: [],
      changes: [],
      cancelled: false,
      late: false,
    });
  }
}
