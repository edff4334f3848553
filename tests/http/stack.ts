import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Client } from '@temporalio/client';
import { type NativeConnection, Worker } from '@temporalio/worker';
import pino from 'pino';
import { createActivities } from '../../activities';
import { AccessList } from '../../http/access';
import { createApp, startHttpServer } from '../../http/server';
import {
  bundleOnce,
  devServerAddress,
  devServerClient,
  devServerConnection,
  freePort,
  projectWorkflowsPath,
  uniqueTaskQueue,
} from '../helpers';

/** Tokens the stack accepts: one manager, one coordinator. */
export const tokens = {
  manager: 'manager-token-0123456789abcdefghij',
  coordinator: 'coordinator-token-0123456789abcdefgh',
};

export interface Stack {
  address: string;
  client: Client;
  dataDir: string;
  taskQueue: string;
  linkSigningKey: string;
  baseUrl: string;
  /** Environment for running the CLI as a subprocess against this stack. */
  env: NodeJS.ProcessEnv;
  stop: () => Promise<void>;
}

/**
 * A worker (real activities, emails into the embedded outbox) on the shared dev server, plus the
 * HTTP server, all in this process, with a fresh DATA_DIR and task queue.
 */
export async function startStack(options: { http?: boolean } = {}): Promise<Stack> {
  const address = devServerAddress();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'promise-cycle-h5-'));
  const taskQueue = uniqueTaskQueue('h5');
  const linkSigningKey = randomBytes(32).toString('base64url');
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const logger = pino({ level: 'silent' });
  const client = await devServerClient(address);
  const connection: NativeConnection = await devServerConnection(address);
  const worker = await Worker.create({
    connection,
    taskQueue,
    workflowBundle: await bundleOnce(projectWorkflowsPath),
    // No SMTP_URL: every email goes to the embedded outbox under dataDir.
    activities: createActivities({
      config: {
        dataDir,
        publicBaseUrl: baseUrl,
        taskQueue,
        temporalAddress: address,
        namespace: 'default',
        linkSigningKey,
        mailFrom: 'Medborgarlöften <noreply@example.se>',
      },
      logger,
      client,
    }),
  });
  const running = worker.run();

  const access = new AccessList({
    people: [
      { name: 'Maja Chef', email: 'maja.chef@example.se', role: 'manager', token: tokens.manager },
      {
        name: 'Johan Ekström',
        email: 'johan.ekstrom@example.se',
        role: 'coordinator',
        token: tokens.coordinator,
      },
    ],
  });
  const server =
    options.http === false
      ? undefined
      : await startHttpServer(
          createApp(
            { client, dataDir, publicBaseUrl: baseUrl, secret: linkSigningKey, access, queryTimeoutMs: 5000 },
            { taskQueue },
          ),
          port,
        );

  return {
    address,
    client,
    dataDir,
    taskQueue,
    linkSigningKey,
    baseUrl,
    env: {
      ...process.env,
      TEMPORAL_ADDRESS: address,
      DATA_DIR: dataDir,
      TASK_QUEUE: taskQueue,
      LINK_SIGNING_KEY: linkSigningKey,
      PUBLIC_BASE_URL: baseUrl,
      PROMISE_CYCLE_FROM_SOURCE: '1',
      LOG_LEVEL: 'silent',
    },
    stop: async () => {
      await server?.close();
      worker.shutdown();
      await running;
      await connection.close();
      await client.connection.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
