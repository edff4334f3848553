// The HTTP server process: `npx tsx http/main.ts` (dev) or `node dist/http/main.js`; `npm start` runs it too.
import type { Client } from '@temporalio/client';
import type { Config } from '../lib/config';
import { configOrExit } from '../lib/config';
import { createLogger, type Logger } from '../lib/logger';
import { connectClient } from '../lib/temporal';
import { AccessFileWatcher, accessFilePath } from './access';
import { ensureDevAccess } from './dev-access';
import { createApp, startHttpServer } from './server';

export interface RunningHttpServer {
  url: string;
  close: () => Promise<void>;
}

/** Starts the HTTP face on config.httpHost:httpPort with a Temporal client; used by `npm start` and by this file. */
export async function runHttpServer(
  config: Config,
  logger: Logger,
  client?: Client,
): Promise<RunningHttpServer> {
  const temporal = client ?? (await connectClient(config));
  const accessFile = accessFilePath(config.dataDir);
  const dev = config.production ? undefined : ensureDevAccess(config.dataDir);
  if (dev)
    logger.warn(
      { tokenFile: dev.tokenFile },
      'created a development login for the dashboard: the token is in tokenFile',
    );
  const access = new AccessFileWatcher(accessFile);
  if (access.size === 0)
    logger.warn({ accessFile }, 'no access tokens configured: create one with `promise-cycle access add`');
  const app = createApp(
    {
      client: temporal,
      dataDir: config.dataDir,
      publicBaseUrl: config.publicBaseUrl,
      secret: config.linkSigningKey,
      access,
    },
    { taskQueue: config.taskQueue, log: (entry, message) => logger.error(entry, message) },
  );
  const server = await startHttpServer(app, config.httpPort, config.httpHost);
  logger.info(
    { url: server.url, dashboard: `${config.publicBaseUrl}/dashboard`, publicBaseUrl: config.publicBaseUrl },
    'http server listening',
  );
  return {
    url: server.url,
    close: async () => {
      await server.close();
      if (!client) await temporal.connection.close();
    },
  };
}

if (require.main === module) {
  const config = configOrExit();
  const logger = createLogger({ level: config.logLevel, name: 'http' });
  runHttpServer(config, logger)
    .then((server) => {
      const stop = () => void server.close().then(() => process.exit(0));
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    })
    .catch((err: unknown) => {
      logger.fatal({ err }, 'http server failed to start');
      process.exitCode = 3;
    });
}
