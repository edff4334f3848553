import { toInstant } from '../domain/calendar';
import type { StepName, StepPayload } from '../domain/steps';
import { resolveEscalations } from './escalations';
import { activityTaskId, scheduleActivity, trackActivities } from './phases/implementation';
import { analysisTaskId } from './phases/planning';
import { draftDocument, sign } from './phases/signature-gate';
import { type CycleState, now } from './state';

type Effects = { [S in StepName]: (state: CycleState, payload: StepPayload<S>) => string | undefined };

function newEnd(state: CycleState, activityId: string, end: string | undefined): void {
  const a = state.activities.get(activityId);
  if (!a || !end) return;
  a.plan = { ...a.plan, end };
  a.end = toInstant(end, 'end');
  a.late = false;
  scheduleActivity(state, a);
}

/**
 * What each accepted step changes. Validators have already checked phase, person and rules; these
 * only record and move the cycle's state (the phase helpers react to it).
 */
export const stepEffects: Effects = {
  'confirm-initiation': (s, p) => {
    s.records.initiation = p;
    return p.timeFrames;
  },
  'record-situation-picture': (s, p) => {
    s.records.situationPicture = p;
    return undefined;
  },
  'record-staff-dialogue': (s, p) => {
    s.records.staffDialogues[p.kind] = p;
    return `${p.kind}: ${p.participants}/${p.invited}`;
  },
  'record-citizen-dialogue': (s, p) => {
    s.records.citizenDialogues.push(p);
    return `${p.form} ${p.date}: ${p.participants.total}`;
  },
  'close-citizen-dialogues': (s) => {
    s.dialoguesClosed = true;
    return `${s.records.citizenDialogues.length}`;
  },
  'record-joint-picture': (s, p) => {
    s.records.jointPictures.push(p);
    if (p.outcome === 'deeper-dialogue') {
      s.deeperDialogue = {
        reason: p.reason,
        questions: p.questions,
        dialoguesAtOrder: s.records.citizenDialogues.length,
      };
      return p.reason;
    }
    s.records.focusAreas = p.focusAreas;
    s.records.jointPictureSummary = p.summary;
    return p.focusAreas.map((f) => f.id).join(', ');
  },
  'record-problem-analysis': (s, p) => {
    s.records.analyses.push(p);
    s.closeTask(analysisTaskId(p.focusAreaId));
    return p.focusAreaId;
  },
  'draft-document': draftDocument,
  sign,
  'retry-publication': (s, p) => {
    s.publicationRetryRequested = true;
    return p.note ?? s.publicationProblem?.step;
  },
  'submit-activity-plan': (s, p) => {
    s.records.activityPlan = p;
    trackActivities(s);
    return p.activities.map((a) => a.id).join(', ');
  },
  'report-progress': (s, p) => {
    const a = s.activities.get(p.activityId);
    a?.reports.push({ at: now(), summary: p.summary });
    if (a && p.percentComplete !== undefined) a.percentComplete = p.percentComplete;
    return p.activityId;
  },
  'report-change': (s, p) => {
    s.activities.get(p.activityId)?.changes.push({ at: now(), what: p.what, why: p.why });
    newEnd(s, p.activityId, p.newEnd);
    return p.activityId;
  },
  'explain-deviation': (s, p) => {
    const a = s.activities.get(p.activityId);
    if (!a) return undefined;
    a.explanation = { at: now(), text: p.explanation, coversEnd: a.end };
    resolveEscalations(s, 'activity', p.activityId, p.explanation);
    if (p.cancelled) {
      a.cancelled = true;
      s.closeTask(activityTaskId(p.activityId));
      scheduleActivity(s, a);
    } else newEnd(s, p.activityId, p.newEnd);
    return p.activityId;
  },
  'complete-activity': (s, p) => {
    const a = s.activities.get(p.activityId);
    if (!a) return undefined;
    a.completed = { at: now(), summary: p.summary, outcome: p.productionOutcome };
    a.percentComplete = 100;
    s.closeTask(activityTaskId(p.activityId));
    scheduleActivity(s, a);
    resolveEscalations(s, 'activity', p.activityId, p.summary);
    return p.activityId;
  },
  'record-follow-up': (s, p) => {
    const f = s.followUps.get(p.followUpId);
    if (!f) return undefined;
    f.done = { at: now(), payload: p };
    s.closeTask(`follow-up-${f.id}`);
    s.agenda.cancelWhere((i) => i.subject === f.id && i.kind.startsWith('follow-up-'));
    resolveEscalations(s, 'follow-up', f.id, p.summary);
    return f.id;
  },
  'record-feedback': (s, p) => {
    const open = [...s.feedback.values()].filter((f) => !f.given && s.tasks.has(f.id));
    const item = p.feedbackId ? s.feedback.get(p.feedbackId) : open[0];
    if (!item) {
      s.adHocFeedback.push({ at: now(), payload: p });
      return 'ad hoc';
    }
    item.given = { at: now(), payload: p };
    s.closeTask(item.id);
    s.agenda.cancelWhere((i) => i.subject === item.id && i.kind.startsWith('feedback-'));
    return item.id;
  },
};
