import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { CycleConfigSchema, cycleWorkflowId } from '../../domain/config';
import type { CycleReport } from '../../domain/notifications';
import { fullYearSteps } from '../fixtures/full-year';
import { uniqueTaskQueue } from '../helpers';
import { CycleDriver } from './driver';
import { cycleBundle, cycleTestEnv } from './env';
import { RecordingActivities } from './recording-activities';

/** A demo calendar: the whole promise period in four hours, cadences and deadlines in minutes. */
describe('a compressed year (durations in minutes)', () => {
  let env: TestWorkflowEnvironment;

  beforeAll(async () => {
    env = await cycleTestEnv();
  });

  afterAll(async () => {
    await env?.teardown();
  });

  it('runs follow-ups, feedback and deadlines on minute cadences', async () => {
    const recorded = new RecordingActivities();
    const taskQueue = uniqueTaskQueue('compressed');
    const worker = await Worker.create({
      connection: env.nativeConnection,
      taskQueue,
      workflowBundle: await cycleBundle(),
      activities: recorded.activities(),
    });
    const now = await env.currentTimeMs();
    const at = (minutes: number) => new Date(now + minutes * 60_000).toISOString();
    const steps = fullYearSteps({
      today: now,
      activities: 2,
      policy: {
        minCitizenDialogues: 2,
        followUpEvery: '1h',
        feedbackEvery: '30m',
        reminderLead: '5m',
        escalationGrace: '10m',
        workingDaysOnly: false,
      },
    });
    steps.config.schedule = {
      promisePeriod: { start: at(60), end: at(300) },
      phaseDurations: { 'year-end': '30m' },
    };
    steps.activityPlan.activities = steps.activityPlan.activities.map((a, i) => ({
      ...a,
      start: at(70 + i * 30),
      end: at(150 + i * 30),
      followUp: { ...a.followUp, date: at(200) },
      effectGoal: { ...a.effectGoal, by: at(290) },
    }));
    const config = CycleConfigSchema.parse(steps.config);
    await worker.runUntil(async () => {
      const driver = await CycleDriver.start(env, taskQueue, steps, recorded);
      const handle = driver.handle;
      await driver.throughPlanning();
      await driver.runYear();
      const report = (await handle.result()) as CycleReport;
      const st = await driver.status();
      expect(st.feedback.map((f) => (Date.parse(f.due) - now) / 60_000)).toEqual([
        90, 120, 150, 180, 210, 240, 270, 300,
      ]);
      expect(
        st.followUps
          .filter((f) => f.id.startsWith('cadence-'))
          .map((f) => (Date.parse(f.due) - now) / 60_000),
      ).toEqual([120, 180, 240]);
      expect(report.activities.map((a) => a.state)).toEqual(['done', 'done']);
      const reminders = recorded.ofKind('reminder').filter((n) => n.about === 'activity-end');
      expect(reminders.map((n) => Math.round((recorded.sentAt.get(n.key)! - now) / 60_000))).toEqual([
        145, 175,
      ]);
      expect(report.nextCycle?.workflowId).toBe(cycleWorkflowId('0380', config.year + 1));
    });
  });
});
