import { sleep } from '@temporalio/workflow';

export interface CeilingInput {
  /** Timers to fire, one after another; each firing is one workflow task, like the cycle's agenda. */
  timers: number;
  /** Spread the timers over this span so the no-op follows the same compressed calendar as the cycles. */
  spanMs: number;
}

/** The ceiling workload: the same number of workflow tasks and timers as a cycle, with no logic, activities or email. */
export async function ceilingNoOp({ timers, spanMs }: CeilingInput): Promise<number> {
  const interval = Math.max(1, Math.floor(spanMs / Math.max(1, timers)));
  for (let i = 0; i < timers; i++) await sleep(interval);
  return timers;
}
