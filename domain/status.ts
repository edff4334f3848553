import type { CarryOver } from './activity-contract';
import type { Phase } from './phases';
import type { Recipient } from './people';
import type { ActivityState, CycleRef } from './notifications';
import type { Gate } from './steps';
import type { Task } from './tasks';

/** A document to be signed. Signatures bind to `contentHash`; a new version voids earlier ones. */
export interface SignedDocument {
  gate: Gate;
  version: number;
  /** Plain text (Markdown) composed from the cycle's records: public parts only for the promise. */
  text: string;
  /** SHA-256 of `text`, hex. */
  contentHash: string;
  draftedAt: string;
  draftedBy: string;
}

export interface GateStatus {
  gate: Gate;
  document?: SignedDocument;
  signatories: (Recipient & { signedAt?: string; signedHash?: string; valid: boolean })[];
  open: boolean;
  openedAt?: string;
}

export interface ActivityStatus {
  id: string;
  title: string;
  focusAreaId: string;
  responsible: Recipient;
  start: string;
  end: string;
  state: ActivityState;
  percentComplete?: number;
  lastReport?: { at: string; summary: string };
  changes: { at: string; what: string; why: string }[];
  explanation?: { at: string; text: string };
  completedAt?: string;
}

/** The two activities that take a signed promise public: the case register, then publication. */
export type PublicationStep = 'register' | 'publish';

export interface PublicationProblem {
  step: PublicationStep;
  /** The last failure's message. */
  reason: string;
  since: string;
  /** Failed rounds so far (each round is the activity's own retries). */
  rounds: number;
}

export interface Escalation {
  id: string;
  about: 'activity' | 'follow-up';
  subjectId: string;
  title: string;
  raisedAt: string;
  notified: Recipient[];
  resolvedAt?: string;
  explanation?: string;
}

export interface CompletedStep {
  step: string;
  phase: Phase;
  at: string;
  by: string;
  summary?: string;
}

/** The `status` query: where a cycle stands, for managers and coordinators. Documented JSON of `status --json`. */
export interface CycleStatus {
  cycle: CycleRef;
  phase: Phase;
  /** 1-based position of `phase` among the method's phases, and how many there are. */
  progress: { index: number; of: number };
  startedAt: string;
  completedSteps: CompletedStep[];
  openTasks: Task[];
  gates: GateStatus[];
  citizenDialogues: { recorded: number; minimum: number; deeperDialogueOrdered: boolean };
  staffDialogues: { what: boolean; how: boolean };
  activities: ActivityStatus[];
  escalations: Escalation[];
  openEscalations: number;
  overdueCount: number;
  followUps: { id: string; title: string; due: string; doneAt?: string; overdue: boolean }[];
  /** `due`: when a round falls due and its task opens; `deadline`: by when it must be recorded. */
  feedback: {
    id: string;
    due: string;
    deadline: string;
    givenAt?: string;
    summary?: string;
    overdue: boolean;
  }[];
  nextEvents: { at: string; what: string }[];
  promise?: { recordNumber?: string; registeredAt?: string; publishedAt?: string; publicUrl?: string };
  /** The signed promise could not be registered or published; retried daily or by `retry-publication`. */
  publicationProblem?: PublicationProblem;
  deliveryFailures: { at: string; kind: string; recipient: string; reason: string }[];
  nextCycleWorkflowId?: string;
  /** What last year's cycle handed over: its closing follow-up, outcomes and focus areas to renew. */
  carryOver?: CarryOver;
}

/**
 * The `publicView` query: what citizens may see. Built from public records only: never the internal
 * intelligence part of the situation picture, never staff emails.
 */
export interface PublicView {
  municipality: { code: string; name: string };
  region: string;
  localPoliceArea: string;
  year: number;
  language: 'sv' | 'en';
  published: boolean;
  promise?: {
    text: string;
    introduction: string;
    purpose: string;
    jointPictureSummary: string;
    focusAreas: { title: string; targetPicture: string }[];
    howCitizensCanFollow: string;
    signatures: { name: string; role: string; signedAt: string }[];
    recordNumber?: string;
    publishedAt?: string;
  };
  activities: {
    id: string;
    title: string;
    description: string;
    start: string;
    end: string;
    effectSought: string;
    state: ActivityState;
    percentComplete?: number;
    progress: { at: string; summary: string }[];
    explanation?: string;
  }[];
  feedback: { date: string; summary: string }[];
}
