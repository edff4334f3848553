import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Client } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import { parseCommandMemoryOptions } from '../../bench/command-memory/options';
import { bundleCommandWorkflows, measureCommandMemory } from '../../bench/command-memory/run';
import { BenchUsageError } from '../../bench/usage-error';
import { devServerAddress, devServerClient } from '../helpers';

const { EventType } = temporal.api.enums.v1;

describe('npm run bench:commands options', () => {
  it('defaults to 300 executions, five command counts and two rounds', () => {
    expect(parseCommandMemoryOptions([])).toEqual({
      executions: 300,
      commands: [0, 100, 120, 130, 400],
      payloadBytes: 0,
      rounds: 2,
      workerMalloc: 'glibc',
    });
  });

  it('reads a list of command counts', () => {
    expect(parseCommandMemoryOptions(['--commands', '0, 64,512']).commands).toEqual([0, 64, 512]);
  });

  it.each([
    [['--commands', '0,x'], /--commands must be a number/],
    [['--commands=-1'], /--commands must be at least 0/],
    [['--executions', '0'], /--executions must be at least 1/],
    [['--rounds', '1.5'], /--rounds must be a whole number/],
    [['--worker-malloc', 'tcmalloc'], /workerMalloc/],
    [['--cycles', '3'], /Unknown option '--cycles'/],
  ])('refuses %j with the reason and the usage', (argv, reason) => {
    const parse = () => parseCommandMemoryOptions(argv);
    expect(parse).toThrow(BenchUsageError);
    expect(parse).toThrow(reason);
    expect(parse).toThrow(/npm run bench:commands/);
  });
});

describe('the command-memory probe (bench/command-memory)', () => {
  let client: Client;
  let logDir: string;

  beforeAll(async () => {
    client = await devServerClient();
    logDir = mkdtempSync(join(tmpdir(), 'promise-cycle-commands-'));
  });
  afterAll(async () => {
    await client.connection.close();
    rmSync(logDir, { recursive: true, force: true });
  });

  it('caches executions that issued the commands asked for, reads the worker before and after, and releases them', async () => {
    const since = new Date(Date.now() - 1_000).toISOString();
    const result = await measureCommandMemory(client, {
      commands: 5,
      payloadBytes: 16,
      executions: 3,
      address: devServerAddress(),
      bundle: await bundleCommandWorkflows(logDir),
      logDir,
      allocatorEnv: {},
    });

    expect(result).toMatchObject({ commands: 5, executions: 3 });
    expect(result.idleMb).toBeGreaterThan(50);
    expect(result.cachedMb).toBeGreaterThan(50);
    const histories: temporal.api.history.v1.IHistory[] = [];
    for await (const execution of client.workflow.list({
      query: `WorkflowType = 'commandsThenWait' AND StartTime >= '${since}'`,
    }))
      histories.push(await client.workflow.getHandle(execution.workflowId, execution.runId).fetchHistory());
    expect(histories).toHaveLength(3);
    for (const history of histories) {
      const types = history.events!.map((e) => e.eventType);
      expect(types.filter((t) => t === EventType.EVENT_TYPE_WORKFLOW_PROPERTIES_MODIFIED)).toHaveLength(5);
      expect(types.at(-1)).toBe(EventType.EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED);
    }
    const running = await client.workflow.count(
      `WorkflowType = 'commandsThenWait' AND StartTime >= '${since}' AND ExecutionStatus = 'Running'`,
    );
    expect(running.count).toBe(0);
  });
});
