import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { CycleConfigSchema } from '../../domain/config';
import { workflowStackFrames } from '../../workflows/stack-traces';
import { fullYearSteps } from '../fixtures/full-year';
import { uniqueTaskQueue, uniqueWorkflowId } from '../helpers';
import { cycleBundle, cycleTestEnv } from './env';
import { RecordingActivities } from './recording-activities';

interface EnhancedStackTrace {
  stacks: { locations: { function_name?: string; file_path?: string }[] }[];
}

describe('stack traces of a waiting cycle', () => {
  let env: TestWorkflowEnvironment;

  beforeAll(async () => {
    env = await cycleTestEnv();
  }, 120_000);

  afterAll(async () => {
    await env?.teardown();
  });

  it(`are at most ${workflowStackFrames} frames deep and still name where the cycle waits`, async () => {
    const taskQueue = uniqueTaskQueue('stack-traces');
    const worker = await Worker.create({
      connection: env.nativeConnection,
      taskQueue,
      workflowBundle: await cycleBundle(),
      activities: new RecordingActivities().activities(),
    });
    const steps = fullYearSteps({ today: await env.currentTimeMs(), activities: 3 });
    const { stacks } = await worker.runUntil(async () => {
      const handle = await env.client.workflow.start('promiseCycle', {
        taskQueue,
        workflowId: uniqueWorkflowId('stack-traces'),
        args: [{ config: CycleConfigSchema.parse(steps.config) }],
      });
      await handle.query('status');
      return handle.query<EnhancedStackTrace>('__enhanced_stack_trace');
    });
    expect(stacks.length).toBeGreaterThan(0);
    for (const stack of stacks) expect(stack.locations.length).toBeLessThanOrEqual(workflowStackFrames);
    const functions = stacks.flatMap((s) => s.locations.map((l) => l.function_name));
    expect(functions).toEqual(expect.arrayContaining(['agendaLoop', 'visibilityLoop', 'outboxLoop']));
  }, 60_000);
});
