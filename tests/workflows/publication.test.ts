import path from 'node:path';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { CycleStatus } from '../../domain/status';
import { retryPublicationTaskId } from '../../workflows/phases/publication';
import { people } from '../fixtures/full-year';
import { CycleDriver } from './driver';
import { cycleWorkerWithSteps } from './env';
import { RecordingActivities } from './recording-activities';

/** Recorded by `RECORD_HISTORY=1`; full-year.test.ts replays every recording with the newest code. */
const historyFile = path.join(__dirname, '../fixtures/histories/publication-problem.json');

/**
 * The case register refuses the signed promise twice (for good, not a passing error): the cycle does
 * not fail; the coordinators are asked to retry, a retry that fails again keeps the one task, and the
 * daily retry then registers and publishes it.
 */
describe('a registration that fails for good', () => {
  let env: TestWorkflowEnvironment;
  const recorded = new RecordingActivities();
  let beforeSigning = '';
  let firstRound: CycleStatus;
  let wrongPerson = '';
  let secondRound: CycleStatus;
  let taskEmailsAfterSecondRound = 0;
  let published: CycleStatus;
  let afterwards = '';

  beforeAll(async () => {
    const started = await cycleWorkerWithSteps('publication', recorded);
    env = started.env;
    const { taskQueue, worker, steps } = started;
    const retry = (by: string) => ({ by, note: 'Diariet är i drift igen.' });
    const retryTasksMailed = () =>
      recorded.ofKind('phase-task').filter((n) => n.task?.id === retryPublicationTaskId).length;
    recorded.registerRefusals = 2;

    await worker.runUntil(async () => {
      const d = await CycleDriver.start(env, taskQueue, steps, recorded);
      await d.toPromiseGate();
      beforeSigning = await d.rejection('retry-publication', retry(people.policeCoordinator.email));
      await d.signAll('promise');

      firstRound = await d.waitFor((s) => s.publicationProblem !== undefined, 'the first refusal');
      wrongPerson = await d.rejection('retry-publication', retry(people.staff[0].email));
      await d.step('retry-publication', retry(people.municipalCoordinator.email));
      secondRound = await d.waitFor((s) => s.publicationProblem?.rounds === 2, 'the second refusal');
      await d.waitForSent(() => retryTasksMailed() > 0);
      taskEmailsAfterSecondRound = retryTasksMailed();

      await env.sleep('1 day');
      published = await d.waitFor((s) => s.phase === 'implementation', 'the daily retry');
      afterwards = await d.rejection('retry-publication', retry(people.policeCoordinator.email));
      await d.finish(historyFile);
    });
  }, 300_000);

  afterAll(async () => {
    await env?.teardown();
  });

  it('refuses a retry while nothing has failed', () => {
    expect(beforeSigning).toMatch(/väntar inte på något nytt försök/);
  });

  it('keeps the cycle in its phase and asks the coordinators and the communicator to retry', () => {
    expect(firstRound.phase).toBe('promise');
    expect(firstRound.publicationProblem).toMatchObject({
      step: 'register',
      rounds: 1,
      reason: expect.stringContaining('refused the record'),
    });
    const task = firstRound.openTasks.find((t) => t.id === retryPublicationTaskId);
    expect(task?.step).toBe('retry-publication');
    expect(task?.title).toMatch(/^Diarieföringen av medborgarlöftet misslyckades/);
    expect(task?.assignees.map((a) => a.email).sort()).toEqual(
      [people.policeCoordinator.email, people.municipalCoordinator.email, people.communicator.email].sort(),
    );
    expect(firstRound.promise).toBeUndefined();
  });

  it('lets only those people retry', () => {
    expect(wrongPerson).toContain(people.staff[0].email);
  });

  it('counts a retry that fails again as a second round of the same problem, with one task', () => {
    expect(secondRound.publicationProblem?.since).toBe(firstRound.publicationProblem?.since);
    expect(secondRound.openTasks.filter((t) => t.id === retryPublicationTaskId)).toHaveLength(1);
    expect(taskEmailsAfterSecondRound).toBe(1);
  });

  it('retries by itself after a day: registered once, published, the task closed', () => {
    expect(recorded.registered).toHaveLength(1);
    expect(published.promise?.recordNumber).toBe(recorded.registered[0]?.record.recordNumber);
    expect(published.promise?.publicUrl).toMatch(/medborgarloften/);
    expect(recorded.published.at(-1)?.published).toBe(true);
    expect(published.publicationProblem).toBeUndefined();
    expect(published.openTasks.some((t) => t.id === retryPublicationTaskId)).toBe(false);
    expect(afterwards).toMatch(/hör till fasen/);
  });
});
