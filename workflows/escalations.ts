import type { Recipient } from '../domain/people';
import type { Escalation } from '../domain/status';
import { type CycleState, iso, now } from './state';

/** Escalations go to the LPO chief and both coordinators. */
export const escalationRecipients = (state: CycleState): Recipient[] => [
  { ...state.config.people.lpoChief, role: 'lpoChief' },
  ...state.coordinators,
];

export function raiseEscalation(
  state: CycleState,
  about: Escalation['about'],
  subjectId: string,
  title: string,
): Escalation | undefined {
  if (state.escalations.some((e) => !e.resolvedAt && e.about === about && e.subjectId === subjectId))
    return undefined;
  const escalation: Escalation = {
    id: `esc-${state.escalations.length + 1}`,
    about,
    subjectId,
    title,
    raisedAt: iso(now()),
    notified: escalationRecipients(state),
  };
  state.escalations.push(escalation);
  return escalation;
}

export function resolveEscalations(
  state: CycleState,
  about: Escalation['about'],
  subjectId: string,
  explanation: string,
): void {
  for (const e of state.escalations) {
    if (!e.resolvedAt && e.about === about && e.subjectId === subjectId) {
      e.resolvedAt = iso(now());
      e.explanation = explanation;
    }
  }
}

/** Working days from `from` up to `to` (how late something is when escalated). */
export function workingDaysBetween(state: CycleState, from: number, to: number): number {
  let days = 0;
  for (
    let at = state.calendar.addWorkingDays(from, 1);
    at <= to && days < 400;
    at = state.calendar.addWorkingDays(at, 1)
  )
    days++;
  return days;
}
