import type { ProgressDraft } from '../domain/notifications';
import { activityState, type CycleState, iso, now } from './state';

/** An auto-drafted summary for the feedback to citizens and staff: what was done and every explained deviation. */
export function progressDraft(state: CycleState, from: number): ProgressDraft {
  const activities = [...state.activities.values()];
  return {
    period: { from: iso(from), to: iso(now()) },
    activities: activities.map((a) => ({
      id: a.plan.id,
      title: a.plan.title,
      state: activityState(a),
      latest: a.completed?.summary ?? a.reports.at(-1)?.summary,
    })),
    deviations: activities.flatMap((a) =>
      a.explanation ? [{ activityId: a.plan.id, title: a.plan.title, explanation: a.explanation.text }] : [],
    ),
    completed: activities.filter((a) => a.completed).length,
    total: activities.length,
  };
}
