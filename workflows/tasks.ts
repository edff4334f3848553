import type { CarryOver } from '../domain/activity-contract';
import { remindBefore } from '../domain/deadlines';
import { defaultPhaseDurations, type Phase } from '../domain/phases';
import type { Task } from '../domain/tasks';
import { type CycleState, iso, now } from './state';

/** When a human phase entered now is planned to be done, moved to a working day. */
export function phaseDue(state: CycleState, phase: Phase, from = now()): number {
  const duration = state.config.schedule.phaseDurations[phase] ?? defaultPhaseDurations[phase] ?? '14d';
  return state.calendar.due(from, duration);
}

/**
 * Opens a task, emails its assignees (`phase-task`) and puts a reminder before, and an overdue
 * notice at, its due date on the agenda. Both disappear when the task is closed. `context` goes into
 * the email only (what last year's cycle left, for the situation picture).
 */
export function assignTask(
  state: CycleState,
  task: Omit<Task, 'phase' | 'due'> & { due: number },
  context: { carryOver?: CarryOver } = {},
): Task {
  const opened = state.openTask({ ...task, phase: state.phase, due: iso(task.due) });
  state.send({
    kind: 'phase-task',
    subject: task.id,
    occurrence: iso(task.due),
    to: task.assignees,
    task: opened,
    phase: state.phase,
    due: iso(task.due),
    ...context,
  });
  scheduleTaskChecks(state, task.id, task.due);
  return opened;
}

export function scheduleTaskChecks(state: CycleState, taskId: string, due: number): void {
  const policy = state.config.policy;
  const reminder = remindBefore(state.calendar, due, policy.reminderLead, policy.workingDaysOnly);
  if (reminder > now())
    state.agenda.schedule({ id: `${taskId}/reminder`, at: reminder, kind: 'task-reminder', subject: taskId });
  state.agenda.schedule({ id: `${taskId}/overdue`, at: due, kind: 'task-overdue', subject: taskId });
}

/** A reminder or overdue notice for a task that is still open when its agenda item comes due. */
export function remindTask(state: CycleState, taskId: string, kind: 'reminder' | 'overdue'): void {
  const task = state.tasks.get(taskId);
  if (!task?.due) return;
  const base = {
    subject: taskId,
    occurrence: task.due,
    to: task.assignees,
    task,
    title: task.title,
    due: task.due,
  };
  if (kind === 'reminder') state.send({ ...base, kind: 'reminder', about: 'task' });
  else state.send({ ...base, kind: 'overdue', about: 'task' });
}
