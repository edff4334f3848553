import { patched } from '@temporalio/workflow';
import type { Recipient } from '../domain/people';
import type { AgendaItem } from './agenda';
import { raiseEscalation, workingDaysBetween } from './escalations';
import { activityRef, activityTaskId, lateAt } from './phases/implementation';
import { feedbackOverduePatch } from './patches';
import { remindSignatories } from './phases/signature-gate';
import { progressDraft } from './progress-draft';
import { type CycleState, covered, iso, now } from './state';
import { remindTask } from './tasks';
import { taskTitles } from './texts';

function activityItem(state: CycleState, item: AgendaItem): void {
  const a = state.activities.get(item.subject);
  if (!a || a.completed || a.cancelled) return;
  const ref = activityRef(state, a);
  const late = lateAt(state, a);
  const to = [a.responsible];
  switch (item.kind) {
    case 'activity-start': {
      a.started = true;
      const task = state.openTask({
        id: activityTaskId(a.plan.id),
        step: 'complete-activity',
        phase: state.phase,
        title: taskTitles(state.language).activity(a.plan.title),
        assignees: to,
        due: iso(late),
        subject: { activityId: a.plan.id },
      });
      state.send({
        kind: 'activity-start',
        subject: task.id,
        occurrence: iso(a.start),
        to,
        task,
        activity: ref,
      });
      return;
    }
    case 'activity-reminder':
      state.send({
        kind: 'reminder',
        about: 'activity-end',
        subject: activityTaskId(a.plan.id),
        occurrence: iso(a.end),
        to,
        task: state.tasks.get(activityTaskId(a.plan.id)),
        title: a.plan.title,
        due: iso(late),
        activity: ref,
      });
      return;
    case 'activity-end': {
      a.late = true;
      if (covered(a)) return;
      const escalatesAt = state.calendar.due(late, state.config.policy.escalationGrace);
      state.send({
        kind: 'overdue',
        about: 'activity-end',
        subject: activityTaskId(a.plan.id),
        occurrence: iso(a.end),
        to,
        task: state.tasks.get(activityTaskId(a.plan.id)),
        title: a.plan.title,
        due: iso(late),
        escalatesAt: iso(escalatesAt),
      });
      state.agenda.schedule({
        id: `${a.plan.id}/escalation`,
        at: escalatesAt,
        kind: 'activity-escalation',
        subject: a.plan.id,
      });
      return;
    }
    case 'activity-escalation': {
      if (covered(a)) return;
      const escalation = raiseEscalation(state, 'activity', a.plan.id, a.plan.title);
      if (!escalation) return;
      state.send({
        kind: 'escalation',
        subject: escalation.id,
        occurrence: iso(a.end),
        to: escalation.notified,
        activity: ref,
        lateSince: iso(late),
        workingDaysLate: workingDaysBetween(state, late, now()),
      });
      return;
    }
  }
}

function followUpItem(state: CycleState, item: AgendaItem): void {
  const f = state.followUps.get(item.subject);
  if (!f || f.done) return;
  const activity = f.activityId ? state.activities.get(f.activityId) : undefined;
  const followUp = {
    id: f.id,
    title: f.title,
    due: iso(f.due),
    activity: activity ? activityRef(state, activity) : undefined,
  };
  const taskId = `follow-up-${f.id}`;
  switch (item.kind) {
    case 'follow-up-due': {
      const task = state.openTask({
        id: taskId,
        step: 'record-follow-up',
        phase: state.phase,
        title: f.title,
        assignees: f.owners,
        due: iso(f.due),
        subject: { followUpId: f.id, activityId: f.activityId },
      });
      state.send({
        kind: 'follow-up-due',
        subject: taskId,
        occurrence: iso(f.due),
        to: f.owners,
        task,
        followUp,
      });
      return;
    }
    case 'follow-up-overdue': {
      f.overdue = true;
      const escalatesAt = state.calendar.due(f.due, state.config.policy.escalationGrace);
      state.send({
        kind: 'overdue',
        about: 'follow-up',
        subject: taskId,
        occurrence: iso(f.due),
        to: f.owners,
        task: state.tasks.get(taskId),
        title: f.title,
        due: iso(f.due),
        escalatesAt: iso(escalatesAt),
      });
      state.agenda.schedule({
        id: `follow-up/${f.id}/escalation`,
        at: escalatesAt,
        kind: 'follow-up-escalation',
        subject: f.id,
      });
      return;
    }
    case 'follow-up-escalation': {
      const escalation = raiseEscalation(state, 'follow-up', f.id, f.title);
      if (!escalation) return;
      state.send({
        kind: 'escalation',
        subject: escalation.id,
        occurrence: iso(f.due),
        to: escalation.notified,
        followUp,
        lateSince: iso(f.due),
        workingDaysLate: workingDaysBetween(state, f.due, now()),
      });
      return;
    }
  }
}

function feedbackItem(state: CycleState, item: AgendaItem): void {
  const f = state.feedback.get(item.subject);
  if (!f || f.given) return;
  if (item.kind === 'feedback-overdue') {
    if (!state.tasks.get(f.id)?.due) return;
    f.overdue = true;
    return remindTask(state, f.id, 'overdue');
  }
  const previous = [...state.feedback.values()].filter((x) => x.n < f.n).at(-1);
  const to: Recipient[] = [
    ...state.coordinators,
    { ...state.config.people.communicator, role: 'communicator' },
  ];
  const task = state.openTask({
    id: f.id,
    step: 'record-feedback',
    phase: state.phase,
    title: taskTitles(state.language).feedback(f.n),
    assignees: to,
    due: iso(f.deadline),
    subject: { feedbackId: f.id },
  });
  state.send({
    kind: 'feedback-reminder',
    subject: f.id,
    occurrence: iso(f.due),
    to,
    task,
    due: iso(f.deadline),
    draft: progressDraft(state, previous?.due ?? state.periodStart),
  });
  if (patched(feedbackOverduePatch))
    state.agenda.schedule({
      id: `feedback/${f.id}/overdue`,
      at: f.deadline,
      kind: 'feedback-overdue',
      subject: f.id,
    });
}

/** What happens when an agenda item comes due. Items that no longer apply (task done, activity completed) do nothing. */
export function processItem(state: CycleState, item: AgendaItem): void {
  switch (item.kind) {
    case 'task-reminder':
    case 'task-overdue':
      return remindTask(state, item.subject, item.kind === 'task-reminder' ? 'reminder' : 'overdue');
    case 'signature-reminder':
    case 'signature-overdue':
      return remindSignatories(
        state,
        item.subject as 'agreement' | 'promise',
        item.kind === 'signature-reminder' ? 'reminder' : 'overdue',
      );
    case 'activity-start':
    case 'activity-reminder':
    case 'activity-end':
    case 'activity-escalation':
      return activityItem(state, item);
    case 'follow-up-due':
    case 'follow-up-overdue':
    case 'follow-up-escalation':
      return followUpItem(state, item);
    case 'feedback-due':
    case 'feedback-overdue':
      return feedbackItem(state, item);
    case 'period-end':
      state.periodEnded = true;
      return;
  }
}
