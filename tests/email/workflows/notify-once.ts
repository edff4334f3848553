import { proxyActivities } from '@temporalio/workflow';
import type { CycleActivities } from '../../../domain/activity-contract';
import type { DeliveryReport, Notification } from '../../../domain/notifications';

// The same retry shape as workflows/activity-proxies.ts, with short intervals for the test.
const { notify } = proxyActivities<Pick<CycleActivities, 'notify'>>({
  startToCloseTimeout: '30 seconds',
  retry: {
    initialInterval: '1 second',
    maximumInterval: '10 seconds',
    backoffCoefficient: 2,
    maximumAttempts: 8,
  },
});

/** A tiny workflow that sends one batch, as the cycle's outbox loop does. */
export async function notifyOnce(batch: Notification[]): Promise<DeliveryReport[]> {
  return notify(batch);
}
