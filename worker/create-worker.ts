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
  return Worker.create({
    connection,
    namespace: config.namespace,
    taskQueue: config.taskQueue,
    activities: createActivities({ config, logger, client }),
    ...workflowSource(config),
  });
}
