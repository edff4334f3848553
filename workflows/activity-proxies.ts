import { proxyActivities, proxyLocalActivities } from '@temporalio/workflow';
import type { CycleActivities } from '../domain/activity-contract';

/** Emails, records and publication: ordinary activities, retried until they succeed (they are idempotent by key). */
export const { notify, registerPromise, publishPromise, startNextCycle } = proxyActivities<CycleActivities>({
  startToCloseTimeout: '2 minutes',
  retry: { initialInterval: '5 seconds', maximumInterval: '10 minutes', backoffCoefficient: 2 },
});

/** The holiday calendar is cheap and pure: a local activity records one marker instead of three events. */
export const { workingCalendar } = proxyLocalActivities<CycleActivities>({
  startToCloseTimeout: '30 seconds',
});
