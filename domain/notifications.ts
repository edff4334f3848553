import type { CarryOver } from './activity-contract';
import type { Phase } from './phases';
import type { Recipient } from './people';
import type { Gate } from './steps';
import type { Task } from './tasks';

/** The cycle an email belongs to. */
export interface CycleRef {
  workflowId: string;
  municipalityCode: string;
  municipalityName: string;
  region: string;
  localPoliceArea: string;
  year: number;
  language: 'sv' | 'en';
}

export interface ActivityRef {
  id: string;
  title: string;
  focusArea: string;
  responsible: Recipient;
  /** ISO date-times. */
  start: string;
  end: string;
  productionGoal?: string;
  effectGoal?: string;
  followUpDate?: string;
}

export interface ProgressDraft {
  period: { from: string; to: string };
  activities: { id: string; title: string; state: ActivityState; latest?: string }[];
  deviations: { activityId: string; title: string; explanation: string }[];
  completed: number;
  total: number;
}

export type ActivityState = 'planned' | 'on-track' | 'overdue' | 'explained' | 'done' | 'cancelled';

interface Base {
  /**
   * Business key: `${workflowId}/${task or subject}/${kind}/${occurrence}`. Stable across retries,
   * worker crashes and continue-as-new; the email's Message-ID and the sent ledger are derived from it.
   */
  key: string;
  cycle: CycleRef;
  to: Recipient[];
  /** The task the email asks for, with its Update (`step`) and due date. */
  task?: Task;
}

/**
 * Every email the cycle sends, by kind. The email activity renders each kind from a template in the
 * cycle's language, with a personal task link per recipient and an .ics part where a date is set.
 */
export type Notification =
  | (Base & { kind: 'phase-task'; phase: Phase; due: string; carryOver?: CarryOver })
  | (Base & { kind: 'staff-dialogue-invitation'; dialogueKind: 'what' | 'how'; plannedDate: string })
  | (Base & { kind: 'citizen-dialogue-planning'; minimum: number; recorded: number; deeperDialogue?: { reason: string; questions: string[] }; due: string })
  | (Base & { kind: 'signature-request'; gate: Gate; documentVersion: number; contentHash: string; documentText: string; due: string })
  | (Base & { kind: 'activity-start'; activity: ActivityRef })
  | (Base & { kind: 'reminder'; about: 'activity-end' | 'follow-up' | 'task' | 'signature'; title: string; due: string; activity?: ActivityRef })
  | (Base & { kind: 'overdue'; about: 'activity-end' | 'follow-up' | 'task' | 'signature'; title: string; due: string; escalatesAt?: string })
  | (Base & { kind: 'escalation'; activity?: ActivityRef; followUp?: { id: string; title: string; due: string }; lateSince: string; workingDaysLate: number })
  | (Base & { kind: 'follow-up-due'; followUp: { id: string; title: string; due: string; activity?: ActivityRef } })
  | (Base & { kind: 'feedback-reminder'; due: string; draft: ProgressDraft })
  | (Base & { kind: 'delivery-failure'; failed: { kind: string; recipient: Recipient; reason: string }[] })
  | (Base & { kind: 'cycle-summary'; report: CycleReport });

export type NotificationKind = Notification['kind'];

export interface CycleReport {
  promiseRecordNumber?: string;
  activities: { id: string; title: string; state: ActivityState; outcome?: string; explanation?: string }[];
  followUps: { id: string; summary: string; effect: string }[];
  feedbackGiven: number;
  escalations: { raised: number; resolved: number };
  citizenDialogues: number;
  staffDialogues: number;
  nextCycle?: { workflowId: string; renewedFocusAreas: string[] };
}

export interface DeliveryReport {
  key: string;
  /** `sent` also when an earlier attempt already sent it (exactly-once). */
  status: 'sent' | 'failed';
  messageIds: string[];
  failures: { recipient: Recipient; reason: string }[];
}
