import { condition } from '@temporalio/workflow';
import type { CarryOver, CycleInput } from '../../domain/activity-contract';
import type { CycleConfig } from '../../domain/config';
import { shiftOneYear } from '../../domain/deadlines';
import type { CycleReport } from '../../domain/notifications';
import type { Recipient } from '../../domain/people';
import { startNextCycle } from '../activity-proxies';
import { stopDispatcher } from '../dispatcher';
import { activityState, type CycleState } from '../state';
import { assignTask, phaseDue } from '../tasks';
import { taskTitles } from '../texts';
import { enterPhase } from './phase';
import { followUpOwners } from './implementation';

export const finalFollowUpId = 'final';

/** Next year's configuration: the same people and policy, every absolute date one year later. */
export function nextYearConfig(config: CycleConfig): CycleConfig {
  const s = config.schedule;
  return {
    ...config,
    year: config.year + 1,
    schedule: {
      ...s,
      startAt: s.startAt ? shiftOneYear(s.startAt) : undefined,
      promisePeriod: { start: shiftOneYear(s.promisePeriod.start), end: shiftOneYear(s.promisePeriod.end) },
    },
  };
}

function carryOver(state: CycleState): CarryOver {
  const final = state.followUps.get(finalFollowUpId)?.done?.payload;
  return {
    previousWorkflowId: state.workflowId,
    finalFollowUp: final ? `${final.summary}\n${final.effect.comment}\n${final.improvements}`.trim() : '',
    renewableFocusAreas: state.records.focusAreas
      .filter((f) => f.leadsToPromise)
      .map((f) => ({ id: f.id, title: f.title, targetPicture: f.targetPicture })),
    outcomes: [...state.activities.values()].map((a) => ({
      activity: a.plan.title,
      state: activityState(a),
      outcome: a.completed?.outcome,
    })),
  };
}

function report(state: CycleState, next?: { workflowId: string; renewed: string[] }): CycleReport {
  return {
    promiseRecordNumber: state.promise.recordNumber,
    activities: [...state.activities.values()].map((a) => ({
      id: a.plan.id,
      title: a.plan.title,
      state: activityState(a),
      outcome: a.completed?.outcome,
      explanation: a.explanation?.text,
    })),
    followUps: [...state.followUps.values()].flatMap((f) =>
      f.done ? [{ id: f.id, summary: f.done.payload.summary, effect: f.done.payload.effect.assessment }] : [],
    ),
    feedbackGiven: [...state.feedback.values()].filter((f) => f.given).length + state.adHocFeedback.length,
    escalations: {
      raised: state.escalations.length,
      resolved: state.escalations.filter((e) => e.resolvedAt).length,
    },
    citizenDialogues: state.records.citizenDialogues.length,
    staffDialogues: Object.keys(state.records.staffDialogues).length,
    nextCycle: next ? { workflowId: next.workflowId, renewedFocusAreas: next.renewed } : undefined,
  };
}

/** Phase 12 at year end: the final follow-up, next year's cycle (fed by it) and the cycle report. */
export async function yearEnd(state: CycleState): Promise<CycleReport> {
  enterPhase(state, 'year-end');
  state.agenda.cancelWhere((i) => i.kind === 'feedback-due');
  const due = phaseDue(state, 'year-end');
  const owners = followUpOwners(state);
  state.followUps.set(finalFollowUpId, {
    id: finalFollowUpId,
    title: taskTitles(state.language).finalFollowUp,
    due,
    owners,
    overdue: false,
  });
  assignTask(state, {
    id: `follow-up-${finalFollowUpId}`,
    step: 'record-follow-up',
    title: taskTitles(state.language).finalFollowUp,
    assignees: owners,
    due,
    subject: { followUpId: finalFollowUpId },
  });
  await condition(() => state.followUps.get(finalFollowUpId)?.done !== undefined);

  let next: { workflowId: string; renewed: string[] } | undefined;
  if (state.config.nextCycle.autoStart) {
    const input: CycleInput = { config: nextYearConfig(state.config), carryOver: carryOver(state) };
    const started = await startNextCycle(input);
    state.nextCycleWorkflowId = started.workflowId;
    next = {
      workflowId: started.workflowId,
      renewed: input.carryOver?.renewableFocusAreas.map((f) => f.id) ?? [],
    };
  }
  const cycleReport = report(state, next);
  const to: Recipient[] = [
    ...state.coordinators,
    { ...state.config.people.lpoChief, role: 'lpoChief' },
    { ...state.config.people.municipalRepresentative, role: 'municipalRepresentative' },
  ];
  state.send({
    kind: 'cycle-summary',
    subject: 'cycle',
    occurrence: state.config.year,
    to,
    report: cycleReport,
  });
  enterPhase(state, 'completed');
  state.tasks.clear();
  await stopDispatcher(state);
  return cycleReport;
}
