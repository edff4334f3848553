/**
 * Where a latency is spent, from the metrics the worker (SDK) and the dev server export: how long
 * workflow tasks waited for the worker, how long the worker took, how long the server's own steps
 * and its SQLite persistence took. All in milliseconds.
 */
import { histogram, type Metrics } from './prometheus';

export interface BreakdownRow {
  what: string;
  count: number;
  mean: number;
  p50: number;
  p99: number;
}

interface Source {
  what: string;
  side: 'worker' | 'server';
  name: string;
  filter?: Record<string, string>;
}

/** A server RPC as one of its services (frontend, history) measured it. */
const serverRpc = (service: string, operation: string): Source => ({
  what: `server: ${operation} (${service})`,
  side: 'server',
  name: 'service_latency',
  filter: { operation, service_name: service },
});
/** An RPC as the worker's SDK measured it, from call to answer. */
const workerRpc = (operation: string, name = 'temporal_request_latency'): Source => ({
  what: `worker: ${operation} RPC`,
  side: 'worker',
  name,
  filter: { operation },
});
const serverMetric = (what: string, name: string, filter?: Record<string, string>): Source => ({
  what: `server: ${what}`,
  side: 'server',
  name,
  filter,
});
const workerMetric = (what: string, name: string): Source => ({
  what: `worker: ${what}`,
  side: 'worker',
  name,
});

const sources: Source[] = [
  serverRpc('frontend', 'QueryWorkflow'),
  serverRpc('frontend', 'UpdateWorkflowExecution'),
  serverRpc('frontend', 'ListWorkflowExecutions'),
  serverRpc('frontend', 'DescribeWorkflowExecution'),
  serverMetric('workflow task wait, sticky queue', 'task_schedule_to_start_latency', {
    task_type: 'Workflow',
    partition: '__sticky__',
  }),
  // A sticky task that meets a waiting poll is handed over at once; one that does not goes to the task
  // queue's backlog in SQLite and waits there in order (and once the backlog's head is older than the
  // server's matching.backlogNegligibleAge, every new task queues behind it).
  serverMetric('sticky queue: handed to a waiting poll', 'syncmatch_latency', {
    task_type: 'Workflow',
    partition: '__sticky__',
  }),
  serverMetric('sticky queue: through the backlog', 'asyncmatch_latency', {
    task_type: 'Workflow',
    partition: '__sticky__',
  }),
  serverRpc('matching', 'QueryWorkflow'),
  serverRpc('history', 'RecordWorkflowTaskStarted'),
  serverRpc('history', 'RespondWorkflowTaskCompleted'),
  serverMetric('persistence, all operations', 'persistence_latency'),
  serverMetric('visibility persistence', 'visibility_persistence_latency'),
  workerMetric('workflow task schedule-to-start', 'temporal_workflow_task_schedule_to_start_latency'),
  workerMetric('workflow task execution', 'temporal_workflow_task_execution_latency'),
  workerRpc('RespondWorkflowTaskCompleted'),
  workerRpc('RespondQueryTaskCompleted'),
  workerRpc('PollWorkflowTaskQueue', 'temporal_long_request_latency'),
  workerMetric('activity schedule-to-start', 'temporal_activity_schedule_to_start_latency'),
  workerMetric('activity execution (email)', 'temporal_activity_execution_latency'),
];

/** The server reports seconds; the SDK milliseconds. */
const toMs = { server: 1000, worker: 1 } as const;
const round = (n: number) => Math.round(n * 10) / 10;

/** Merges the worker processes' metrics, so a histogram sums over all of them. */
export function mergeMetrics(all: Metrics[]): Metrics {
  const merged: Metrics = new Map();
  for (const metrics of all)
    for (const [name, samples] of metrics) merged.set(name, [...(merged.get(name) ?? []), ...samples]);
  return merged;
}

/**
 * The server's persistence operations that took the most time in total: the dev server runs SQLite
 * through a single connection, so their sum is time every other operation may have waited for.
 */
function busiestPersistence(server: Metrics, top: number): Source[] {
  const totals = new Map<string, number>();
  for (const s of server.get('persistence_latency_sum') ?? [])
    if (s.labels.operation) totals.set(s.labels.operation, (totals.get(s.labels.operation) ?? 0) + s.value);
  return [...totals]
    .sort(([, a], [, b]) => b - a)
    .slice(0, top)
    .map(([operation]) => serverMetric(`persistence ${operation}`, 'persistence_latency', { operation }));
}

export function latencyBreakdown(worker: Metrics, server: Metrics): BreakdownRow[] {
  return [...sources, ...busiestPersistence(server, 6)].flatMap(({ what, side, name, filter }) => {
    const h = histogram(side === 'server' ? server : worker, name, filter);
    if (!h) return [];
    const unit = toMs[side];
    return [
      {
        what,
        count: h.count,
        mean: round(h.mean * unit),
        p50: round(h.p50 * unit),
        p99: round(h.p99 * unit),
      },
    ];
  });
}
