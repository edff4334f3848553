import { ApplicationFailure, workflowInfo } from '@temporalio/workflow';
import type { CycleInput } from '../../domain/activity-contract';
import { Calendar, toInstant } from '../../domain/calendar';
import { CycleConfigSchema } from '../../domain/config';
import { workingCalendar } from '../activity-proxies';
import { startDispatcher } from '../dispatcher';
import { registerHandlers } from '../handlers';
import { CycleState, now } from '../state';

/** The calendar years a cycle can touch: from its start to a year after its promise period. */
function years(state: CycleState): number[] {
  const from = new Date(Math.min(state.startedAt, state.periodStart)).getUTCFullYear();
  const to = new Date(state.periodEnd).getUTCFullYear() + 1;
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}

/** Validates the configuration, registers the step handlers, loads the working calendar and starts the agenda. */
export async function openCycle(input: CycleInput): Promise<CycleState> {
  const parsed = CycleConfigSchema.safeParse(input.config);
  if (!parsed.success) {
    throw ApplicationFailure.create({
      type: 'InvalidCycleConfig',
      message: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '),
      nonRetryable: true,
    });
  }
  const config = parsed.data;
  const startAt = config.schedule.startAt ? toInstant(config.schedule.startAt) : now();
  const state = new CycleState(workflowInfo().workflowId, config, Math.max(startAt, now()), input.carryOver);
  // Handlers before the first await: an Update delivered with the first workflow task must find them.
  registerHandlers(state);
  startDispatcher(state);
  const { nonWorkingDays } = await workingCalendar(years(state));
  state.calendar = new Calendar({ nonWorkingDays, workingDaysOnly: config.policy.workingDaysOnly });
  return state;
}
