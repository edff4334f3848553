import { defineQuery, setHandler, sleep } from '@temporalio/workflow';

export interface CeilingInput {
  /** Timers to fire, one after another; each firing is one workflow task, like the cycle's agenda. */
  timers: number;
  /** Spread the timers over this span so the no-op follows the same compressed calendar as the cycles. */
  spanMs: number;
  /** Begin this much later, as the cycle it stands for begins its promise period later (--stagger-minutes). */
  delayMs?: number;
}

/** How many timers an execution has fired: the ceiling's counterpart of a cycle's `status` query. */
export const timersFiredQuery = defineQuery<number>('timersFired');

/** The ceiling workload: the same number of workflow tasks and timers as a cycle, with no logic, activities or email. */
export async function ceilingNoOp({ timers, spanMs, delayMs = 0 }: CeilingInput): Promise<number> {
  let fired = 0;
  setHandler(timersFiredQuery, () => fired);
  const interval = Math.max(1, Math.floor(spanMs / Math.max(1, timers)));
  // The delay rides on the first timer: a timer of its own would add a workflow task the cycle does not have.
  for (; fired < timers; fired++) await sleep(fired === 0 ? interval + delayMs : interval);
  return fired;
}
