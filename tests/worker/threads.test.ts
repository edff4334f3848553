import { cycleStatus, runStep } from '../../lib/cycles';
import { confirmInitiation } from '../../lib/simulation/payloads';
import { useProjectWorker } from './project-worker';

jest.setTimeout(300_000);

describe('worker tuning (WORKER_WORKFLOW_THREADS, _TASK_POLLERS, _TASK_SLOTS, WORKER_ACTIVITY_SLOTS)', () => {
  const w = useProjectWorker('threads', {
    WORKER_WORKFLOW_THREADS: '2',
    WORKER_WORKFLOW_TASK_POLLERS: '4',
    WORKER_WORKFLOW_TASK_SLOTS: '60',
    WORKER_ACTIVITY_SLOTS: '2',
  });

  it('keeps as many polls open and tasks in hand as configured', () => {
    expect(w.worker.options.workflowTaskPollerBehavior).toEqual({ type: 'simple-maximum', maximum: 4 });
    expect(w.worker.options.tuner).toMatchObject({
      workflowTaskSlotSupplier: { type: 'fixed-size', numSlots: 60 },
      activityTaskSlotSupplier: { type: 'fixed-size', numSlots: 2 },
    });
    // The SDK's five activity polls would hold more than the two slots: it opens two.
    expect(w.worker.options.activityTaskPollerBehavior).toEqual({ type: 'simple-maximum', maximum: 2 });
  });

  it('runs cycles on two workflow threads: each answers and takes its steps', async () => {
    expect(w.worker.options.workflowThreadPoolSize).toBe(2);
    // Cycle ids are municipality + year: a year no other test uses (see cache.test.ts).
    const { configs, started } = await w.startCycles(4, 2091 + Math.floor(Math.random() * 8));
    await Promise.all(
      started.map(async ({ workflowId, runId }, i) => {
        const config = configs[i]!;
        const step = confirmInitiation(config, config.people.policeCoordinator.email);
        await runStep(w.client, workflowId, 'confirm-initiation', step, runId);
        expect((await cycleStatus(w.client, workflowId, runId)).phase).toBe('situation-picture');
      }),
    );
    expect(w.worker.getStatus().numCachedWorkflows).toBe(4);
  });
});
