/**
 * `npm run bench:memory -- [cycles] [--max-cached N] [--heap-snapshot] [--worker-malloc jemalloc]
 * [--worker-node-options=--max-semi-space-size=1] [--workflow-threads N]`: what
 * cycles cost the worker's memory. Starts a dev server and the production worker (compiled, prebuilt
 * bundle), starts N cycles (default 100) and drives every one into implementation; prints that worker's
 * RSS when idle, after the starts and with all N cycles cached. Then it stops that worker and starts a
 * fresh one, as a worker serving cycles at their real pace would be: it wakes every cycle twice, one at a
 * time (a `status` query each), and prints the fresh worker's RSS and peak, and each round's latency and
 * worker CPU per wake. The first round replays every cycle from its history; in the second, cached cycles
 * answer at once. `--max-cached N` sets the fresh worker's WORKER_MAX_CACHED_WORKFLOWS (cycles beyond N
 * are evicted and replayed again). `--heap-snapshot` also writes V8 heap snapshots of the first worker's
 * main thread and workflow threads with every cycle cached into the kept data directory and prints their
 * live JS heap beside the RSS; two runs with different cycle counts give the JavaScript share of a cached
 * cycle. The snapshots end that worker's workflow threads, so they are its last act. `--worker-malloc
 * jemalloc|mimalloc` runs both workers on that allocator (bench/malloc.ts), `--worker-node-options`
 * with that NODE_OPTIONS (bench/node-options.ts), `--workflow-threads` with that many workflow threads
 * (WORKER_WORKFLOW_THREADS; unset, the SDK's default of one).
 */
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../lib/config';
import { cycleStatus, startCycle } from '../lib/cycles';
import { simulateCycle } from '../lib/simulation';
import { connectClient } from '../lib/temporal';
import { benchConfigs } from './configs';
import { liveHeapMb } from './heap-snapshot-size';
import { MallocSchema, mallocEnv, mallocs } from './malloc';
import { mapLimit } from './histories';
import { nodeOptionsEnv } from './node-options';
import { Latencies, rssMb, timed } from './metrics';
import { startDevServer } from './server';
import { SmtpSink } from './smtp-sink';
import {
  buildProductionWorker,
  startWorkerProcess,
  waitForPollers,
  type WorkerProcess,
} from './worker-process';
import { BenchUsageError, parseArgsOrUsage, reportBenchFailure } from './usage-error';

const root = resolve(__dirname, '..');
const taskQueue = 'memory-probe';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const round1 = (n: number) => Math.round(n * 10) / 10;

const usage = `npm run bench:memory -- [cycles, 100] [--max-cached N] [--heap-snapshot] [--worker-malloc glibc|jemalloc|mimalloc] [--worker-node-options '…'] [--workflow-threads N]`;

async function main(): Promise<void> {
  const { values, positionals } = parseArgsOrUsage(usage, () =>
    parseArgs({
      options: {
        'max-cached': { type: 'string' },
        'heap-snapshot': { type: 'boolean' },
        'worker-malloc': { type: 'string' },
        'worker-node-options': { type: 'string' },
        'workflow-threads': { type: 'string' },
      },
      allowPositionals: true,
    }),
  );
  const cycles = Number(positionals[0] ?? 100);
  if (!Number.isInteger(cycles) || cycles < 1) throw new BenchUsageError('cycles must be a whole number ≥ 1');
  const snapshot = values['heap-snapshot'] ?? false;
  const maxCached = values['max-cached'];
  const parsedMalloc = MallocSchema.safeParse(values['worker-malloc']);
  if (!parsedMalloc.success)
    throw new BenchUsageError(`--worker-malloc must be one of ${mallocs.join(', ')}`);
  const malloc = parsedMalloc.data;
  const threads = values['workflow-threads'];
  const runtimeEnv: NodeJS.ProcessEnv = {
    ...mallocEnv(malloc),
    ...nodeOptionsEnv(values['worker-node-options']),
    ...(threads !== undefined && { WORKER_WORKFLOW_THREADS: threads }),
  };
  // Checked by the worker's own rules now, not when the fresh worker starts after the long drive (one
  // call: it names every bad value at once, and each call reads the development signing key).
  if (maxCached !== undefined || threads !== undefined)
    loadConfig({ WORKER_MAX_CACHED_WORKFLOWS: maxCached, WORKER_WORKFLOW_THREADS: threads });
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
    const client = await connectClient({ temporalAddress: server.address, namespace: 'default' });
    cleanup.unshift(() => client.connection.close());
    const start = async (name: string, extraEnv: NodeJS.ProcessEnv, nodeArgs: string[] = []) => {
      const workerEnv = { ...env, ...runtimeEnv, ...extraEnv };
      const worker = await startWorkerProcess(name, entry, workerEnv, dataDir, nodeArgs);
      cleanup.unshift(() => worker.stop());
      await waitForPollers(client, taskQueue, 1);
      await sleep(3_000);
      return worker;
    };

    const driver = await start(
      'worker',
      snapshot ? { HEAP_SNAPSHOT_DIR: dataDir } : {},
      snapshot ? ['-r', join(root, 'dist/bench/heap-snapshot-preload.js')] : [],
    );
    const pid = driver.child.pid!;
    const heapSnapshots = async (label: string) => {
      driver.child.kill('SIGUSR2');
      const done = join(dataDir, `${label}.done`);
      for (let waited = 0; !existsSync(done); waited += 1_000) {
        if (waited > 300_000) throw new Error(`no heap snapshots after 5 minutes (${done})`);
        await sleep(1_000);
      }
      const [main, ...threads] = readFileSync(done, 'utf8').split('\n');
      return {
        mainMb: await liveHeapMb(main!),
        workflowThreadsMb: await Promise.all(threads.map(liveHeapMb)),
      };
    };
    const idle = (await rssMb(pid)) ?? 0;
    const configs = benchConfigs(cycles, { startAt: Date.now(), planningMinutes: 1, yearMinutes: 60 });
    const started = await mapLimit(configs, 20, (c) => startCycle(client, c, { taskQueue }));
    const afterStart = await rssMb(pid);
    await mapLimit(configs, 50, (c) =>
      simulateCycle(client, c, { until: 'implementation', minPollMs: 200, maxPollMs: 2_000 }),
    );
    await sleep(3_000);
    const cached = (await rssMb(pid)) ?? 0;
    const cachedHeap = snapshot ? await heapSnapshots('snapshot-1') : undefined;
    if (snapshot) console.error(`heap snapshots in ${dataDir}`);
    const driverPeak = await driver.peakRssMb();
    await driver.stop();

    const fresh = await start(
      'fresh-worker',
      maxCached === undefined ? {} : { WORKER_MAX_CACHED_WORKFLOWS: maxCached },
    );
    const freshIdle = (await rssMb(fresh.child.pid!)) ?? 0;
    const wakeRound = async (worker: WorkerProcess) => {
      const latencies = new Latencies();
      const cpuBefore = (await worker.cpuSeconds()) ?? 0;
      for (const { workflowId, runId } of started)
        await timed(latencies, () => cycleStatus(client, workflowId, runId));
      const cpuMs = (((await worker.cpuSeconds()) ?? 0) - cpuBefore) * 1000;
      return { latencyMs: latencies.summary(), workerCpuMsPerWake: round1(cpuMs / cycles) };
    };
    const firstWake = await wakeRound(fresh);
    const secondWake = await wakeRound(fresh);
    console.log(
      JSON.stringify(
        {
          cycles,
          malloc,
          workflowThreads: threads === undefined ? 1 : Number(threads),
          ...(runtimeEnv.NODE_OPTIONS && { nodeOptions: runtimeEnv.NODE_OPTIONS }),
          allCached: {
            idleMb: idle,
            afterStartMb: afterStart,
            inImplementationMb: cached,
            peakMb: driverPeak,
            perCycleMb: Math.round(((cached - idle) / cycles) * 100) / 100,
          },
          ...(cachedHeap ? { liveJsHeapMb: cachedHeap } : {}),
          freshWorker: {
            maxCached: maxCached === undefined ? 'SDK default' : Number(maxCached),
            idleMb: freshIdle,
            afterWakesMb: await rssMb(fresh.child.pid!),
            peakMb: await fresh.peakRssMb(),
            firstWake,
            secondWake,
          },
        },
        null,
        2,
      ),
    );
  } finally {
    for (const step of cleanup) await step().catch(() => undefined);
    if (!snapshot && !process.exitCode) rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch(reportBenchFailure);
