/**
 * `npm run bench:memory -- [cycles] [--heap-snapshot]`: what a cached cycle costs the worker's memory.
 * Starts a dev server and the production worker (compiled, prebuilt bundle), starts N cycles (default
 * 100), drives every one into implementation, and prints the worker's RSS when idle, after the starts,
 * and with all N cycles cached. `--heap-snapshot` also writes a V8 heap snapshot of the worker's main
 * thread into the kept data directory (the workflow thread is a separate isolate, not in it).
 */
import { mkdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { startCycle } from '../lib/cycles';
import { simulateCycle } from '../lib/simulation';
import { benchConfigs } from './configs';
import { mapLimit } from './histories';
import { rssMb } from './metrics';
import { startDevServer } from './server';
import { SmtpSink } from './smtp-sink';
import { buildProductionWorker, startWorkerProcess, waitForPollers } from './worker-process';

const root = resolve(__dirname, '..');
const taskQueue = 'memory-probe';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const cycles = Number(args.find((a) => /^\d+$/.test(a)) ?? 100);
  const snapshot = args.includes('--heap-snapshot');
  const port = 17533;
  const dataDir = join(root, '.data', 'bench', `memory-${Date.now()}`);
  mkdirSync(dataDir, { recursive: true });
  const cleanup: (() => Promise<unknown>)[] = [];
  try {
    const server = await startDevServer({ dataDir, port });
    cleanup.unshift(() => server.stop());
    const smtp = new SmtpSink();
    const smtpUrl = await smtp.start(port + 10);
    cleanup.unshift(() => smtp.stop());
    const { entry, env } = await buildProductionWorker(dataDir, {
      address: server.address,
      taskQueue,
      smtpUrl,
    });
    const worker = await startWorkerProcess(
      'worker',
      entry,
      env,
      dataDir,
      snapshot ? ['--heapsnapshot-signal=SIGUSR2', `--diagnostic-dir=${dataDir}`] : [],
    );
    cleanup.unshift(() => worker.stop());
    const connection = await Connection.connect({ address: server.address });
    cleanup.unshift(() => connection.close());
    const client = new Client({ connection });
    await waitForPollers(client, taskQueue, 1);
    await sleep(3_000);
    const pid = worker.child.pid!;
    const idle = (await rssMb(pid)) ?? 0;
    const configs = benchConfigs(cycles, { startAt: Date.now(), planningMinutes: 1, yearMinutes: 60 });
    await mapLimit(configs, 20, (c) => startCycle(client, c, { taskQueue }));
    const afterStart = await rssMb(pid);
    await mapLimit(configs, 50, (c) =>
      simulateCycle(client, c, { until: 'implementation', minPollMs: 200, maxPollMs: 2_000 }),
    );
    await sleep(3_000);
    const cached = (await rssMb(pid)) ?? 0;
    console.log(
      JSON.stringify({
        cycles,
        idleMb: idle,
        afterStartMb: afterStart,
        inImplementationMb: cached,
        perCycleMb: Math.round(((cached - idle) / cycles) * 100) / 100,
      }),
    );
    if (snapshot) {
      worker.child.kill('SIGUSR2');
      await sleep(30_000);
      console.error(`heap snapshot in ${dataDir}`);
    }
  } finally {
    for (const step of cleanup) await step().catch(() => undefined);
    if (!snapshot && !process.exitCode) rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
