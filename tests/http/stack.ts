import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Client } from '@temporalio/client';
import { type NativeConnection, Worker } from '@temporalio/worker';
import pino from 'pino';
import { createActivities } from '../../activities';
import { type CycleConfigInput, CycleConfigSchema } from '../../domain/config';
import type { StatusDigest } from '../../domain/status-digest';
import { AccessList } from '../../http/access';
import { createApp, startHttpServer } from '../../http/server';
import { cycleDigest, runStep, startCycle } from '../../lib/cycles';
import { confirmInitiation } from '../../lib/simulation/payloads';
import {
  bundleOnce,
  devServerAddress,
  devServerClient,
  devServerConnection,
  eventually,
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
  /**
   * Starts a cycle on a task queue of its own, records its first step with a worker of its own and
   * stops that worker: no worker answers for the cycle afterwards. Resolves with its memo digest.
   */
  cycleWithoutWorker: (config: CycleConfigInput & { workflowId: string }) => Promise<StatusDigest>;
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
  // No SMTP_URL: every email goes to the embedded outbox under dataDir.
  const activities = createActivities({
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
  });
  const workflowBundle = await bundleOnce(projectWorkflowsPath);
  const worker = await Worker.create({ connection, taskQueue, workflowBundle, activities });
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
    cycleWithoutWorker: async (config) => {
      const ownQueue = uniqueTaskQueue('h5-gone');
      const own = await Worker.create({ connection, taskQueue: ownQueue, workflowBundle, activities });
      const { workflowId, runId } = await startCycle(client, config, { taskQueue: ownQueue });
      return own.runUntil(async () => {
        const cycle = CycleConfigSchema.parse(config);
        const confirm = confirmInitiation(cycle, cycle.people.policeCoordinator.email);
        await runStep(client, workflowId, 'confirm-initiation', confirm, runId);
        const read = await eventually(
          () => cycleDigest(client, workflowId, runId),
          (r) => r.digest.openTasks.some((t) => t.step === 'record-situation-picture'),
        );
        return read.digest;
      });
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
