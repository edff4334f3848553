import { ApplicationFailure, setHandler } from '@temporalio/workflow';
import type { z } from 'zod';
import { type StepInput, type StepName, type StepPayload, stepNames, stepSchemas } from '../domain/steps';
import { stepEffects } from './apply';
import { publicViewQuery, statusQuery, stepUpdates, type StepResult } from './messages';
import { buildPublicView } from './public-view';
import { ruleViolation } from './rules';
import type { CycleState } from './state';
import { buildStatus } from './status';
import { texts } from './texts';

/** The error type a rejected step carries, for the CLI and HTTP layers to recognise. */
export const stepRejected = 'StepRejected';

const formatIssues = (error: z.ZodError): string =>
  error.issues.map((i) => `${i.path.length ? i.path.join('.') : '(payload)'}: ${i.message}`).join('; ');

function parse<S extends StepName>(step: S, input: unknown): StepPayload<S> {
  const parsed = stepSchemas[step].safeParse(input);
  if (!parsed.success)
    throw ApplicationFailure.create({
      type: stepRejected,
      message: `${step}: ${formatIssues(parsed.error)}`,
      nonRetryable: true,
    });
  return parsed.data as StepPayload<S>;
}

function registerStep<S extends StepName>(state: CycleState, step: S): void {
  const validator = (input: StepInput<S>): void => {
    const payload = parse(step, input);
    const violation = ruleViolation(state, step, payload);
    if (violation)
      throw ApplicationFailure.create({ type: stepRejected, message: violation, nonRetryable: true });
  };
  // Validators cannot transform the payload, so the handler parses again (defaults, lower-cased emails).
  const handler = (input: StepInput<S>): StepResult => {
    const payload = parse(step, input);
    const phase = state.phase;
    const summary = stepEffects[step](state, payload);
    state.completedSteps.push({ step, phase, at: new Date().toISOString(), by: payload.by, summary });
    return {
      step,
      phase,
      message: summary
        ? `${texts(state.language).accepted(step)} ${summary}`
        : texts(state.language).accepted(step),
    };
  };
  setHandler(stepUpdates[step], handler as never, { validator: validator as never });
}

/** One Update per human step (validated before it enters history), plus the two queries. */
export function registerHandlers(state: CycleState): void {
  for (const step of stepNames) registerStep(state, step);
  setHandler(statusQuery, () => buildStatus(state));
  setHandler(publicViewQuery, () => buildPublicView(state));
}
