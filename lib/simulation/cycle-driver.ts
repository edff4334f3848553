import { type Client, ServiceError } from '@temporalio/client';
import { toInstant } from '../../domain/calendar';
import { type CycleConfig, cycleWorkflowId, signatories } from '../../domain/config';
import { fixedDurationMs, parseDuration } from '../../domain/duration';
import { type Phase, phaseIndex } from '../../domain/phases';
import type { CycleStatus } from '../../domain/status';
import type { FocusArea, StepInput, StepName } from '../../domain/steps';
import type { Task } from '../../domain/tasks';
import { StepRejected, cycleStatus, runStep } from '../cycles';
import * as payloads from './payloads';
import { type Random, seededRandom } from './random';

export type ActivityFate = 'on-time' | 'explained-slip' | 'unexplained-slip';

export interface SimulationOptions {
  /** Share of activities that slip past their end without any explanation (each must escalate). */
  unexplainedSlipShare?: number;
  /** Share of activities that slip with an explanation given before their end (must not escalate). */
  explainedSlipShare?: number;
  /**
   * Share of feedback rounds recorded only after their deadline, once the cycle shows them overdue
   * (each must get exactly one overdue notice). Only rounds whose deadline comes before the period ends.
   */
  lateFeedbackShare?: number;
  /** Share of cycles whose joint-picture meeting first orders a deeper citizen dialogue. */
  deeperDialogueShare?: number;
  /** Explain an escalated activity afterwards (clears the escalation; it still counts as raised). */
  explainAfterEscalation?: boolean;
  /** Keep going when the cycle refuses a step (default: stop with a SimulationStuck error). */
  tolerateRejections?: boolean;
  /** The cycle's run, when the caller started it: queries and updates then name it (see cycleStatus). */
  runId?: string;
  /** Stop once the cycle reaches this phase (the demo leaves implementation running). */
  until?: Phase;
  minPollMs?: number;
  maxPollMs?: number;
  /** Observes each Update's and each status query's latency. */
  onUpdate?: (step: StepName, ms: number) => void;
  /** `first` marks a cycle's first query, which waits for the cycle's first workflow task. */
  onQuery?: (ms: number, context: { phase: Phase; first: boolean }) => void;
  /** A status query that failed and is retried (the server's query deadline passed). */
  onQueryFailure?: (err: Error) => void;
  onPhase?: (phase: Phase) => void;
  log?: (message: string) => void;
  signal?: AbortSignal;
}

export interface SimulationReport {
  workflowId: string;
  finalPhase: Phase;
  steps: number;
  rejected: { step: StepName; reason: string }[];
  fates: Record<string, ActivityFate>;
  /** Escalations this simulation caused on purpose: one per unexplained slip. */
  expectedEscalations: number;
  /** Escalations the cycle's status shows at the end. */
  escalationsRaised: number;
  /** Feedback rounds this simulation left past their deadline on purpose: one overdue notice each. */
  lateFeedback: string[];
}

const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => (clearTimeout(timer), resolve()), { once: true });
  });

/** The simulated people did something the cycle refused: their payloads and the cycle's rules disagree. */
export class SimulationStuck extends Error {
  override name = 'SimulationStuck';
  constructor(readonly rejection: StepRejected) {
    super(`simulation stopped: ${rejection.message}`);
  }
}

/** Simulated people working one cycle through its year: they react to the cycle's open tasks. */
export class CycleSimulation {
  readonly workflowId: string;
  private readonly rng: Random;
  private readonly done = new Set<string>();
  private readonly fates = new Map<string, ActivityFate>();
  private readonly lateFeedback = new Map<string, boolean>();
  private readonly rejected: SimulationReport['rejected'] = [];
  private areas: FocusArea[] = [];
  private dialoguesWanted: number;
  private deeperOrdered = false;
  private steps = 0;
  private queries = 0;

  constructor(
    private readonly client: Client,
    private readonly config: CycleConfig,
    private readonly options: SimulationOptions = {},
  ) {
    this.workflowId = cycleWorkflowId(config.municipality.code, config.year);
    this.rng = seededRandom(`${config.municipality.code}/${config.year}`);
    this.dialoguesWanted = Math.max(config.policy.minCitizenDialogues, 2);
  }

  async run(): Promise<SimulationReport> {
    const { minPollMs = 200, maxPollMs = 5_000, until, signal } = this.options;
    let status = await this.status();
    let lastPhase: Phase | undefined;
    while (!signal?.aborted) {
      if (status.phase !== lastPhase) {
        lastPhase = status.phase;
        this.options.onPhase?.(status.phase);
      }
      if (status.phase === 'completed' || (until && phaseIndex(status.phase) >= phaseIndex(until))) break;
      const wakeAt = await this.actOn(status);
      if (wakeAt === 'acted') {
        status = await this.status();
        continue;
      }
      await sleep(Math.min(maxPollMs, Math.max(minPollMs, wakeAt - Date.now())), signal);
      status = await this.status();
    }
    return {
      workflowId: this.workflowId,
      finalPhase: status.phase,
      steps: this.steps,
      rejected: this.rejected,
      fates: Object.fromEntries(this.fates),
      expectedEscalations: [...this.fates.values()].filter((f) => f === 'unexplained-slip').length,
      escalationsRaised: status.escalations.filter((e) => e.about === 'activity').length,
      lateFeedback: [...this.lateFeedback].filter(([, late]) => late).map(([id]) => id),
    };
  }

  /**
   * The cycle's status. A query the server gives up on (the worker did not answer in time) is tried
   * again a few times, as a person would reload the page; each failure is reported.
   */
  private async status(): Promise<CycleStatus> {
    for (let attempt = 1; ; attempt++) {
      const started = performance.now();
      try {
        const status = await cycleStatus(this.client, this.workflowId, this.options.runId);
        this.options.onQuery?.(performance.now() - started, {
          phase: status.phase,
          first: this.queries++ === 0,
        });
        return status;
      } catch (err) {
        if (!(err instanceof ServiceError) || attempt >= 5) throw err;
        this.options.onQueryFailure?.(err);
        await sleep(1_000 * attempt, this.options.signal);
      }
    }
  }

  /** Performs every step that is due now; otherwise answers when to look again. */
  private async actOn(status: CycleStatus): Promise<'acted' | number> {
    const now = Date.now();
    const events = status.nextEvents.map((e) => Date.parse(e.at));
    // Everything the cycle does on its own is on its agenda; an item still listed after its time has
    // not been handled yet, so look again soon rather than at the next item.
    const pendingEvent = events.some((t) => t <= now);
    let wakeAt = Math.min(
      ...events.filter((t) => t > now),
      now + (pendingEvent ? 1_000 : (this.options.maxPollMs ?? 5_000)),
    );
    for (const task of status.openTasks) {
      const result = await this.perform(task, status, now);
      if (result === 'acted') return 'acted';
      if (typeof result === 'number') wakeAt = Math.min(wakeAt, result);
    }
    if (this.options.explainAfterEscalation ?? true) {
      for (const e of status.escalations) {
        if (e.about !== 'activity' || e.resolvedAt || this.fates.get(e.subjectId) !== 'unexplained-slip')
          continue;
        const activity = status.activities.find((a) => a.id === e.subjectId);
        if (
          activity &&
          (await this.once(
            `late-explanation/${e.subjectId}`,
            'explain-deviation',
            payloads.deviation(e.subjectId, activity.responsible.email, true),
          ))
        )
          return 'acted';
      }
    }
    return wakeAt;
  }

  /** Runs a step at most once per key; a refusal is recorded, not retried. */
  private async once<S extends StepName>(key: string, step: S, payload: StepInput<S>): Promise<boolean> {
    if (this.done.has(key)) return false;
    this.done.add(key);
    const started = performance.now();
    try {
      await runStep(this.client, this.workflowId, step, payload, this.options.runId);
      this.steps++;
      this.options.onUpdate?.(step, performance.now() - started);
      return true;
    } catch (err) {
      if (!(err instanceof StepRejected)) {
        this.done.delete(key);
        throw err;
      }
      this.rejected.push({ step, reason: err.reason });
      this.options.log?.(`${this.workflowId}: ${err.message}`);
      if (!this.options.tolerateRejections) throw new SimulationStuck(err);
      return false;
    }
  }

  private async perform(task: Task, status: CycleStatus, now: number): Promise<'acted' | 'idle' | number> {
    const by = task.assignees[0]?.email ?? this.config.people.policeCoordinator.email;
    const { rng, config } = this;
    const acted = (ok: boolean) => (ok ? 'acted' : 'idle');
    switch (task.step) {
      case 'confirm-initiation':
        return acted(await this.once(task.id, task.step, payloads.confirmInitiation(config, by)));
      case 'record-situation-picture':
        return acted(await this.once(task.id, task.step, payloads.situationPicture(config, rng, by)));
      case 'record-staff-dialogue': {
        const kind = task.subject.dialogueKind ?? (status.staffDialogues.what ? 'how' : 'what');
        return acted(
          await this.once(`${task.id}/${kind}`, task.step, payloads.staffDialogue(rng, by, kind, now)),
        );
      }
      case 'record-citizen-dialogue': {
        const recorded = status.citizenDialogues.recorded;
        if (recorded < this.dialoguesWanted) {
          return acted(
            await this.once(
              `citizen-dialogue/${recorded + 1}`,
              task.step,
              payloads.citizenDialogue(config, rng, by, now),
            ),
          );
        }
        return acted(
          await this.once(`close-dialogues/${this.dialoguesWanted}`, 'close-citizen-dialogues', { by }),
        );
      }
      case 'close-citizen-dialogues':
        return acted(await this.once(`close-dialogues/${this.dialoguesWanted}`, task.step, { by }));
      case 'record-joint-picture': {
        if (!this.deeperOrdered && rng.chance(this.options.deeperDialogueShare ?? 0)) {
          this.deeperOrdered = true;
          this.dialoguesWanted = status.citizenDialogues.recorded + 1;
          return acted(await this.once('joint-picture/deeper', task.step, payloads.deeperDialogue(by, now)));
        }
        if (this.areas.length === 0) this.areas = payloads.focusAreas(rng);
        return acted(
          await this.once(
            'joint-picture/focus-areas',
            task.step,
            payloads.jointPicture(rng, by, now, this.areas),
          ),
        );
      }
      case 'record-problem-analysis': {
        const area =
          this.areas.find((a) => task.id.endsWith(a.id)) ??
          this.areas.find((a) => a.leadsToPromise && !this.done.has(`analyse/${a.id}`));
        if (!area) return 'idle';
        return acted(await this.once(`analyse/${area.id}`, task.step, payloads.problemAnalysis(area, by)));
      }
      case 'draft-document': {
        const gate = task.subject.gate ?? (status.phase === 'promise' ? 'promise' : 'agreement');
        return acted(await this.once(`draft/${gate}`, task.step, payloads.draft(config, gate, by)));
      }
      case 'sign':
        return acted(await this.sign(task, status));
      case 'retry-publication':
        // The coordinator has the cause fixed and tries again, once per failed round.
        return acted(
          await this.once(`retry-publication/${status.publicationProblem?.rounds ?? 0}`, task.step, { by }),
        );
      case 'submit-activity-plan': {
        const plan = payloads.activityPlan(
          config,
          rng,
          by,
          this.areas.length ? this.areas : payloads.focusAreas(rng),
        );
        this.assignFates(plan.activities.map((a) => a.id));
        return acted(await this.once('activity-plan', task.step, plan));
      }
      case 'complete-activity':
      case 'report-progress':
      case 'report-change':
      case 'explain-deviation':
        return this.workOnActivity(task, status, now);
      case 'record-follow-up': {
        const followUpId = task.subject.followUpId ?? task.id;
        const waitUntil = followUpId === 'final' ? this.pendingEscalationsSettleAt(status, now) : undefined;
        if (waitUntil !== undefined) return waitUntil;
        return acted(
          await this.once(
            `follow-up/${followUpId}`,
            'record-follow-up',
            payloads.followUp(followUpId, by, rng),
          ),
        );
      }
      case 'record-feedback': {
        const feedbackId = task.subject.feedbackId ?? task.id;
        // A late round waits for its deadline and then for the cycle to show it overdue (its notice sent).
        const round = status.feedback.find((f) => f.id === feedbackId);
        if (task.due && round && !round.overdue && this.feedbackIsLate(round))
          return Math.max(Date.parse(task.due), now + 1_000);
        return acted(
          await this.once(
            `feedback/${feedbackId}`,
            task.step,
            payloads.feedback(task.subject.feedbackId, by, now),
          ),
        );
      }
    }
  }

  /**
   * Decided once per round. Only a round whose deadline comes before the promise period ends can be
   * left late: a later deadline may come after the year-end review has finished the cycle.
   */
  private feedbackIsLate(round: CycleStatus['feedback'][number]): boolean {
    let late = this.lateFeedback.get(round.id);
    if (late === undefined) {
      const share = this.options.lateFeedbackShare ?? 0;
      const periodEnd = toInstant(this.config.schedule.promisePeriod.end, 'end');
      late = share > 0 && Date.parse(round.deadline) < periodEnd && this.rng.chance(share);
      this.lateFeedback.set(round.id, late);
    }
    return late;
  }

  /**
   * The year-end review waits for the slips the simulation caused on purpose to escalate (their end
   * plus the escalation grace, and a minute's slack), so that every expected escalation is observable.
   */
  private pendingEscalationsSettleAt(status: CycleStatus, now: number): number | undefined {
    const grace = fixedDurationMs(parseDuration(this.config.policy.escalationGrace)) ?? 0;
    const escalated = new Set(
      status.escalations.filter((e) => e.about === 'activity').map((e) => e.subjectId),
    );
    const pending = status.activities
      .filter((a) => this.fates.get(a.id) === 'unexplained-slip' && !escalated.has(a.id))
      .map((a) => Date.parse(a.end) + grace + 60_000);
    const settleAt = Math.max(...pending);
    return pending.length > 0 && settleAt > now ? settleAt : undefined;
  }

  private async sign(task: Task, status: CycleStatus): Promise<boolean> {
    const gate = status.gates.find((g) => g.gate === (task.subject.gate ?? status.phase));
    const document = gate?.document;
    if (!gate || !document) return false;
    const allowed = new Set(signatories(this.config.people).map((p) => p.email));
    for (const signatory of gate.signatories) {
      if (signatory.valid || !allowed.has(signatory.email)) continue;
      const key = `sign/${gate.gate}/${document.contentHash}/${signatory.email}`;
      if (
        await this.once(key, 'sign', {
          by: signatory.email,
          gate: gate.gate,
          contentHash: document.contentHash,
        })
      )
        return true;
    }
    return false;
  }

  private assignFates(ids: string[]): void {
    const { unexplainedSlipShare = 0, explainedSlipShare = 0 } = this.options;
    for (const id of ids) {
      const roll = this.rng.next();
      this.fates.set(
        id,
        roll < unexplainedSlipShare
          ? 'unexplained-slip'
          : roll < unexplainedSlipShare + explainedSlipShare
            ? 'explained-slip'
            : 'on-time',
      );
    }
  }

  /** Progress at 30 % of the activity's time, then completion at 60 % or, for a slip, an explanation at 50 %. */
  private async workOnActivity(
    task: Task,
    status: CycleStatus,
    now: number,
  ): Promise<'acted' | 'idle' | number> {
    const id = task.subject.activityId;
    const activity = status.activities.find((a) => a.id === id);
    if (!id || !activity) return 'idle';
    const by = activity.responsible.email;
    const start = Date.parse(activity.start);
    const span = Date.parse(activity.end) - start;
    const at = (fraction: number) => start + span * fraction;
    const fate = this.fates.get(id) ?? 'on-time';
    if (fate === 'unexplained-slip') return 'idle';
    if (!this.done.has(`progress/${id}`)) {
      if (now < at(0.3)) return at(0.3);
      return (await this.once(`progress/${id}`, 'report-progress', payloads.progress(id, by, 40)))
        ? 'acted'
        : 'idle';
    }
    if (fate === 'explained-slip') {
      if (now < at(0.5)) return at(0.5);
      return (await this.once(`explain/${id}`, 'explain-deviation', payloads.deviation(id, by, false)))
        ? 'acted'
        : 'idle';
    }
    if (now < at(0.6)) return at(0.6);
    return (await this.once(`complete/${id}`, 'complete-activity', payloads.completion(id, by)))
      ? 'acted'
      : 'idle';
  }
}

export const simulateCycle = (
  client: Client,
  config: CycleConfig,
  options?: SimulationOptions,
): Promise<SimulationReport> => new CycleSimulation(client, config, options).run();
