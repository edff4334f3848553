import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { CycleConfigSchema } from '../../domain/config';
import { CyclePhase, MunicipalityCode } from '../../domain/search-attributes';
import { fullYearSteps } from '../fixtures/full-year';
import { devServerEnv, uniqueTaskQueue, uniqueWorkflowId } from '../helpers';
import { CycleDriver } from './driver';
import { cycleBundle } from './env';
import { RecordingActivities } from './recording-activities';

/** On a real server a rejected Update leaves no trace at all: its speculative workflow task is dropped. */
describe('on the dev server', () => {
  let env: TestWorkflowEnvironment;

  beforeAll(async () => {
    env = await devServerEnv();
  });

  afterAll(async () => {
    await env?.teardown();
  });

  it('adds no history event for a rejected step and keeps the search attributes current', async () => {
    const recorded = new RecordingActivities();
    const taskQueue = uniqueTaskQueue('dev-steps');
    const worker = await Worker.create({
      connection: env.nativeConnection,
      taskQueue,
      workflowBundle: await cycleBundle(),
      activities: recorded.activities(),
    });
    await worker.runUntil(async () => {
      const steps = fullYearSteps({ today: Date.now(), activities: 3 });
      const handle = await env.client.workflow.start('promiseCycle', {
        taskQueue,
        workflowId: uniqueWorkflowId('dev-cycle'),
        args: [{ config: CycleConfigSchema.parse(steps.config) }],
      });
      const d = new CycleDriver(env, handle, steps, recorded);
      await d.step('confirm-initiation', steps.confirmInitiation);
      const before = await d.historyLength({ all: true });
      expect(await d.rejection('record-staff-dialogue', steps.staffDialogue('what'))).toContain(
        '"Lokal lägesbild"',
      );
      expect(
        await d.rejection('record-situation-picture', { ...steps.situationPicture, publicSummary: '' }),
      ).toBe('record-situation-picture: publicSummary: must not be empty');
      expect(await d.historyLength({ all: true })).toBe(before);
      const attributes = (await handle.describe()).typedSearchAttributes;
      expect(attributes.get(CyclePhase)).toBe('situation-picture');
      expect(attributes.get(MunicipalityCode)).toBe('0380');
      await handle.terminate();
    });
  });
});
