import { signatories } from '../domain/config';
import { phaseIndex, phases } from '../domain/phases';
import type { CycleStatus, GateStatus } from '../domain/status';
import { gates } from '../domain/steps';
import type { Task } from '../domain/tasks';
import { activityState, type CycleState, feedbackOverdue, followUpOverdue, iso } from './state';
import { agendaLabel } from './texts';

function gateStatus(state: CycleState, gate: (typeof gates)[number]): GateStatus {
  const g = state.gates[gate];
  return {
    gate,
    document: g.document,
    signatories: signatories(state.config.people).map((p) => {
      const s = g.signatures.get(p.email);
      return {
        ...p,
        signedAt: s ? iso(s.at) : undefined,
        signedHash: s?.hash,
        valid: s !== undefined && s.hash === g.document?.contentHash,
      };
    }),
    open: g.openedAt !== undefined,
    openedAt: g.openedAt !== undefined ? iso(g.openedAt) : undefined,
  };
}

/** Open tasks, the earliest due first. */
export const openTasks = (state: CycleState): Task[] =>
  [...state.tasks.values()].sort(
    (a, b) => (a.due ?? '').localeCompare(b.due ?? '') || a.id.localeCompare(b.id),
  );

/** The next `count` dates on the cycle's agenda, labelled in the cycle's language. */
export const nextEvents = (state: CycleState, count: number): { at: string; what: string }[] =>
  state.agenda.upcoming(count).map((i) => ({
    at: iso(i.at),
    what: agendaLabel(state.config.language, i.kind, subjectTitle(state, i.subject)),
  }));

/** How far the cycle has come: its place among the phases and the dialogues held. */
export const progressAndDialogues = (
  state: CycleState,
): Pick<CycleStatus, 'progress' | 'citizenDialogues' | 'staffDialogues'> => ({
  progress: { index: phaseIndex(state.phase) + 1, of: phases.length },
  citizenDialogues: {
    recorded: state.records.citizenDialogues.length,
    minimum: state.config.policy.minCitizenDialogues,
    deeperDialogueOrdered: state.deeperDialogue !== undefined,
  },
  staffDialogues: {
    what: state.records.staffDialogues.what !== undefined,
    how: state.records.staffDialogues.how !== undefined,
  },
});

/** The `status` query: where the cycle stands, for managers and coordinators. */
export function buildStatus(state: CycleState): CycleStatus {
  return {
    cycle: state.cycleRef,
    phase: state.phase,
    startedAt: iso(state.startedAt),
    completedSteps: [...state.completedSteps],
    openTasks: openTasks(state),
    gates: gates.map((g) => gateStatus(state, g)),
    ...progressAndDialogues(state),
    activities: [...state.activities.values()].map((a) => ({
      id: a.plan.id,
      title: a.plan.title,
      focusAreaId: a.plan.focusAreaId,
      responsible: a.responsible,
      start: iso(a.start),
      end: iso(a.end),
      state: activityState(a),
      percentComplete: a.percentComplete,
      lastReport: a.reports.length
        ? { at: iso(a.reports.at(-1)!.at), summary: a.reports.at(-1)!.summary }
        : undefined,
      changes: a.changes.map((c) => ({ at: iso(c.at), what: c.what, why: c.why })),
      explanation: a.explanation ? { at: iso(a.explanation.at), text: a.explanation.text } : undefined,
      completedAt: a.completed ? iso(a.completed.at) : undefined,
    })),
    escalations: state.escalations.map((e) => ({ ...e })),
    openEscalations: state.openEscalations().length,
    overdueCount: state.overdueCount(),
    followUps: [...state.followUps.values()].map((f) => ({
      id: f.id,
      title: f.title,
      due: iso(f.due),
      doneAt: f.done ? iso(f.done.at) : undefined,
      overdue: followUpOverdue(f),
    })),
    feedback: [...state.feedback.values()].map((f) => ({
      id: f.id,
      due: iso(f.due),
      deadline: iso(f.deadline),
      givenAt: f.given ? iso(f.given.at) : undefined,
      summary: f.given?.payload.summary,
      overdue: feedbackOverdue(f),
    })),
    nextEvents: nextEvents(state, 10),
    promise: Object.keys(state.promise).length ? { ...state.promise } : undefined,
    publicationProblem: state.publicationProblem && {
      ...state.publicationProblem,
      since: iso(state.publicationProblem.since),
    },
    deliveryFailures: [...state.deliveryFailures],
    nextCycleWorkflowId: state.nextCycleWorkflowId,
    carryOver: state.carryOver,
  };
}

/** The title of what an agenda item is about: an activity, a follow-up or an open task. */
function subjectTitle(state: CycleState, subject: string): string | undefined {
  return (
    state.activities.get(subject)?.plan.title ??
    state.followUps.get(subject)?.title ??
    state.tasks.get(subject)?.title
  );
}
