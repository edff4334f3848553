import { ApplicationFailure } from '@temporalio/activity';
import type { Client } from '@temporalio/client';
import type { Logger } from 'pino';
import { ZodError } from 'zod';
import type { CycleActivities } from '../domain/activity-contract';
import type { Config } from '../lib/config';
import { InvalidCycleConfig } from '../lib/cycles';
import { connectClient } from '../lib/temporal';
import { workingCalendar } from './calendar';
import { createEmailActivities } from './email';
import { createStartNextCycle } from './next-cycle';
import { NotPublicError, publishPublicView } from './publish';
import { LocalRecordsRegister, type RecordsRegister } from './records';

/** The parts of the application configuration the cycle's activities read. */
export type ActivitiesConfig = Pick<
  Config,
  | 'dataDir'
  | 'publicBaseUrl'
  | 'taskQueue'
  | 'temporalAddress'
  | 'namespace'
  | 'linkSigningKey'
  | 'mailFrom'
  | 'smtpUrl'
  | 'tls'
  | 'apiKey'
>;

export interface ActivitiesDeps {
  config: ActivitiesConfig;
  logger: Logger;
  /** Used to start next year's cycle; connected lazily from `config.temporalAddress` when absent. */
  client?: Client;
  /** The email activity; defaults to activities/email (SMTP_URL, or the .eml outbox under DATA_DIR). */
  notify?: CycleActivities['notify'];
  /** The case register; defaults to the local append-only register under `{dataDir}/records/`. */
  records?: RecordsRegister;
}

/** Input that can never succeed on retry fails the activity for good, with its message. */
function nonRetryableOnBadInput<A extends unknown[], R>(
  name: string,
  fn: (...args: A) => Promise<R>,
): (...args: A) => Promise<R> {
  return async (...args: A) => {
    try {
      return await fn(...args);
    } catch (err) {
      if (err instanceof ZodError || err instanceof NotPublicError || err instanceof InvalidCycleConfig) {
        throw ApplicationFailure.nonRetryable(`${name}: ${err.message}`, err.name);
      }
      throw err;
    }
  };
}

export function createActivities(deps: ActivitiesDeps): CycleActivities {
  const { config, logger } = deps;
  const notify =
    deps.notify ??
    createEmailActivities({
      dataDir: config.dataDir,
      publicBaseUrl: config.publicBaseUrl,
      linkSigningKey: config.linkSigningKey,
      mailFrom: config.mailFrom,
      smtpUrl: config.smtpUrl,
      logger,
    }).notify;
  const records = deps.records ?? new LocalRecordsRegister(config.dataDir);

  let client: Promise<Client> | undefined = deps.client ? Promise.resolve(deps.client) : undefined;
  const getClient = (): Promise<Client> => {
    client ??= connectClient(config);
    return client;
  };

  return {
    workingCalendar,
    notify,

    registerPromise: nonRetryableOnBadInput('registerPromise', async (input) => {
      const record = await records.register(input);
      logger.info({ workflowId: input.workflowId, recordNumber: record.recordNumber }, 'promise registered');
      return record;
    }),

    publishPromise: nonRetryableOnBadInput('publishPromise', async ({ workflowId, view }) => {
      const { url, file } = publishPublicView(
        { dataDir: config.dataDir, publicBaseUrl: config.publicBaseUrl },
        view,
      );
      logger.info({ workflowId, url, file }, 'promise published');
      return { url };
    }),

    startNextCycle: nonRetryableOnBadInput(
      'startNextCycle',
      createStartNextCycle(getClient, config.taskQueue),
    ),
  };
}
