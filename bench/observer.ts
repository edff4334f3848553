/**
 * The bench's observer: a process of its own that asks what a manager's dashboard asks while the
 * national year runs, so its latencies are the server's and the worker's, not the busy driver's.
 * Every 250 ms the `status` query of a random running cycle (named by the run id the last list showed,
 * as a dashboard links to it), and as often the status digest the server keeps in another cycle's
 * memo (what `promise-cycle status` shows); every 2 s the list of all cycles and of escalated ones.
 * (A finished cycle is no longer cached: its status is answered by replaying its history, a different
 * measure, so the observer asks running ones, as the last list showed them.)
 * Given OBSERVER_CEILING_QUERY (the visibility query of the ceiling's executions) it asks the same of
 * the ceiling's no-op executions: their query, their description (the server's answer, as for the
 * digest), the list of all of them and of the running ones.
 * On SIGTERM it writes its latency summaries (JSON) to OBSERVER_OUT and exits.
 */
import { writeFileSync } from 'node:fs';
import type { Client } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import { cycleDigest, cycleStatus, listCycles, listExecutions } from '../lib/cycles';
import { connectClient } from '../lib/temporal';
import { timersFiredQuery } from './ceiling/workflows';
import { Latencies, timed } from './metrics';

export interface ObserverResult {
  /** The worker's answer: a cycle's `status` query (the ceiling: its `timersFired` query). */
  statusQuery: ReturnType<Latencies['summary']>;
  /** The server's answer: the digest in a cycle's memo (the ceiling: its description). */
  statusDigest: ReturnType<Latencies['summary']>;
  /** Digests the server could not give (no memo yet), answered by the query instead. */
  digestFallbacks: number;
  listAll: ReturnType<Latencies['summary']>;
  /** Cycles: the escalated ones. The ceiling: the running ones. */
  listFiltered: ReturnType<Latencies['summary']>;
  errors: number;
}

interface Execution {
  workflowId: string;
  runId?: string;
}

/** What the observer asks, of the cycles or of the ceiling's executions. */
interface Target {
  query(e: Execution): Promise<unknown>;
  /** Whether the server answered by itself (false: a worker had to). */
  describe(e: Execution): Promise<boolean>;
  /** All executions, and which are running (the ones the observer goes on asking). */
  listAll(): Promise<{ execution: Execution; running: boolean }[]>;
  listFiltered(): Promise<unknown>;
}

function cyclesTarget(client: Client, year: number): Target {
  return {
    query: (e) => cycleStatus(client, e.workflowId, e.runId),
    describe: async (e) => (await cycleDigest(client, e.workflowId, e.runId)).source === 'memo',
    listAll: async () =>
      (await listCycles(client, { year })).map(({ workflowId, runId, status }) => ({
        execution: { workflowId, runId },
        running: status === 'RUNNING',
      })),
    listFiltered: () => listCycles(client, { year, escalated: true }),
  };
}

/** `all`: the visibility query of this ceiling's executions. */
function ceilingTarget(client: Client, all: string): Target {
  const running = temporal.api.enums.v1.WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING;
  return {
    query: (e) => client.workflow.getHandle(e.workflowId, e.runId).query(timersFiredQuery),
    describe: async (e) => {
      await client.workflow.getHandle(e.workflowId, e.runId).describe();
      return true;
    },
    listAll: async () =>
      (await listExecutions(client, all)).map((raw) => ({
        execution: { workflowId: raw.execution?.workflowId ?? '', runId: raw.execution?.runId ?? undefined },
        running: raw.status === running,
      })),
    listFiltered: () => listExecutions(client, `${all} AND ExecutionStatus = 'Running'`),
  };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function main(): Promise<void> {
  const address = process.env.TEMPORAL_ADDRESS ?? '127.0.0.1:7233';
  const out = process.env.OBSERVER_OUT ?? 'observer.json';
  // Until the first list shows their runs, the executions are asked by workflow id alone.
  let runningOnes: Execution[] = (JSON.parse(process.env.OBSERVER_WORKFLOW_IDS ?? '[]') as string[]).map(
    (workflowId) => ({ workflowId }),
  );
  // Connected as the product's dashboard and CLI connect (lib/temporal).
  const client = await connectClient({ temporalAddress: address, namespace: 'default' });
  const target = process.env.OBSERVER_CEILING_QUERY
    ? ceilingTarget(client, process.env.OBSERVER_CEILING_QUERY)
    : cyclesTarget(client, Number(process.env.OBSERVER_YEAR ?? 2027));
  const status = new Latencies();
  const digest = new Latencies();
  let digestFallbacks = 0;
  const listAll = new Latencies();
  const listFiltered = new Latencies();
  let errors = 0;
  let running = true;
  process.once('SIGTERM', () => (running = false));

  // A failed call is counted, not timed: it never showed the manager anything.
  const sample = (latencies: Latencies, work: () => Promise<unknown>) =>
    timed(latencies, work).catch(() => void errors++);
  const randomOne = () => runningOnes[Math.floor(Math.random() * runningOnes.length)]!;
  const statusLoop = async () => {
    while (running && runningOnes.length) {
      const execution = randomOne();
      await sample(status, () => target.query(execution));
      await sleep(250);
    }
  };
  const digestLoop = async () => {
    while (running && runningOnes.length) {
      const execution = randomOne();
      await sample(digest, async () => {
        if (!(await target.describe(execution))) digestFallbacks++;
      });
      await sleep(250);
    }
  };
  const listLoop = async () => {
    while (running) {
      await sample(listAll, async () => {
        runningOnes = (await target.listAll()).filter((e) => e.running).map((e) => e.execution);
      });
      await sample(listFiltered, () => target.listFiltered());
      await sleep(2_000);
    }
  };
  await Promise.all([statusLoop(), digestLoop(), listLoop()]);
  const result: ObserverResult = {
    statusQuery: status.summary(),
    statusDigest: digest.summary(),
    digestFallbacks,
    listAll: listAll.summary(),
    listFiltered: listFiltered.summary(),
    errors,
  };
  writeFileSync(out, JSON.stringify(result));
  await client.connection.close();
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
