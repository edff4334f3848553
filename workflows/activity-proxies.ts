import { type RetryPolicy, proxyActivities, proxyLocalActivities } from '@temporalio/workflow';
import type { CycleActivities } from '../domain/activity-contract';

const retry: RetryPolicy = {
  initialInterval: '5 seconds',
  maximumInterval: '10 minutes',
  backoffCoefficient: 2,
};

/** Emails and next year's start: ordinary activities, retried until they succeed (they are idempotent by key). */
export const { notify, startNextCycle } = proxyActivities<CycleActivities>({
  startToCloseTimeout: '2 minutes',
  retry,
});

/**
 * Registration and publication (idempotent by content hash and cycle): ten attempts, about half an
 * hour, then the publication phase asks the coordinators (workflows/phases/publication.ts).
 */
export const { registerPromise, publishPromise } = proxyActivities<CycleActivities>({
  startToCloseTimeout: '2 minutes',
  retry: { ...retry, maximumAttempts: 10 },
});

/** The holiday calendar is cheap and pure: a local activity records one marker instead of three events. */
export const { workingCalendar } = proxyLocalActivities<CycleActivities>({
  startToCloseTimeout: '30 seconds',
});
