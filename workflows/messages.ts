import type { UpdateDefinition } from '@temporalio/common';
import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { Phase } from '../domain/phases';
import type { CycleStatus, PublicView } from '../domain/status';
import { type StepInput, type StepName, stepNames } from '../domain/steps';

/** What every human step answers once the cycle has accepted it. */
export interface StepResult {
  step: StepName;
  phase: Phase;
  /** A short, human-readable confirmation in the cycle's language. */
  message: string;
}

type StepUpdates = { [S in StepName]: UpdateDefinition<StepResult, [StepInput<S>], S> };

/**
 * One Update per human step, named like the step (`record-citizen-dialogue`, `sign`, …). Each has a
 * validator in the workflow, so a step in the wrong phase, a malformed payload or the wrong person
 * is rejected before it enters history.
 */
export const stepUpdates = Object.fromEntries(stepNames.map((name) => [name, defineUpdate(name)])) as StepUpdates;

export const statusQuery = defineQuery<CycleStatus>('status');
/** Public parts only: what the citizens' page shows. */
export const publicViewQuery = defineQuery<PublicView>('publicView');
