import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Client } from '@temporalio/client';
import { runCeiling } from '../../bench/ceiling/run';
import { listExecutions } from '../../lib/cycles';
import { devServerAddress, devServerClient } from '../helpers';

describe('the ceiling (bench/ceiling)', () => {
  let client: Client;
  let logDir: string;

  beforeAll(async () => {
    client = await devServerClient();
    logDir = mkdtempSync(join(tmpdir(), 'promise-cycle-ceiling-'));
  });
  afterAll(async () => {
    await client.connection.close();
    rmSync(logDir, { recursive: true, force: true });
  });

  it('runs its no-op executions to the end, spread as the cycles were, while the observer asks them as it asks the cycles', async () => {
    // A server kept between runs (TEST_TEMPORAL_ADDRESS) still holds earlier runs' executions.
    const since = new Date(Date.now() - 1_000).toISOString();
    const ceiling = await runCeiling(client, {
      executions: 3,
      timersPerExecution: 5,
      spanMs: 8_000,
      // The last execution begins 4 s after the first, as the last cycle's promise period would.
      staggerMinutes: 4 / 60,
      workflowThreads: 1,
      allocatorEnv: {},
      address: devServerAddress(),
      logDir,
      log: () => undefined,
    });

    expect(ceiling.executions).toBe(3);
    expect(ceiling.workflowTasksPerSecond).toBeGreaterThan(0);
    // Every call the observer made was answered: a query the no-op did not handle would count as an error.
    expect(ceiling.observerErrors).toBe(0);
    expect(ceiling.latencyMs?.query.count).toBeGreaterThan(0);
    expect(ceiling.latencyMs?.describe.count).toBeGreaterThan(0);
    expect(ceiling.latencyMs?.listAll.count).toBeGreaterThan(0);
    expect(ceiling.latencyMs?.listRunning.count).toBeGreaterThan(0);
    expect(ceiling.cpuSeconds?.worker).toBeGreaterThanOrEqual(0);

    const completed = await listExecutions(
      client,
      `WorkflowType = 'ceilingNoOp' AND ExecutionStatus = 'Completed' AND StartTime >= '${since}'`,
    );
    expect(completed).toHaveLength(3);
    const closedAt = (index: number) => {
      const execution = completed.find((e) => e.execution?.workflowId?.endsWith(`-${index}`));
      return Number(execution?.closeTime?.seconds ?? 0) * 1000 + (execution?.closeTime?.nanos ?? 0) / 1e6;
    };
    expect(closedAt(1) - closedAt(0)).toBeGreaterThan(1_000);
    expect(closedAt(2) - closedAt(0)).toBeGreaterThan(3_000);
    expect(closedAt(2) - closedAt(0)).toBeLessThan(6_000);
    expect(ceiling.wallSeconds).toBeGreaterThan(11.5);
  });
});
