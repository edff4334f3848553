import { writeFileSync } from 'node:fs';
import type { WorkflowHandle } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { CycleConfigSchema, cycleWorkflowId } from '../../domain/config';
import type { CycleStatus } from '../../domain/status';
import type { Gate, StepInput, StepName } from '../../domain/steps';
import { type StepResult, statusQuery, stepUpdates, publicViewQuery } from '../../workflows/messages';
import type { FullYearSteps } from '../fixtures/full-year';
import type { RecordingActivities } from './recording-activities';

/** Drives one cycle through its human steps and its year, the way the people in it would. */
export class CycleDriver {
  constructor(
    readonly env: TestWorkflowEnvironment,
    readonly handle: WorkflowHandle,
    readonly steps: FullYearSteps,
    readonly recorded: RecordingActivities,
  ) {}

  /** Starts the cycle of `steps.config` (its id from municipality and year) and a driver for it. */
  static async start(
    env: TestWorkflowEnvironment,
    taskQueue: string,
    steps: FullYearSteps,
    recorded: RecordingActivities,
  ): Promise<CycleDriver> {
    const config = CycleConfigSchema.parse(steps.config);
    const handle = await env.client.workflow.start('promiseCycle', {
      taskQueue,
      workflowId: cycleWorkflowId(config.municipality.code, config.year),
      args: [{ config }],
    });
    return new CycleDriver(env, handle, steps, recorded);
  }

  step<S extends StepName>(name: S, input: StepInput<S>): Promise<StepResult> {
    return this.handle.executeUpdate(stepUpdates[name], { args: [input] });
  }

  /** The rejection message of a step that must fail. */
  async rejection<S extends StepName>(name: S, input: StepInput<S>): Promise<string> {
    try {
      await this.step(name, input);
    } catch (err) {
      const cause = (err as { cause?: { message?: string } }).cause;
      return cause?.message ?? String(err);
    }
    throw new Error(`${name} was accepted but should have been rejected`);
  }

  status(): Promise<CycleStatus> {
    return this.handle.query(statusQuery);
  }

  publicView() {
    return this.handle.query(publicViewQuery);
  }

  /**
   * How many events besides workflow-task bookkeeping the history holds, once the workflow is idle.
   * (A real server drops the speculative workflow task of a rejected Update; the time-skipping test
   * server keeps its three workflow-task events, so those are not counted.)
   */
  async historyLength(opts: { all?: boolean } = {}): Promise<number> {
    const bookkeeping = new Set([
      temporal.api.enums.v1.EventType.EVENT_TYPE_WORKFLOW_TASK_SCHEDULED,
      temporal.api.enums.v1.EventType.EVENT_TYPE_WORKFLOW_TASK_STARTED,
      temporal.api.enums.v1.EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED,
    ]);
    let previous = -1;
    for (let i = 0; i < 200; i++) {
      const [history, description] = await Promise.all([this.handle.fetchHistory(), this.handle.describe()]);
      const events = history.events ?? [];
      const raw = description.raw;
      const lastTask = events.filter((e) => bookkeeping.has(e.eventType!)).at(-1)?.eventType;
      const taskDone = lastTask === temporal.api.enums.v1.EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED;
      const idle = taskDone && (raw.pendingActivities ?? []).length === 0 && !raw.pendingWorkflowTask;
      if (idle && events.length === previous)
        return opts.all ? events.length : events.filter((e) => !bookkeeping.has(e.eventType!)).length;
      previous = idle ? events.length : -1;
      await new Promise((r) => setTimeout(r, 25));
    }
    throw new Error('the workflow did not settle');
  }

  /**
   * Ends a test's cycle once no activity is in flight: the time-skipping server keeps time locked
   * for an activity whose workflow was terminated under it.
   */
  async terminate(): Promise<void> {
    await this.historyLength();
    await this.handle.terminate('test finished');
  }

  /** Ends the test's cycle; with RECORD_HISTORY=1 its history is written to `historyFile` first (a replay fixture). */
  async finish(historyFile: string): Promise<void> {
    if (process.env.RECORD_HISTORY === '1')
      writeFileSync(historyFile, JSON.stringify(await this.handle.fetchHistory()));
    await this.terminate();
  }

  async hash(gate: Gate): Promise<string> {
    const document = (await this.status()).gates.find((g) => g.gate === gate)?.document;
    if (!document) throw new Error(`no ${gate} document`);
    return document.contentHash;
  }

  async signAll(gate: Gate): Promise<void> {
    const hash = await this.hash(gate);
    for (const by of this.steps.signatories) await this.step('sign', this.steps.sign(by, gate, hash));
  }

  async toJointPicture(opts: { deeperDialogue?: boolean } = {}): Promise<void> {
    const s = this.steps;
    await this.step('confirm-initiation', s.confirmInitiation);
    await this.step('record-situation-picture', s.situationPicture);
    await this.step('record-staff-dialogue', s.staffDialogue('what'));
    await this.step('record-citizen-dialogue', s.citizenDialogues[0]!);
    await this.step('record-citizen-dialogue', s.citizenDialogues[1]!);
    await this.step('close-citizen-dialogues', s.closeDialogues);
    if (opts.deeperDialogue) {
      await this.step('record-joint-picture', s.deeperDialogue);
      await this.step('record-citizen-dialogue', s.citizenDialogues[2]!);
      await this.step('close-citizen-dialogues', s.closeDialogues);
    }
  }

  /** Every phase before implementation: dialogues, joint picture, analyses, both gates, the plan. */
  async throughPlanning(opts: { deeperDialogue?: boolean } = {}): Promise<void> {
    await this.throughSigning(opts);
    await this.waitFor((st) => st.phase === 'implementation');
  }

  /** Every human step up to the last signature of the promise (registration and publication follow). */
  async throughSigning(opts: { deeperDialogue?: boolean } = {}): Promise<void> {
    await this.toPromiseGate(opts);
    await this.signAll('promise');
  }

  /** Every human step up to the promise's draft, which then waits for its signatures. */
  async toPromiseGate(opts: { deeperDialogue?: boolean } = {}): Promise<void> {
    const s = this.steps;
    await this.toJointPicture(opts);
    await this.step('record-joint-picture', s.jointPicture);
    for (const analysis of s.analyses) await this.step('record-problem-analysis', analysis);
    await this.step('draft-document', s.agreementDraft);
    await this.signAll('agreement');
    await this.step('record-staff-dialogue', s.staffDialogue('how'));
    await this.step('submit-activity-plan', s.activityPlan);
    await this.step('draft-document', s.promiseDraft);
  }

  /** Polls the status until `ready` holds: timers fire and workflow tasks run asynchronously. */
  async waitFor(ready: (s: CycleStatus) => boolean, what = 'condition'): Promise<CycleStatus> {
    for (let i = 0; i < 200; i++) {
      const st = await this.status();
      if (ready(st)) return st;
      await new Promise((r) => setTimeout(r, 25));
    }
    throw new Error(`timed out waiting for ${what}`);
  }

  /** Notifications go out asynchronously (the outbox's notify activity): wait until `sent` holds. */
  async waitForSent(sent: () => boolean): Promise<void> {
    for (let i = 0; i < 200 && !sent(); i++) await new Promise((r) => setTimeout(r, 25));
    if (!sent()) throw new Error('timed out waiting for notifications');
  }

  private completeWhenReminded(st: CycleStatus, id: string): boolean {
    return this.recorded
      .ofKind('reminder')
      .some(
        (n) =>
          n.about === 'activity-end' && n.activity?.id === id && n.cycle.workflowId === st.cycle.workflowId,
      );
  }

  /** Answers every open task the way a diligent team would; `neglect` lists activities nobody completes. */
  async respond(st: CycleStatus, neglect: ReadonlySet<string>): Promise<void> {
    const s = this.steps;
    const today = new Date(await this.env.currentTimeMs()).toISOString().slice(0, 10);
    for (const task of st.openTasks) {
      const by = task.assignees[0]?.email ?? s.config.people.policeCoordinator.email;
      const activityId = task.subject.activityId;
      if (task.step === 'complete-activity' && activityId && !neglect.has(activityId)) {
        const activity = st.activities.find((a) => a.id === activityId);
        if (!activity?.lastReport) await this.step('report-progress', s.progress(activityId, by));
        else if (this.completeWhenReminded(st, activityId))
          await this.step('complete-activity', s.complete(activityId, by));
      } else if (task.step === 'record-follow-up' && task.subject.followUpId) {
        await this.step('record-follow-up', s.followUp(task.subject.followUpId, by));
      } else if (task.step === 'record-feedback' && task.subject.feedbackId) {
        await this.step('record-feedback', s.feedback(task.subject.feedbackId, today));
      }
    }
  }

  /**
   * Runs the year: answer open tasks, then skip time to the next agenda item, until the cycle
   * completes. `onTick` sees every status on the way (for extra steps or assertions).
   */
  async runYear(
    opts: { neglect?: ReadonlySet<string>; onTick?: (st: CycleStatus) => Promise<void> } = {},
  ): Promise<void> {
    const neglect = opts.neglect ?? new Set<string>();
    for (let tick = 0; tick < 1000; tick++) {
      const st = await this.status();
      if (st.phase === 'completed') return;
      await opts.onTick?.(st);
      await this.respond(st, neglect);
      const after = await this.status();
      if (after.phase === 'completed') return;
      const next = after.nextEvents[0];
      if (!next) {
        await this.env.sleep(60_000);
        continue;
      }
      const now = await this.env.currentTimeMs();
      const target = Date.parse(next.at);
      if (process.env.DEBUG_DRIVER)
        console.log(
          new Date(now).toISOString(),
          after.phase,
          '→',
          next.at,
          next.what,
          after.openTasks.map((t) => t.id).join(' '),
        );
      await this.env.sleep(Math.max(target - now, 0) + 1_000);
      await this.waitFor(
        (x) => x.phase === 'completed' || (x.nextEvents[0] ? Date.parse(x.nextEvents[0].at) > target : true),
        `agenda past ${next.at}`,
      );
    }
    throw new Error('the year did not complete');
  }
}
