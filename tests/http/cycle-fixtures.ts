import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Client } from '@temporalio/client';
import YAML from 'yaml';
import { type CycleConfigInput, cycleWorkflowId } from '../../domain/config';
import { municipalities } from '../../domain/municipalities';
import type { CycleStatus } from '../../domain/status';
import type { StepName } from '../../domain/steps';
import { cycleStatus, runStep } from '../../lib/cycles';

export const repoRoot = path.join(__dirname, '..', '..');
export const exampleConfig = (): CycleConfigInput =>
  YAML.parse(fs.readFileSync(path.join(repoRoot, 'examples', 'cycle-config.yaml'), 'utf8'));
export const exampleStep = (file: string): Record<string, unknown> =>
  YAML.parse(fs.readFileSync(path.join(repoRoot, 'examples', 'steps', file), 'utf8'));

/** A municipality and year no other test on the shared dev server uses, and a region of its own for filtering. */
export function uniqueCycle(
  overrides: Partial<CycleConfigInput> = {},
  municipality?: { code: string; name: string },
): CycleConfigInput & { workflowId: string } {
  const m = municipality ?? municipalities[randomBytes(2).readUInt16BE() % municipalities.length]!;
  // 2030-2059: lib/cycles.test lists 2060-2089 by year, the worker tests use 2000-2025 and 2091-2098.
  const year = 2030 + (randomBytes(1)[0]! % 30);
  const config = {
    ...exampleConfig(),
    municipality: { code: m.code, name: m.name },
    year,
    region: `Testregion ${randomBytes(4).toString('hex')}`,
    ...overrides,
  } as CycleConfigInput;
  return { ...config, workflowId: cycleWorkflowId(config.municipality.code, config.year) };
}

const day = (offset: number): string => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

/**
 * A compressed calendar: the promise period started yesterday, so activities start as soon as the
 * promise is signed; `lateActivityEndsInMs` makes the second activity fall due (and escalate after a
 * one-minute grace) shortly after.
 */
export function compressedSchedule(lateActivityEndsInMs: number) {
  const start = day(-1);
  return {
    schedule: { promisePeriod: { start, end: day(30) } },
    policy: {
      minCitizenDialogues: 1,
      escalationGrace: '1m',
      reminderLead: '1m',
      workingDaysOnly: false,
      followUpEvery: '3mo',
      feedbackEvery: '1mo',
    },
    activityPlan: (): Record<string, unknown> => {
      const plan = exampleStep('submit-activity-plan.yaml') as { activities: Record<string, unknown>[] };
      const [first, second] = plan.activities as [Record<string, unknown>, Record<string, unknown>];
      const inside = {
        effectGoal: { ...(first.effectGoal as object), by: day(20) },
        followUp: { ...(first.followUp as object), date: day(20) },
      };
      return {
        ...plan,
        activities: [
          { ...first, ...inside, start, end: day(25) },
          { ...second, ...inside, start, end: new Date(Date.now() + lateActivityEndsInMs).toISOString() },
        ],
      };
    },
  };
}

/** Runs the example steps in-process from initiation up to the promise draft (sign requests are out). */
export async function driveToPromiseDraft(
  client: Client,
  workflowId: string,
  options: { internalMarker: string; activityPlan?: Record<string, unknown>; extraDialogue?: boolean },
): Promise<CycleStatus> {
  const step = (name: StepName, payload: Record<string, unknown>) =>
    runStep(client, workflowId, name, payload as never);
  await step('confirm-initiation', exampleStep('confirm-initiation.yaml'));
  const picture = exampleStep('record-situation-picture.yaml');
  await step('record-situation-picture', {
    ...picture,
    internalIntelligence: `${picture.internalIntelligence} ${options.internalMarker}`,
  });
  await step('record-staff-dialogue', exampleStep('record-staff-dialogue.yaml'));
  await step('record-citizen-dialogue', exampleStep('record-citizen-dialogue.yaml'));
  if (options.extraDialogue)
    await step('record-citizen-dialogue', exampleStep('record-citizen-dialogue.survey.yaml'));
  await step('close-citizen-dialogues', exampleStep('close-citizen-dialogues.yaml'));
  await step('record-joint-picture', exampleStep('record-joint-picture.yaml'));
  await step('record-problem-analysis', exampleStep('record-problem-analysis.yaml'));
  await step('draft-document', exampleStep('draft-document.yaml'));
  const agreement = (await cycleStatus(client, workflowId)).gates.find(
    (g) => g.gate === 'agreement',
  )!.document!;
  for (const by of ['karin.holm@example.se', 'ahmed.yilmaz@example.se', 'eva.sjoberg@example.se']) {
    await step('sign', { by, gate: 'agreement', contentHash: agreement.contentHash });
  }
  await step('record-staff-dialogue', exampleStep('record-staff-dialogue.how.yaml'));
  await step('submit-activity-plan', options.activityPlan ?? exampleStep('submit-activity-plan.yaml'));
  await step('draft-document', exampleStep('draft-document.promise.yaml'));
  return cycleStatus(client, workflowId);
}

export { eventually } from '../helpers';
