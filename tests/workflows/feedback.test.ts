import path from 'node:path';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { CycleStatus } from '../../domain/status';
import { people } from '../fixtures/full-year';
import { CycleDriver } from './driver';
import { cycleWorkerWithSteps } from './env';
import { RecordingActivities } from './recording-activities';

/** Recorded by `RECORD_HISTORY=1`; full-year.test.ts replays every recording with the newest code. */
const historyFile = path.join(__dirname, '../fixtures/histories/feedback-overdue.json');
const overdueLabel = 'Återkoppling försenad';
const day = 86_400_000;

/**
 * The first feedback to citizens and staff is left undone past its due date (an overdue notice, counted
 * as overdue until it is recorded); the second is recorded in time (no notice).
 */
describe('feedback that is not given in time', () => {
  let env: TestWorkflowEnvironment;
  const recorded = new RecordingActivities();
  let planned: CycleStatus;
  let opened: CycleStatus;
  let second: CycleStatus;
  let overdue: CycleStatus;
  let given: CycleStatus;
  let secondPastDue: CycleStatus;
  const feedbackOverdueNotices = (id: string) =>
    recorded.ofKind('overdue').filter((n) => n.about === 'task' && n.task?.id === id);

  beforeAll(async () => {
    const started = await cycleWorkerWithSteps('feedback', recorded);
    env = started.env;
    const { taskQueue, worker, steps } = started;
    await worker.runUntil(async () => {
      const d = await CycleDriver.start(env, taskQueue, steps, recorded);
      const skipTo = async (iso: string) => {
        const target = Date.parse(iso);
        await env.sleep(Math.max(target - (await env.currentTimeMs()), 0) + 1_000);
        await d.waitFor(
          (s) => (s.nextEvents[0] ? Date.parse(s.nextEvents[0].at) > target : true),
          `past ${iso}`,
        );
      };
      const taskDue = (s: CycleStatus, id: string) => s.openTasks.find((t) => t.id === id)?.due ?? '';
      const today = async () => new Date(await env.currentTimeMs()).toISOString().slice(0, 10);

      await d.throughPlanning();
      planned = await d.status();
      await skipTo(planned.feedback[0]!.due);
      opened = await d.waitFor(
        (s) => s.openTasks.some((t) => t.id === 'feedback-1'),
        'the first feedback task',
      );
      await skipTo(taskDue(opened, 'feedback-1'));
      await d.historyLength(); // the outbox has sent what came due
      overdue = await d.status();
      // A day later a running activity is cut short, its new end before the agenda's next item: the
      // agenda re-arms its timer. (In a cycle started before the overdue notice existed, that timer
      // aimed past the notice's time; replaying such a history must not aim it at the notice.)
      const overdueAt = Date.parse(taskDue(opened, 'feedback-1'));
      const running = overdue.activities.find(
        (a) => Date.parse(a.start) < overdueAt && Date.parse(a.end) > overdueAt + 10 * day,
      )!;
      await env.sleep(day);
      await d.step('report-change', {
        by: running.responsible.email,
        activityId: running.id,
        what: 'Sista passet flyttas fram.',
        why: 'Lokalen stängs för renovering.',
        newEnd: new Date(overdueAt + 2 * day).toISOString().slice(0, 10),
      });
      await d.step('record-feedback', steps.feedback('feedback-1', await today()));
      given = await d.status();

      await skipTo(given.feedback[1]!.due);
      second = await d.waitFor((s) => s.openTasks.some((t) => t.id === 'feedback-2'), 'the second');
      await d.step('record-feedback', steps.feedback('feedback-2', await today()));
      await skipTo(taskDue(second, 'feedback-2'));
      secondPastDue = await d.status();
      await d.finish(historyFile);
    });
  }, 300_000);

  afterAll(async () => {
    await env?.teardown();
  });

  it("dates each round by its task's deadline, known before the task opens", () => {
    const task = (s: CycleStatus, id: string) => s.openTasks.find((t) => t.id === id);
    expect(task(planned, 'feedback-1')).toBeUndefined();
    expect(planned.feedback[0]!.deadline).toBe(task(opened, 'feedback-1')?.due);
    expect(planned.feedback[1]!.deadline).toBe(task(second, 'feedback-2')?.due);
    expect(Date.parse(planned.feedback[0]!.deadline)).toBeGreaterThan(Date.parse(planned.feedback[0]!.due));
  });

  it('shows the overdue date among the next events once the feedback task is open', () => {
    const due = opened.openTasks.find((t) => t.id === 'feedback-1')?.due;
    expect(opened.nextEvents).toContainEqual({
      at: due,
      what: `${overdueLabel}: Återkoppling 1 till medborgare och medarbetare`,
    });
  });

  it('sends one overdue notice to the coordinators and the communicator, and counts it', () => {
    const notices = feedbackOverdueNotices('feedback-1');
    expect(notices).toHaveLength(1);
    expect(notices[0]!.to.map((r) => r.email).sort()).toEqual(
      [people.policeCoordinator.email, people.municipalCoordinator.email, people.communicator.email].sort(),
    );
    expect(notices[0]!.task?.step).toBe('record-feedback');
    expect(overdue.feedback[0]).toMatchObject({ id: 'feedback-1', overdue: true });
    expect(overdue.feedback[0]!.givenAt).toBeUndefined();
  });

  it('clears the overdue state when the feedback is recorded', () => {
    expect(given.feedback[0]).toMatchObject({ id: 'feedback-1', overdue: false });
    expect(given.feedback[0]!.givenAt).toBeDefined();
    expect(given.overdueCount).toBe(overdue.overdueCount - 1);
    expect(given.nextEvents.filter((e) => e.what.startsWith(overdueLabel))).toEqual([]);
  });

  it('sends nothing for feedback recorded in time', () => {
    expect(feedbackOverdueNotices('feedback-2')).toHaveLength(0);
    expect(secondPastDue.feedback[1]).toMatchObject({ id: 'feedback-2', overdue: false });
    expect(feedbackOverdueNotices('feedback-1')).toHaveLength(1);
  });
});
