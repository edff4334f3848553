// The worker process: `npm run worker` (dev, from source) or `node dist/worker/main.js` (production).
import { Client, Connection } from '@temporalio/client';
import { NativeConnection } from '@temporalio/worker';
import { closeSmtpPools } from '../activities/email';
import { configOrExit } from '../lib/config';
import { createLogger, installTemporalRuntimeLogger } from '../lib/logger';
import { connectionOptions, nativeConnectionOptions } from '../lib/temporal';
import { createWorker } from './create-worker';

async function main(): Promise<void> {
  const config = configOrExit();
  const logger = createLogger({ level: config.logLevel, name: 'worker' });
  // Before any connection: the first NativeConnection creates the Runtime with default logging.
  installTemporalRuntimeLogger(logger, { metricsAddress: config.workerMetricsAddress });

  const target = {
    address: config.temporalAddress,
    namespace: config.namespace,
    taskQueue: config.taskQueue,
  };
  let connection: NativeConnection;
  let clientConnection: Connection;
  try {
    connection = await NativeConnection.connect(nativeConnectionOptions(config));
    clientConnection = await Connection.connect(connectionOptions(config));
  } catch (err) {
    logger.fatal(
      { err, ...target },
      'cannot reach Temporal (is the dev server running? `npm start` starts one)',
    );
    process.exitCode = 3;
    return;
  }

  try {
    const client = new Client({ connection: clientConnection, namespace: config.namespace });
    const worker = await createWorker({ config, logger, connection, client });
    logger.info(
      { ...target, role: config.workerRole, dataDir: config.dataDir, mail: config.smtpUrl ? 'smtp' : 'outbox' },
      'worker running',
    );
    // The Temporal Runtime turns SIGINT/SIGTERM into a graceful worker.shutdown(); run() then resolves.
    await worker.run();
    logger.info('worker stopped');
  } finally {
    closeSmtpPools();
    await clientConnection.close();
    await connection.close();
  }
}

main().catch((err) => {
  createLogger({ name: 'worker' }).fatal({ err }, 'worker failed');
  process.exitCode = 1;
});
