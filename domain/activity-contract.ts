import type { CycleConfig } from './config';
import type { WorkingCalendar } from './calendar';
import type { DeliveryReport, Notification } from './notifications';
import type { PublicView } from './status';

/** Carried from one year's cycle into the next one's situation picture. */
export interface CarryOver {
  previousWorkflowId: string;
  finalFollowUp: string;
  /** Focus areas the closing follow-up proposes to renew. */
  renewableFocusAreas: { id: string; title: string; targetPicture: string }[];
  outcomes: { activity: string; state: string; outcome?: string }[];
}

export interface CycleInput {
  config: CycleConfig;
  carryOver?: CarryOver;
}

export interface RegisteredRecord {
  recordNumber: string;
  caseType: '483';
  registeredAt: string;
}

/**
 * The activities a cycle calls. Workflows import this type only; the worker injects implementations
 * (real email and records in production, observable ones in tests).
 */
export interface CycleActivities {
  /** Swedish non-working days for the given years (Europe/Stockholm). */
  workingCalendar(years: number[]): Promise<Pick<WorkingCalendar, 'nonWorkingDays'>>;
  /** Sends a batch of emails exactly once each (keyed by `Notification.key`). */
  notify(batch: Notification[]): Promise<DeliveryReport[]>;
  /** Registers the signed promise in the records register (diarium, case type 483). */
  registerPromise(input: { workflowId: string; municipalityCode: string; year: number; title: string; text: string; contentHash: string }): Promise<RegisteredRecord>;
  /** Publishes the public promise page; returns its public address. */
  publishPromise(input: { workflowId: string; view: PublicView }): Promise<{ url: string }>;
  /** Starts next year's cycle (idempotent on its workflow id). */
  startNextCycle(input: CycleInput): Promise<{ workflowId: string; alreadyRunning: boolean }>;
}
