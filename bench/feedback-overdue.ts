import type { SimulationReport } from '../lib/simulation';

export interface FeedbackOverdueTally {
  /** Feedback rounds the simulated people recorded late on purpose. */
  expected: number;
  /** Distinct overdue notices (business keys) for those rounds: one each when the cycles are right. */
  noticed: number;
  /** Late rounds that got no notice. */
  missing: number;
  /** Notices for rounds the people meant to record in time but reached after the deadline (slow under load). */
  forRoundsMeantOnTime: number;
}

/** Matches the simulation's late rounds against the overdue notices the SMTP sink saw, by round. */
export function feedbackOverdueTally(
  reports: Pick<SimulationReport, 'workflowId' | 'lateFeedback'>[],
  keysByRound: ReadonlyMap<string, ReadonlySet<string>>,
): FeedbackOverdueTally {
  const late = new Set(reports.flatMap((r) => r.lateFeedback.map((id) => `${r.workflowId}/${id}`)));
  let noticed = 0;
  let missing = 0;
  for (const round of late) {
    const notices = keysByRound.get(round)?.size ?? 0;
    noticed += notices;
    if (notices === 0) missing++;
  }
  let forRoundsMeantOnTime = 0;
  for (const [round, keys] of keysByRound) if (!late.has(round)) forRoundsMeantOnTime += keys.size;
  return { expected: late.size, noticed, missing, forRoundsMeantOnTime };
}
