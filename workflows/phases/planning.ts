import { condition } from '@temporalio/workflow';
import type { Recipient } from '../../domain/people';
import type { CycleState } from '../state';
import { assignTask, phaseDue } from '../tasks';
import { taskTitles } from '../texts';
import { enterPhase, humanPhase } from './phase';

export const analysisTaskId = (focusAreaId: string) => `analyse-${focusAreaId}`;

/** Phase 6: a problem description and cause analysis for every focus area that leads to a promise. */
export async function problemAnalysis(state: CycleState): Promise<void> {
  enterPhase(state, 'problem-analysis');
  const people = state.config.people;
  const analysts: Recipient[] = people.analyst
    ? [{ ...people.analyst, role: 'analyst' }, ...state.coordinators]
    : state.coordinators;
  const due = phaseDue(state, 'problem-analysis');
  const areas = state.records.focusAreas.filter((f) => f.leadsToPromise);
  for (const area of areas) {
    assignTask(state, {
      id: analysisTaskId(area.id),
      step: 'record-problem-analysis',
      title: taskTitles(state.language).analyse(area.title),
      assignees: analysts,
      due,
      subject: {},
    });
  }
  await condition(() => areas.every((f) => state.records.analyses.some((a) => a.focusAreaId === f.id)));
}

/** Phase 9: the activity plan, validated as a whole when submitted. */
export async function activityPlan(state: CycleState): Promise<void> {
  await humanPhase(
    state,
    'activity-plan',
    { step: 'submit-activity-plan', assignees: state.coordinators },
    () => state.records.activityPlan !== undefined,
  );
}
