import type { Client } from '@temporalio/client';
import { temporal } from '@temporalio/proto';

const { EventType } = temporal.api.enums.v1;

export interface HistoryCounts {
  events: number;
  workflowTasks: number;
  timers: number;
  activities: number;
  updates: number;
  /** Memo and search-attribute upserts: each is a command the SDK's core keeps a state machine for while the run is cached. */
  visibilityUpserts: number;
}

/** Counts a history's events by type (the figures the ceiling workload copies, and the commands a run issued). */
export function countHistory(history: temporal.api.history.v1.IHistory): HistoryCounts {
  const counts: HistoryCounts = {
    events: 0,
    workflowTasks: 0,
    timers: 0,
    activities: 0,
    updates: 0,
    visibilityUpserts: 0,
  };
  for (const event of history.events ?? []) {
    counts.events++;
    switch (event.eventType) {
      case EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED:
        counts.workflowTasks++;
        break;
      case EventType.EVENT_TYPE_TIMER_STARTED:
        counts.timers++;
        break;
      case EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED:
        counts.activities++;
        break;
      case EventType.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ACCEPTED:
        counts.updates++;
        break;
      case EventType.EVENT_TYPE_WORKFLOW_PROPERTIES_MODIFIED:
      case EventType.EVENT_TYPE_UPSERT_WORKFLOW_SEARCH_ATTRIBUTES:
        counts.visibilityUpserts++;
        break;
    }
  }
  return counts;
}

/** Counts one execution's history by event type. */
export async function historyCounts(client: Client, workflowId: string): Promise<HistoryCounts> {
  return countHistory(await client.workflow.getHandle(workflowId).fetchHistory());
}

/** Runs `work` over `items` with at most `limit` in flight. */
export async function mapLimit<T, R>(
  items: readonly T[],
  limit: number,
  work: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        results[i] = await work(items[i]!, i);
      }
    }),
  );
  return results;
}
