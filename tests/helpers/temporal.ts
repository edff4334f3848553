import { randomUUID } from 'node:crypto';
import { Client, Connection } from '@temporalio/client';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import {
  bundleWorkflowCode,
  DefaultLogger,
  NativeConnection,
  Runtime,
  type LogLevel,
  type WorkflowBundleWithSourceMap,
} from '@temporalio/worker';
import { registerSearchAttributes } from '../../lib/temporal';
import { bundlerOptions } from '../../worker/bundle-options';
import { testServerPath } from './provisioned';

const sdkLogLevel = (process.env.TEST_LOG_LEVEL?.toUpperCase() ?? 'WARN') as LogLevel;

/** Keeps the SDK's INFO chatter (worker state changes, webpack stats) out of test output. */
function quietRuntime(): void {
  if (Runtime._instance) return;
  Runtime.install({
    logger: new DefaultLogger(sdkLogLevel),
    telemetryOptions: { logging: { filter: { core: sdkLogLevel, other: 'ERROR' }, forward: {} } },
  });
}

/**
 * The Java time-skipping test server (provisioned launcher), with the project's search attributes registered.
 * Timers fire as soon as nothing else is pending.
 * Caveat: time skipping with child workflows can hang (temporalio/sdk-typescript#1101).
 */
export async function timeSkippingEnv(): Promise<TestWorkflowEnvironment> {
  quietRuntime();
  const env = await TestWorkflowEnvironment.createTimeSkipping({
    server: { executable: { type: 'existing-path', path: testServerPath() } },
  });
  try {
    await registerSearchAttributes(env.connection, env.namespace ?? 'default');
  } catch (err) {
    await env.teardown();
    throw err;
  }
  return env;
}

/** The dev server that global setup started for this jest run. */
export function devServerAddress(): string {
  const address = process.env.TEST_TEMPORAL_ADDRESS;
  if (!address)
    throw new Error('TEST_TEMPORAL_ADDRESS is not set: run tests through jest (tests/global-setup.ts)');
  return address;
}

/** A test environment on the shared dev server (real time, full server); teardown closes only connections. */
export async function devServerEnv(address = devServerAddress()): Promise<TestWorkflowEnvironment> {
  quietRuntime();
  return TestWorkflowEnvironment.createFromExistingServer({ address });
}

/** Close with `client.connection.close()`. */
export async function devServerClient(address = devServerAddress()): Promise<Client> {
  return new Client({ connection: await Connection.connect({ address }) });
}

/** For workers; close with `connection.close()`. */
export async function devServerConnection(address = devServerAddress()): Promise<NativeConnection> {
  quietRuntime();
  return NativeConnection.connect({ address });
}

const bundles = new Map<string, Promise<WorkflowBundleWithSourceMap>>();

/** Bundles a workflows module once per test file (module registry) and reuses it for every Worker. */
export function bundleOnce(workflowsPath: string): Promise<WorkflowBundleWithSourceMap> {
  let bundle = bundles.get(workflowsPath);
  if (!bundle) {
    bundle = bundleWorkflowCode({
      workflowsPath,
      ...bundlerOptions(),
      logger: new DefaultLogger(sdkLogLevel),
    });
    bundles.set(workflowsPath, bundle);
  }
  return bundle;
}

export const smokeWorkflowsPath = require.resolve('../fixtures/workflows/smoke');
export const projectWorkflowsPath = require.resolve('../../workflows');

export function uniqueTaskQueue(prefix = 'test'): string {
  return `${prefix}-${randomUUID().slice(0, 8)}`;
}

export function uniqueWorkflowId(prefix = 'wf'): string {
  return `${prefix}-${randomUUID()}`;
}
