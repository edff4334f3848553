import { ApplicationFailure, Context } from '@temporalio/activity';
import { swedishNonWorkingDays } from '../../activities/calendar';
import type { CycleActivities, CycleInput, RegisteredRecord } from '../../domain/activity-contract';
import { cycleWorkflowId } from '../../domain/config';
import type { DeliveryReport, Notification } from '../../domain/notifications';
import type { PublicView } from '../../domain/status';

/**
 * In-memory activities that behave like the real ones (exactly-once by key, sequential record
 * numbers, idempotent next-cycle start) and keep everything they were asked to do, for assertions.
 */
export class RecordingActivities {
  readonly batches: Notification[][] = [];
  readonly registered: { title: string; text: string; contentHash: string; record: RegisteredRecord }[] = [];
  readonly published: PublicView[] = [];
  readonly nextCycles: CycleInput[] = [];
  /** How many registrations the case register refuses (non-retryable) before it accepts one. */
  registerRefusals = 0;
  /** Emails to fail delivery to (simulates a bouncing address). */
  readonly bouncing = new Set<string>();
  /** Workflow time at which each notification's batch was scheduled, by key. */
  readonly sentAt = new Map<string, number>();
  private readonly sentKeys = new Set<string>();

  get sent(): Notification[] {
    return this.batches.flat();
  }

  ofKind<K extends Notification['kind']>(kind: K): Extract<Notification, { kind: K }>[] {
    return this.sent.filter((n): n is Extract<Notification, { kind: K }> => n.kind === kind);
  }

  activities(): CycleActivities {
    return {
      workingCalendar: async (years) => ({ nonWorkingDays: swedishNonWorkingDays(years) }),
      notify: async (batch): Promise<DeliveryReport[]> => {
        const fresh = batch.filter((n) => !this.sentKeys.has(n.key));
        const at = Context.current().info.currentAttemptScheduledTimestampMs;
        fresh.forEach((n) => {
          this.sentKeys.add(n.key);
          this.sentAt.set(n.key, at);
        });
        if (fresh.length) this.batches.push(fresh);
        return batch.map((n) => {
          const failures = n.to
            .filter((r) => this.bouncing.has(r.email))
            .map((recipient) => ({ recipient, reason: '550 mailbox unavailable' }));
          return {
            key: n.key,
            status: failures.length ? 'failed' : 'sent',
            messageIds: [`<${n.key}@test>`],
            failures,
          };
        });
      },
      registerPromise: async (input) => {
        if (this.registerRefusals > 0) {
          this.registerRefusals--;
          throw ApplicationFailure.nonRetryable('the case register refused the record', 'RegisterRefused');
        }
        const record: RegisteredRecord = {
          recordNumber: `A${input.year}-483-${this.registered.length + 1}`,
          caseType: '483',
          registeredAt: new Date().toISOString(),
        };
        this.registered.push({
          title: input.title,
          text: input.text,
          contentHash: input.contentHash,
          record,
        });
        return record;
      },
      publishPromise: async ({ view }) => {
        this.published.push(view);
        return { url: `http://127.0.0.1/medborgarloften/${view.municipality.code}/${view.year}` };
      },
      startNextCycle: async (input) => {
        const workflowId = cycleWorkflowId(input.config.municipality.code, input.config.year);
        const alreadyRunning = this.nextCycles.some((c) => c.config.year === input.config.year);
        if (!alreadyRunning) this.nextCycles.push(input);
        return { workflowId, alreadyRunning };
      },
    };
  }
}
