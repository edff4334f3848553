import { signatories, everyone } from '../domain/config';
import { toInstant } from '../domain/calendar';
import { roleLabels, type Recipient } from '../domain/people';
import type { Phase } from '../domain/phases';
import type { PlannedActivity, StepName, StepPayload } from '../domain/steps';
import { type CycleState, now } from './state';
import { texts } from './texts';

const oneDay = 86_400_000;

interface StepRule<S extends StepName> {
  /** The phase(s) the step belongs to. */
  phases: (state: CycleState, payload: StepPayload<S>) => Phase[];
  /** Who may perform the step. */
  actors: (state: CycleState, payload: StepPayload<S>) => Recipient[];
  /** Further business rules; returns the violation in the cycle's language. */
  check?: (state: CycleState, payload: StepPayload<S>) => string | undefined;
}

type Rules = { [S in StepName]: StepRule<S> };

const fixed =
  (...phases: Phase[]) =>
  (): Phase[] =>
    phases;
const coordinatorsAnd =
  (...extra: ((s: CycleState) => Recipient | undefined)[]) =>
  (s: CycleState): Recipient[] => [
    ...s.coordinators,
    ...extra.map((f) => f(s)).filter((r): r is Recipient => r !== undefined),
  ];
const lpoChief = (s: CycleState): Recipient => ({ ...s.config.people.lpoChief, role: 'lpoChief' });
const analyst = (s: CycleState): Recipient | undefined =>
  s.config.people.analyst ? { ...s.config.people.analyst, role: 'analyst' } : undefined;
const communicator = (s: CycleState): Recipient => ({
  ...s.config.people.communicator,
  role: 'communicator',
});
const workGroupLeader = (s: CycleState): Recipient => ({
  ...s.config.people.workGroupLeader,
  role: 'workGroupLeader',
});

const activityActors = (s: CycleState, p: { activityId: string }): Recipient[] => {
  const activity = s.activities.get(p.activityId);
  return [...(activity ? [activity.responsible] : []), ...s.coordinators];
};
const implementationPhases = fixed('implementation', 'year-end');

function notInFuture(s: CycleState, field: string, date: string): string | undefined {
  return toInstant(date) > now() + oneDay
    ? texts(s.language).futureDate(field, date.slice(0, 10))
    : undefined;
}

function insidePeriod(s: CycleState, field: string, date: string): string | undefined {
  const at = toInstant(date);
  if (at >= s.periodStart && at <= s.periodEnd) return undefined;
  const p = s.config.schedule.promisePeriod;
  return texts(s.language).outsidePeriod(field, date, p.start, p.end);
}

function openActivity(s: CycleState, id: string): string | undefined {
  const activity = s.activities.get(id);
  if (!activity) return texts(s.language).unknownActivity(id);
  if (activity.completed || activity.cancelled) return texts(s.language).activityClosed(id);
  return undefined;
}

function newEndRule(s: CycleState, p: { activityId: string; newEnd?: string }): string | undefined {
  const closed = openActivity(s, p.activityId);
  if (closed || !p.newEnd) return closed;
  const activity = s.activities.get(p.activityId);
  if (activity && toInstant(p.newEnd, 'end') <= activity.start)
    return texts(s.language).beforeStart('newEnd', p.newEnd);
  return insidePeriod(s, 'newEnd', p.newEnd);
}

function plannedActivityRule(
  s: CycleState,
  a: PlannedActivity,
  plan: ReadonlyMap<string, PlannedActivity>,
): string | undefined {
  const t = texts(s.language);
  const area = s.records.focusAreas.find((f) => f.id === a.focusAreaId);
  if (!area) return t.unknownFocusArea(a.focusAreaId);
  if (!area.leadsToPromise) return t.notPromiseArea(a.focusAreaId);
  if (!everyone(s.config.people).some((p) => p.email === a.responsible))
    return t.unknownPerson(a.responsible);
  const missing = a.after.find((x) => !plan.has(x) || x === a.id);
  if (missing) return t.unknownAfter(a.id, missing);
  // Starting no earlier than every activity it follows ends also rules out circles of `after`.
  const overlapping = a.after.map((x) => plan.get(x)!).find((b) => toInstant(a.start) < toInstant(b.end));
  if (overlapping) return t.startsBeforeAfter(a.id, a.start, overlapping.id, overlapping.end);
  for (const [field, date] of [
    [`${a.id}.start`, a.start],
    [`${a.id}.end`, a.end],
    [`${a.id}.followUp.date`, a.followUp.date],
    [`${a.id}.effectGoal.by`, a.effectGoal.by],
  ] as const) {
    const outside = insidePeriod(s, field, date);
    if (outside) return outside;
  }
  if (toInstant(a.effectGoal.by) < toInstant(a.start))
    return t.beforeStart(`${a.id}.effectGoal.by`, a.effectGoal.by);
  if (toInstant(a.followUp.date) < toInstant(a.start))
    return t.beforeStart(`${a.id}.followUp.date`, a.followUp.date);
  if (!/\d/.test(a.effectGoal.target) && !/\d/.test(a.effectGoal.indicator)) return t.notMeasurable(a.id);
  return undefined;
}

function gateRule(s: CycleState, gate: 'agreement' | 'promise'): string | undefined {
  return s.phase === gate ? undefined : texts(s.language).wrongGate(gate, s.phase);
}

export const stepRules: Rules = {
  'confirm-initiation': { phases: fixed('initiation'), actors: coordinatorsAnd(lpoChief) },
  'record-situation-picture': {
    phases: fixed('situation-picture'),
    actors: coordinatorsAnd(lpoChief, analyst),
  },
  'record-staff-dialogue': {
    phases: (_s, p) => [p.kind === 'what' ? 'staff-dialogue-what' : 'staff-dialogue-how'],
    actors: coordinatorsAnd(workGroupLeader),
    check: (s, p) => notInFuture(s, 'date', p.date),
  },
  'record-citizen-dialogue': {
    phases: fixed('citizen-dialogues'),
    actors: coordinatorsAnd(communicator),
    check: (s, p) =>
      notInFuture(s, 'date', p.date) ??
      (p.responsible && !everyone(s.config.people).some((x) => x.email === p.responsible)
        ? texts(s.language).unknownPerson(p.responsible)
        : undefined),
  },
  'close-citizen-dialogues': {
    phases: fixed('citizen-dialogues'),
    actors: coordinatorsAnd(communicator),
    check: (s) => {
      const t = texts(s.language);
      const recorded = s.records.citizenDialogues.length;
      const minimum = s.config.policy.minCitizenDialogues;
      if (recorded < minimum) return t.tooFewDialogues(recorded, minimum);
      if (s.deeperDialogue && recorded <= s.deeperDialogue.dialoguesAtOrder) return t.needNewDialogue;
      return undefined;
    },
  },
  'record-joint-picture': {
    phases: fixed('joint-picture'),
    actors: coordinatorsAnd(),
    check: (s, p) => notInFuture(s, 'meetingDate', p.meetingDate),
  },
  'record-problem-analysis': {
    phases: fixed('problem-analysis'),
    actors: coordinatorsAnd(analyst),
    check: (s, p) => {
      const t = texts(s.language);
      const area = s.records.focusAreas.find((f) => f.id === p.focusAreaId);
      if (!area) return t.unknownFocusArea(p.focusAreaId);
      if (!area.leadsToPromise) return t.notPromiseArea(p.focusAreaId);
      if (s.records.analyses.some((a) => a.focusAreaId === p.focusAreaId))
        return t.analysedAlready(p.focusAreaId);
      return undefined;
    },
  },
  'draft-document': {
    phases: (_s, p) => [p.gate],
    actors: coordinatorsAnd(),
    check: (s, p) => gateRule(s, p.gate),
  },
  sign: {
    phases: (_s, p) => [p.gate],
    actors: (s) => signatories(s.config.people),
    check: (s, p) => {
      const t = texts(s.language);
      const document = s.gates[p.gate].document;
      if (!document) return t.noDocument(p.gate);
      if (document.contentHash !== p.contentHash) return t.staleHash(p.gate, document.version);
      return undefined;
    },
  },
  'retry-publication': {
    phases: fixed('promise'),
    actors: coordinatorsAnd(communicator),
    check: (s) => (s.publicationProblem ? undefined : texts(s.language).noPublicationProblem),
  },
  'submit-activity-plan': {
    phases: fixed('activity-plan'),
    actors: coordinatorsAnd(),
    check: (s, p) => {
      const plan = new Map(p.activities.map((a) => [a.id, a]));
      for (const activity of p.activities) {
        const problem = plannedActivityRule(s, activity, plan);
        if (problem) return problem;
      }
      const uncovered = s.records.focusAreas.find(
        (f) => f.leadsToPromise && !p.activities.some((a) => a.focusAreaId === f.id),
      );
      return uncovered ? texts(s.language).noActivityForArea(uncovered.id) : undefined;
    },
  },
  'report-progress': {
    phases: fixed('implementation'),
    actors: activityActors,
    check: (s, p) => openActivity(s, p.activityId),
  },
  'report-change': { phases: fixed('implementation'), actors: activityActors, check: newEndRule },
  'explain-deviation': { phases: implementationPhases, actors: activityActors, check: newEndRule },
  'complete-activity': {
    phases: implementationPhases,
    actors: activityActors,
    check: (s, p) => openActivity(s, p.activityId),
  },
  'record-follow-up': {
    phases: implementationPhases,
    actors: (s, p) => [...(s.followUps.get(p.followUpId)?.owners ?? []), ...coordinatorsAnd(analyst)(s)],
    check: (s, p) => {
      const followUp = s.followUps.get(p.followUpId);
      return !followUp || followUp.done ? texts(s.language).unknownFollowUp(p.followUpId) : undefined;
    },
  },
  'record-feedback': {
    phases: implementationPhases,
    actors: coordinatorsAnd(communicator),
    check: (s, p) => {
      if (!p.feedbackId) return notInFuture(s, 'date', p.date);
      const item = s.feedback.get(p.feedbackId);
      return !item || item.given
        ? texts(s.language).unknownFeedback(p.feedbackId)
        : notInFuture(s, 'date', p.date);
    },
  },
};

const describe = (people: Recipient[], language: 'sv' | 'en'): string =>
  [...new Map(people.map((p) => [p.email, `${p.name} (${roleLabels[p.role][language]})`])).values()].join(
    ', ',
  );

/** The first rule the step breaks in the cycle's current state, in the cycle's language. */
export function ruleViolation<S extends StepName>(
  state: CycleState,
  step: S,
  payload: StepPayload<S>,
): string | undefined {
  const rule = stepRules[step] as StepRule<S>;
  const t = texts(state.language);
  const belongs = rule.phases(state, payload);
  if (!belongs.includes(state.phase)) return t.wrongPhase(step, state.phase, belongs);
  const by = payload.by;
  if (!everyone(state.config.people).some((p) => p.email === by)) return t.unknownPerson(by);
  const allowed = rule.actors(state, payload);
  if (!allowed.some((p) => p.email === by)) {
    return step === 'sign' ? t.notSignatory(by) : t.notAllowed(by, step, describe(allowed, state.language));
  }
  return rule.check?.(state, payload);
}
