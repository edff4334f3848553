import type { CarryOver } from '../domain/activity-contract';
import { Calendar, toInstant } from '../domain/calendar';
import { type CycleConfig, coordinators, findPerson, signatories } from '../domain/config';
import type { ActivityState, CycleRef, Notification } from '../domain/notifications';
import type { Recipient } from '../domain/people';
import type { Phase } from '../domain/phases';
import type { CompletedStep, Escalation, PublicationProblem, SignedDocument } from '../domain/status';
import type {
  ActivityPlan,
  CitizenDialogue,
  ConfirmInitiation,
  DraftDocument,
  Feedback,
  FocusArea,
  FollowUp,
  Gate,
  JointPicture,
  PlannedActivity,
  ProblemAnalysis,
  SituationPicture,
  StaffDialogue,
} from '../domain/steps';
import type { Task } from '../domain/tasks';
import { Agenda } from './agenda';

export interface ActivityRecord {
  plan: PlannedActivity;
  responsible: Recipient;
  start: number;
  end: number;
  started: boolean;
  percentComplete?: number;
  reports: { at: number; summary: string }[];
  changes: { at: number; what: string; why: string }[];
  /** An explanation covers the deadline (`coversEnd`) that was current when it was given. */
  explanation?: { at: number; text: string; coversEnd: number };
  completed?: { at: number; summary: string; outcome: string };
  cancelled: boolean;
  /** The end passed without completion (set at the end check, cleared by completion). */
  late: boolean;
}

export interface FollowUpRecord {
  id: string;
  title: string;
  due: number;
  owners: Recipient[];
  activityId?: string;
  overdue: boolean;
  done?: { at: number; payload: FollowUp };
}

export interface FeedbackRecord {
  id: string;
  n: number;
  /** When the round falls due: its reminder goes out and its task opens. */
  due: number;
  /** By when it must be recorded (its task's due date, the reminder lead later); overdue after. */
  deadline: number;
  given?: { at: number; payload: Feedback };
  /** Set when its task passed its due date with the feedback not recorded (an overdue notice went out). */
  overdue?: boolean;
}

export interface GateState {
  gate: Gate;
  draft?: DraftDocument;
  document?: SignedDocument;
  signatures: Map<string, { at: number; hash: string }>;
  due?: number;
  openedAt?: number;
}

export interface Records {
  initiation?: ConfirmInitiation;
  situationPicture?: SituationPicture;
  staffDialogues: Partial<Record<'what' | 'how', StaffDialogue>>;
  citizenDialogues: CitizenDialogue[];
  jointPictures: JointPicture[];
  focusAreas: FocusArea[];
  jointPictureSummary?: string;
  analyses: ProblemAnalysis[];
  activityPlan?: ActivityPlan;
}

/** A notification as queued: the key is derived from `subject` and `occurrence`, the cycle is added. */
export type Outgoing = Notification extends infer N
  ? N extends Notification
    ? Omit<N, 'key' | 'cycle'> & { subject: string; occurrence: string | number }
    : never
  : never;

/** Everything a running cycle knows. Update handlers and phase helpers mutate it; queries read it. */
export class CycleState {
  phase: Phase = 'initiation';
  phaseEnteredAt: number;
  readonly completedSteps: CompletedStep[] = [];
  readonly tasks = new Map<string, Task>();
  readonly records: Records = {
    staffDialogues: {},
    citizenDialogues: [],
    jointPictures: [],
    focusAreas: [],
    analyses: [],
  };
  /** Set by `close-citizen-dialogues`; reset each time the dialogue phase is entered. */
  dialoguesClosed = false;
  /** How many dialogues were recorded when a deeper dialogue was ordered; closing needs more than that. */
  deeperDialogue?: { reason: string; questions: string[]; dialoguesAtOrder: number };
  readonly gates: Record<Gate, GateState> = {
    agreement: { gate: 'agreement', signatures: new Map() },
    promise: { gate: 'promise', signatures: new Map() },
  };
  readonly activities = new Map<string, ActivityRecord>();
  readonly followUps = new Map<string, FollowUpRecord>();
  readonly feedback = new Map<string, FeedbackRecord>();
  readonly adHocFeedback: { at: number; payload: Feedback }[] = [];
  readonly escalations: Escalation[] = [];
  readonly agenda = new Agenda();
  readonly outbox: Notification[] = [];
  readonly deliveryFailures: { at: string; kind: string; recipient: string; reason: string }[] = [];
  promise: { recordNumber?: string; registeredAt?: string; publishedAt?: string; publicUrl?: string } = {};
  publicationProblem?: Omit<PublicationProblem, 'since'> & { since: number };
  /** Set by `retry-publication`; the publication phase tries again at once. */
  publicationRetryRequested = false;
  periodEnded = false;
  nextCycleWorkflowId?: string;
  finished = false;
  /** Notifications being sent right now (the dispatcher's batch in flight). */
  flushing = false;
  /** Search attribute values as last upserted, by name, to upsert only changes. */
  readonly upserted = new Map<string, string>();
  /** Whether this run keeps its status digest in its memo (cycles started before that change do not). */
  keepsStatusMemo = false;
  /** Whether the digest lists follow-ups and feedback (cycles started before that change do not). */
  digestShowsFollowUps = false;
  /** Whether this run keeps its digest within the memo budget (patch `digest-budget`). */
  digestFitsBudget = false;
  /** The digest as last written to the memo (JSON), to upsert only changes. */
  memoDigest?: string;
  /** Weekends only until openCycle has loaded the holidays (a local activity). */
  calendar: Calendar;
  readonly periodStart: number;
  readonly periodEnd: number;

  constructor(
    readonly workflowId: string,
    readonly config: CycleConfig,
    readonly startedAt: number,
    readonly carryOver?: CarryOver,
  ) {
    this.phaseEnteredAt = startedAt;
    this.calendar = new Calendar({ nonWorkingDays: [], workingDaysOnly: config.policy.workingDaysOnly });
    this.periodStart = toInstant(config.schedule.promisePeriod.start);
    this.periodEnd = toInstant(config.schedule.promisePeriod.end, 'end');
  }

  get language(): 'sv' | 'en' {
    return this.config.language;
  }

  get cycleRef(): CycleRef {
    const c = this.config;
    return {
      workflowId: this.workflowId,
      municipalityCode: c.municipality.code,
      municipalityName: c.municipality.name,
      region: c.region,
      localPoliceArea: c.localPoliceArea,
      year: c.year,
      language: c.language,
    };
  }

  get coordinators(): Recipient[] {
    return coordinators(this.config.people);
  }

  openTask(task: Task): Task {
    this.tasks.set(task.id, task);
    return task;
  }

  closeTask(id: string): void {
    this.tasks.delete(id);
    this.agenda.cancelWhere(
      (i) => i.subject === id && (i.kind === 'task-reminder' || i.kind === 'task-overdue'),
    );
  }

  /** Queues an email; the dispatcher sends everything queued in one workflow task as one batch. */
  send(notification: Outgoing): void {
    const { occurrence, subject, ...rest } = notification;
    if (rest.to.length === 0) return;
    this.outbox.push({
      ...rest,
      cycle: this.cycleRef,
      key: `${this.workflowId}/${subject}/${rest.kind}/${occurrence}`,
    } as Notification);
  }

  person(email: string): Recipient | undefined {
    return findPerson(this.config.people, email);
  }

  signatoriesByEmail(): Map<string, Recipient> {
    return new Map(signatories(this.config.people).map((p) => [p.email, p]));
  }

  openEscalations(): Escalation[] {
    return this.escalations.filter((e) => !e.resolvedAt);
  }

  overdueCount(): number {
    const activities = [...this.activities.values()].filter(
      (a) => a.late && !a.completed && !a.cancelled && !covered(a),
    ).length;
    const followUps = [...this.followUps.values()].filter(followUpOverdue).length;
    const feedback = [...this.feedback.values()].filter(feedbackOverdue).length;
    return activities + followUps + feedback;
  }
}

/** Overdue once its overdue notice has gone out, until it is done (status, digest and overdueCount agree). */
export const followUpOverdue = (f: FollowUpRecord): boolean => f.overdue && !f.done;
export const feedbackOverdue = (f: FeedbackRecord): boolean => f.overdue === true && !f.given;

/** Whether an explanation covers the activity's current deadline. */
export const covered = (a: ActivityRecord): boolean =>
  a.explanation !== undefined && a.explanation.coversEnd >= a.end;

export const iso = (instant: number): string => new Date(instant).toISOString();

/** Workflow time (deterministic inside the sandbox). */
export const now = (): number => Date.now();

export function activityState(a: ActivityRecord): ActivityState {
  if (a.completed) return 'done';
  if (a.cancelled) return 'cancelled';
  if (covered(a)) return 'explained';
  if (a.late) return 'overdue';
  return a.started ? 'on-track' : 'planned';
}
