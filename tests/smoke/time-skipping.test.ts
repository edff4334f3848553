import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { CycleYear, Escalated, MunicipalityCode, NextDueAt } from '../../domain/search-attributes';
import { sleepThirtyDays } from '../fixtures/workflows/smoke';
import {
  bundleOnce,
  smokeWorkflowsPath,
  timeSkippingEnv,
  uniqueTaskQueue,
  uniqueWorkflowId,
} from '../helpers';

const day = 24 * 60 * 60 * 1000;
let env: TestWorkflowEnvironment;

beforeAll(async () => {
  env = await timeSkippingEnv();
});

afterAll(async () => {
  await env?.teardown();
});

test('a 30-day timer completes in seconds on the time-skipping server', async () => {
  const taskQueue = uniqueTaskQueue('smoke');
  const worker = await Worker.create({
    connection: env.nativeConnection,
    taskQueue,
    workflowBundle: await bundleOnce(smokeWorkflowsPath),
  });
  const serverTimeBefore = await env.currentTimeMs();
  const started = Date.now();

  const result = await worker.runUntil(
    env.client.workflow.execute(sleepThirtyDays, { taskQueue, workflowId: uniqueWorkflowId('sleep') }),
  );

  expect(result).toBe('woke up');
  expect((await env.currentTimeMs()) - serverTimeBefore).toBeGreaterThanOrEqual(30 * day);
  expect(Date.now() - started).toBeLessThan(30_000);
});

test('workflows on the time-skipping server can carry the project search attributes', async () => {
  const taskQueue = uniqueTaskQueue('smoke-sa');
  const handle = await env.client.workflow.start(sleepThirtyDays, {
    taskQueue,
    workflowId: uniqueWorkflowId('sa'),
    typedSearchAttributes: [
      { key: MunicipalityCode, value: '0180' },
      { key: CycleYear, value: 2027 },
      { key: Escalated, value: false },
      { key: NextDueAt, value: new Date('2027-03-01T09:00:00Z') },
    ],
  });
  const { typedSearchAttributes } = await handle.describe();
  expect(typedSearchAttributes.get(MunicipalityCode)).toBe('0180');
  expect(typedSearchAttributes.get(CycleYear)).toBe(2027);
  await handle.terminate('smoke test done');
});
