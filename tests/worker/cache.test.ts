import { cycleStatus, runStep } from '../../lib/cycles';
import { confirmInitiation } from '../../lib/simulation/payloads';
import { useProjectWorker } from './project-worker';

jest.setTimeout(300_000);

describe('worker cache bound (WORKER_MAX_CACHED_WORKFLOWS)', () => {
  const w = useProjectWorker('cache', { WORKER_MAX_CACHED_WORKFLOWS: '2' });

  it('keeps at most that many cycles in memory and replays the others when they are asked', async () => {
    let mostCached = 0;
    const sample = setInterval(() => {
      mostCached = Math.max(mostCached, w.worker.getStatus().numCachedWorkflows);
    }, 5);
    try {
      // Cycle ids are municipality + year: a year no other test uses, or startCycle would return another
      // test's cycle (running on a task queue no worker polls any more).
      const { configs, started } = await w.startCycles(3, 2000 + Math.floor(Math.random() * 26));
      // Asked in order, the first is normally evicted by now; a step on it replays it and is applied.
      const [first] = started;
      const config = configs[0]!;
      await runStep(
        w.client,
        first!.workflowId,
        'confirm-initiation',
        confirmInitiation(config, config.people.policeCoordinator.email),
        first!.runId,
      );
      const after = await cycleStatus(w.client, first!.workflowId, first!.runId);
      expect(after.phase).toBe('situation-picture');
    } finally {
      clearInterval(sample);
    }
    expect(mostCached).toBeGreaterThan(0);
    expect(mostCached).toBeLessThanOrEqual(2);
    expect(w.worker.getStatus().numCachedWorkflows).toBeLessThanOrEqual(2);
    // WORKER_WORKFLOW_THREADS unset: the SDK's own default (one workflow thread) is kept.
    expect(w.worker.options.workflowThreadPoolSize).toBe(1);
    expect(w.worker.options.workflowTaskPollerBehavior).toEqual({ type: 'simple-maximum', maximum: 10 });
  });
});
