/**
 * The bench's observer: a process of its own that asks what a manager's dashboard asks while the
 * national year runs, so its latencies are the server's and the worker's, not the busy driver's.
 * Every 250 ms the `status` query of a random running cycle (named by the run id the last list showed,
 * as a dashboard links to it), and as often the status digest the server keeps in another cycle's
 * memo (what `promise-cycle status` shows); every 2 s the list of all cycles and of escalated ones. (A finished cycle is no longer cached: its status is answered by replaying its
 * history, a different measure, so the observer asks running ones, as the last list showed them.)
 * On SIGTERM it writes its latency summaries (JSON) to OBSERVER_OUT and exits.
 */
import { writeFileSync } from 'node:fs';
import { Client, Connection } from '@temporalio/client';
import { cycleDigest, cycleStatus, listCycles } from '../lib/cycles';
import { Latencies, timed } from './metrics';

export interface ObserverResult {
  statusQuery: ReturnType<Latencies['summary']>;
  statusDigest: ReturnType<Latencies['summary']>;
  /** Digests the server could not give (no memo yet), answered by the query instead. */
  digestFallbacks: number;
  listAll: ReturnType<Latencies['summary']>;
  listEscalated: ReturnType<Latencies['summary']>;
  errors: number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function main(): Promise<void> {
  const address = process.env.TEMPORAL_ADDRESS ?? '127.0.0.1:7233';
  const out = process.env.OBSERVER_OUT ?? 'observer.json';
  // Until the first list shows their runs, the cycles are asked by workflow id alone.
  let runningCycles: { workflowId: string; runId?: string }[] = (
    JSON.parse(process.env.OBSERVER_WORKFLOW_IDS ?? '[]') as string[]
  ).map((workflowId) => ({ workflowId }));
  const year = Number(process.env.OBSERVER_YEAR ?? 2027);
  const connection = await Connection.connect({ address });
  const client = new Client({ connection });
  const status = new Latencies();
  const digest = new Latencies();
  let digestFallbacks = 0;
  const listAll = new Latencies();
  const listEscalated = new Latencies();
  let errors = 0;
  let running = true;
  process.once('SIGTERM', () => (running = false));

  // A failed call is counted, not timed: it never showed the manager anything.
  const sample = (latencies: Latencies, work: () => Promise<unknown>) =>
    timed(latencies, work).catch(() => void errors++);
  const randomCycle = () => runningCycles[Math.floor(Math.random() * runningCycles.length)]!;
  const statusLoop = async () => {
    while (running && runningCycles.length) {
      const cycle = randomCycle();
      await sample(status, () => cycleStatus(client, cycle.workflowId, cycle.runId));
      await sleep(250);
    }
  };
  const digestLoop = async () => {
    while (running && runningCycles.length) {
      const cycle = randomCycle();
      await sample(digest, async () => {
        const read = await cycleDigest(client, cycle.workflowId, cycle.runId);
        if (read.source !== 'memo') digestFallbacks++;
      });
      await sleep(250);
    }
  };
  const listLoop = async () => {
    while (running) {
      await sample(listAll, async () => {
        const cycles = await listCycles(client, { year });
        runningCycles = cycles
          .filter((c) => c.status === 'RUNNING')
          .map(({ workflowId, runId }) => ({ workflowId, runId }));
      });
      await sample(listEscalated, () => listCycles(client, { year, escalated: true }));
      await sleep(2_000);
    }
  };
  await Promise.all([statusLoop(), digestLoop(), listLoop()]);
  const result: ObserverResult = {
    statusQuery: status.summary(),
    statusDigest: digest.summary(),
    digestFallbacks,
    listAll: listAll.summary(),
    listEscalated: listEscalated.summary(),
    errors,
  };
  writeFileSync(out, JSON.stringify(result));
  await connection.close();
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
