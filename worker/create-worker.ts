import type { Client } from '@temporalio/client';
import { NativeConnection, Worker } from '@temporalio/worker';
import { createActivities } from '../activities';
import type { Config } from '../lib/config';
import type { Logger } from '../lib/logger';
import { workflowSource } from './workflow-source';

export interface CreateWorkerDeps {
  config: Config;
  logger: Logger;
  connection: NativeConnection;
  /** Used by activities that talk to Temporal (starting next year's cycle). */
  client: Client;
}

export async function createWorker({
  config,
  logger,
  connection,
  client,
}: CreateWorkerDeps): Promise<Worker> {
  const role = config.workerRole;
  return Worker.create({
    connection,
    namespace: config.namespace,
    taskQueue: config.taskQueue,
    // A workflows-only worker keeps the activities for the local one (the holiday calendar) and leaves
    // the others (email, register, publish) to an activities worker on the same task queue, so email
    // rendering never holds up the event loop that answers workflow tasks and queries.
    activities: createActivities({ config, logger, client }),
    enableNonLocalActivities: role !== 'workflows',
    maxCachedWorkflows: config.maxCachedWorkflows,
    // Spread only when set: the SDK copies its options over its defaults, so an undefined would win.
    // SDK 1.24 no longer reads maxConcurrentWorkflowTaskPolls (documented, but ignored): the poller
    // behaviour is what sets the open polls.
    ...(config.workflowTaskPollers !== undefined && {
      workflowTaskPollerBehavior: { type: 'simple-maximum' as const, maximum: config.workflowTaskPollers },
    }),
    ...(config.workflowTaskSlots !== undefined && {
      maxConcurrentWorkflowTaskExecutions: config.workflowTaskSlots,
    }),
    ...(config.activityTaskSlots !== undefined && {
      maxConcurrentActivityTaskExecutions: config.activityTaskSlots,
    }),
    ...(config.workflowThreads !== undefined && { workflowThreadPoolSize: config.workflowThreads }),
    ...(role === 'activities' ? {} : workflowSource(config)),
  });
}
