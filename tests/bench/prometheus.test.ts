import { latencyBreakdown, mergeMetrics } from '../../bench/breakdown';
import { histogram, parseMetrics } from '../../bench/prometheus';

// Ten requests: four under 10 ms, four more under 50 ms, two under 100 ms (SDK style: milliseconds).
const workerText = `# HELP temporal_workflow_task_execution_latency Workflow task execution
# TYPE temporal_workflow_task_execution_latency histogram
temporal_workflow_task_execution_latency_bucket{task_queue="q",le="10"} 4
temporal_workflow_task_execution_latency_bucket{task_queue="q",le="50"} 8
temporal_workflow_task_execution_latency_bucket{task_queue="q",le="100"} 10
temporal_workflow_task_execution_latency_bucket{task_queue="q",le="+Inf"} 10
temporal_workflow_task_execution_latency_sum{task_queue="q"} 300
temporal_workflow_task_execution_latency_count{task_queue="q"} 10
temporal_request_latency_bucket{operation="RespondWorkflowTaskCompleted",le="5"} 1
temporal_request_latency_bucket{operation="RespondWorkflowTaskCompleted",le="+Inf"} 1
temporal_request_latency_sum{operation="RespondWorkflowTaskCompleted"} 2
temporal_request_latency_count{operation="RespondWorkflowTaskCompleted"} 1
temporal_request_latency_bucket{operation="PollWorkflowTaskQueue",le="5"} 0
temporal_request_latency_bucket{operation="PollWorkflowTaskQueue",le="+Inf"} 3
temporal_request_latency_sum{operation="PollWorkflowTaskQueue"} 90000
temporal_request_latency_count{operation="PollWorkflowTaskQueue"} 3
temporal_sticky_cache_size{service_name="temporal-core-sdk"} 42
`;

// The server reports seconds.
const serverText = `service_latency_bucket{operation="QueryWorkflow",service_name="frontend",le="0.01"} 1
service_latency_bucket{operation="QueryWorkflow",service_name="frontend",le="0.1"} 2
service_latency_bucket{operation="QueryWorkflow",service_name="frontend",le="+Inf"} 2
service_latency_sum{operation="QueryWorkflow",service_name="frontend"} 0.06
service_latency_count{operation="QueryWorkflow",service_name="frontend"} 2
service_latency_bucket{operation="QueryWorkflow",service_name="history",le="0.01"} 0
service_latency_bucket{operation="QueryWorkflow",service_name="history",le="+Inf"} 2
service_latency_sum{operation="QueryWorkflow",service_name="history"} 9
service_latency_count{operation="QueryWorkflow",service_name="history"} 2
`;

describe('bench metrics (Prometheus text)', () => {
  it('parses names, labels and values, and skips comments', () => {
    const metrics = parseMetrics(workerText);
    expect(metrics.get('temporal_sticky_cache_size')).toEqual([
      { labels: { service_name: 'temporal-core-sdk' }, value: 42 },
    ]);
    expect(metrics.get('temporal_workflow_task_execution_latency_bucket')).toHaveLength(4);
    expect([...metrics.keys()].some((k) => k.startsWith('#'))).toBe(false);
  });

  it('estimates quantiles inside the bucket that holds them, with the exact mean', () => {
    const h = histogram(parseMetrics(workerText), 'temporal_workflow_task_execution_latency');
    expect(h).toMatchObject({ count: 10, mean: 30, p50: 20 });
    expect(h?.p99).toBeCloseTo(97.5);
  });

  it('keeps to the series a filter names', () => {
    const metrics = parseMetrics(workerText);
    expect(
      histogram(metrics, 'temporal_request_latency', { operation: 'RespondWorkflowTaskCompleted' })?.count,
    ).toBe(1);
    expect(histogram(metrics, 'temporal_request_latency')?.count).toBe(4);
    expect(histogram(metrics, 'temporal_request_latency', { operation: 'Nope' })).toBeUndefined();
  });

  it('breaks latency down in milliseconds, server seconds converted, absent metrics left out', () => {
    const rows = latencyBreakdown(mergeMetrics([parseMetrics(workerText)]), parseMetrics(serverText));
    expect(rows.find((r) => r.what.startsWith('server: QueryWorkflow'))).toMatchObject({
      count: 2,
      mean: 30,
    });
    expect(rows.find((r) => r.what === 'worker: workflow task execution')).toMatchObject({
      count: 10,
      mean: 30,
    });
    expect(rows.some((r) => r.what.includes('persistence'))).toBe(false);
  });

  it('lists the persistence operations that took the most time in total, busiest first', () => {
    const persistence = (op: string, count: number, sum: number) =>
      `persistence_latency_bucket{operation="${op}",le="+Inf"} ${count}\n` +
      `persistence_latency_sum{operation="${op}"} ${sum}\npersistence_latency_count{operation="${op}"} ${count}\n`;
    const server = parseMetrics(
      persistence('GetTasks', 1000, 0.5) +
        persistence('UpdateWorkflowExecution', 10, 2) +
        persistence('AppendHistoryNodes', 5, 1),
    );
    const rows = latencyBreakdown(new Map(), server).filter((r) => r.what.startsWith('server: persistence '));
    expect(rows.map((r) => r.what)).toEqual([
      'server: persistence UpdateWorkflowExecution',
      'server: persistence AppendHistoryNodes',
      'server: persistence GetTasks',
    ]);
    expect(rows[0]).toMatchObject({ count: 10, mean: 200 });
  });

  it('sums a histogram over every worker process', () => {
    const one = parseMetrics(workerText);
    const merged = mergeMetrics([one, one]);
    expect(histogram(merged, 'temporal_workflow_task_execution_latency')?.count).toBe(20);
  });
});
