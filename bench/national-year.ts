/**
 * `npm run bench`: all 290 Swedish municipalities through one compressed promise year on this machine,
 * then the same number of no-op executions with the same shape (the ceiling) on the same server.
 */
import { mkdirSync, rmSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import cliProgress from 'cli-progress';
import type { Phase } from '../domain/phases';
import { cycleWorkflowId } from '../domain/config';
import { listCycles, startCycle } from '../lib/cycles';
import { simulateCycle, type SimulationReport } from '../lib/simulation';
import { connectClient } from '../lib/temporal';
import { type BreakdownRow, latencyBreakdown, mergeMetrics } from './breakdown';
import { runCeiling } from './ceiling/run';
import { feedbackOverdueTally } from './feedback-overdue';
import { benchConfigs } from './configs';
import { historyCounts, mapLimit } from './histories';
import { Latencies, cpuSeconds, peakRssMb } from './metrics';
import { startObserver } from './observer-process';
import { parseBenchOptions } from './options';
import { scrape } from './prometheus';
import { printReport, type BenchResult, writeResult } from './report';
import { externalServer, startDevServer } from './server';
import { serverProfilerMissing, startServerProfiler } from './server-profile';
import { SmtpSink } from './smtp-sink';
import { mallocEnv } from './malloc';
import { BenchUsageError, reportBenchFailure } from './usage-error';
import { buildProductionWorker, startWorkerProcess, waitForPollers } from './worker-process';

const root = resolve(__dirname, '..');
const taskQueue = 'bench-cycles';

async function main(): Promise<void> {
  const options = parseBenchOptions(process.argv.slice(2));
  // Looked up once, before anything starts or is written: a missing library or tool stops the bench here.
  const allocatorEnv = mallocEnv(options.workerMalloc);
  const profilerMissing = options.profileServer ? serverProfilerMissing() : undefined;
  if (profilerMissing) throw new BenchUsageError(profilerMissing);
  const runId = new Date().toISOString().replace(/[:.]/g, '-');
  const dataDir = join(root, '.data', 'bench', runId);
  mkdirSync(dataDir, { recursive: true });
  const log = (message: string) => process.stderr.write(`[bench] ${message}\n`);

  log(`data and logs in ${dataDir}`);
  const server = options.server
    ? externalServer(options.server, options.serverPid)
    : await startDevServer({
        dataDir,
        port: options.port,
        metricsPort: options.port + 20,
        searchAttributeCache: true,
        eagerActivities: options.eagerActivities,
        dynamicConfig: options.serverDynamicConfig,
        symbols: options.profileServer,
      });
  const smtp = new SmtpSink();
  const smtpUrl = await smtp.start(options.port + 10);
  const cleanup: (() => Promise<void>)[] = [() => smtp.stop(), () => server.stop()];
  try {
    // The worker as production runs it (compiled, prebuilt workflow bundle): see buildProductionWorker.
    const production = await buildProductionWorker(dataDir, { address: server.address, taskQueue, smtpUrl });
    const { entry } = production;
    const workerEnv = { ...production.env, ...allocatorEnv };
    const profileArgs = options.profileWorker
      ? ['--cpu-prof', `--cpu-prof-dir=${join(dataDir, 'profiles')}`]
      : [];
    // With --split-activities the workers poll workflow tasks only and one more process sends the email.
    const role = options.splitActivities ? 'workflows' : 'all';
    const activitySlots = options.activitySlots && { WORKER_ACTIVITY_SLOTS: String(options.activitySlots) };
    const metricsAddress = (i: number) => `127.0.0.1:${options.port + 30 + i}`;
    const workflowWorkers = await Promise.all(
      Array.from({ length: options.workers }, (_, i) =>
        startWorkerProcess(
          `worker-${i + 1}`,
          entry,
          {
            ...workerEnv,
            WORKER_ROLE: role,
            WORKER_METRICS_ADDRESS: metricsAddress(i),
            ...(options.workflowPollers && { WORKER_WORKFLOW_TASK_POLLERS: String(options.workflowPollers) }),
            ...(options.workflowSlots && { WORKER_WORKFLOW_TASK_SLOTS: String(options.workflowSlots) }),
            ...(options.maxCached !== undefined && {
              WORKER_MAX_CACHED_WORKFLOWS: String(options.maxCached),
            }),
            WORKER_WORKFLOW_THREADS: String(options.workflowThreads),
            ...(role === 'all' && activitySlots),
          },
          dataDir,
          profileArgs,
        ),
      ),
    );
    const activityWorkers = options.splitActivities
      ? [
          await startWorkerProcess(
            'activity-worker',
            entry,
            {
              ...workerEnv,
              WORKER_ROLE: 'activities',
              WORKER_METRICS_ADDRESS: metricsAddress(options.workers),
              ...activitySlots,
            },
            dataDir,
          ),
        ]
      : [];
    const workers = [...workflowWorkers, ...activityWorkers];
    cleanup.unshift(...workers.map((w) => () => w.stop()));
    const client = await connectClient({ temporalAddress: server.address, namespace: 'default' });
    cleanup.unshift(() => client.connection.close());
    await waitForPollers(client, taskQueue, workflowWorkers.length);
    log(
      `server ${server.address}, smtp ${smtpUrl}, ${workflowWorkers.length} worker(s) polling (${role}), malloc ${options.workerMalloc}`,
    );

    const startAt = Date.now();
    const { planningMinutes } = options;
    const configs = benchConfigs(options.cycles, {
      startAt,
      planningMinutes,
      yearMinutes: options.yearMinutes,
      staggerMinutes: options.staggerMinutes,
    });

    const updates = new Latencies();
    const queries = new Latencies();
    const firstQueries = new Latencies();
    const slowQueriesByPhase: Record<string, number> = {};
    const phases = new Map<string, Phase>();
    const bar = new cliProgress.SingleBar(
      {
        format: 'national year |{bar}| {value}/{total} cycles done | {phases} | {duration}s',
        hideCursor: true,
        noTTYOutput: true,
        notTTYSchedule: 15_000,
      },
      cliProgress.Presets.shades_classic,
    );
    const phaseSummary = () => {
      const counts = new Map<string, number>();
      for (const p of phases.values()) counts.set(p, (counts.get(p) ?? 0) + 1);
      return [...counts].map(([p, n]) => `${p} ${n}`).join(', ');
    };

    const serverCpuBefore = await cpuSeconds(server.pid);
    const workerCpuBefore = await Promise.all(workers.map((w) => w.cpuSeconds()));
    const driverCpuBefore = process.cpuUsage();
    const serverProfiler = options.profileServer ? await startServerProfiler(server.pid, dataDir) : undefined;
    if (serverProfiler) cleanup.unshift(() => serverProfiler.stop());
    const t0 = performance.now();

    const started = await mapLimit(configs, 20, (config) => startCycle(client, config, { taskQueue }));
    const runIds = new Map(started.map((s) => [s.workflowId, s.runId]));
    bar.start(configs.length, 0, { phases: '' });

    // A manager's view, from a process of its own: status of running cycles, lists of all and escalated.
    const observer = await startObserver({
      name: 'observer',
      address: server.address,
      workflowIds: configs.map((c) => cycleWorkflowId(c.municipality.code, c.year)),
      year: configs[0]?.year ?? 2027,
      nice: options.observerNice,
      logDir: dataDir,
    });
    cleanup.unshift(async () => void (await observer.stop()));

    let done = 0;
    let queryFailures = 0;
    const progress = setInterval(() => bar.update(done, { phases: phaseSummary() }), 2_000);

    const rejectedSteps: SimulationReport['rejected'] = [];
    const failures: { workflowId: string; error: string }[] = [];
    const outcomes = await Promise.all(
      configs.map(async (config): Promise<SimulationReport | undefined> => {
        try {
          return await driveCycle(config);
        } catch (err) {
          failures.push({
            workflowId: `promise-cycle-${config.municipality.code}-${config.year}`,
            error: String(err),
          });
          log(`${config.municipality.code}: ${String(err)}`);
          return undefined;
        } finally {
          done++;
          bar.update(done, { phases: phaseSummary() });
        }
      }),
    );
    const reports = outcomes.filter((r): r is SimulationReport => r !== undefined);
    const breakdown = await readBreakdown(
      `http://127.0.0.1:${options.port + 20}/metrics`,
      workers.map((_, i) => `http://${metricsAddress(i)}/metrics`),
    );
    async function driveCycle(config: (typeof configs)[number]): Promise<SimulationReport> {
      const report = await simulateCycle(client, config, {
        runId: runIds.get(cycleWorkflowId(config.municipality.code, config.year)),
        unexplainedSlipShare: options.unexplainedSlipShare,
        explainedSlipShare: options.explainedSlipShare,
        lateFeedbackShare: options.lateFeedbackShare,
        deeperDialogueShare: options.deeperDialogueShare,
        minPollMs: 250,
        maxPollMs: 30_000,
        onUpdate: (_step, ms) => updates.record(ms),
        onQuery: (ms, { first, phase }) => {
          (first ? firstQueries : queries).record(ms);
          if (ms > 100) slowQueriesByPhase[phase] = (slowQueriesByPhase[phase] ?? 0) + 1;
        },
        onPhase: (phase) => phases.set(config.municipality.code, phase),
        onQueryFailure: () => queryFailures++,
      });
      await client.workflow.getHandle(report.workflowId).result();
      rejectedSteps.push(...report.rejected);
      return report;
    }
    const wallMs = performance.now() - t0;
    clearInterval(progress);
    const observed = await observer.stop();
    bar.stop();
    await serverProfiler?.stop();

    const serverCpu = ((await cpuSeconds(server.pid)) ?? 0) - (serverCpuBefore ?? 0);
    const workerCpu = (await Promise.all(workers.map((w) => w.cpuSeconds()))).reduce<number>(
      (sum, c, i) => sum + (c ?? 0) - (workerCpuBefore[i] ?? 0),
      0,
    );
    const driverUsage = process.cpuUsage(driverCpuBefore);
    const peakRssOf = async (ws: typeof workers) =>
      Math.max(0, ...(await Promise.all(ws.map(async (w) => (await w.peakRssMb()) ?? 0))));
    const peakRss = await peakRssOf(workflowWorkers);
    const activityWorkerPeakRss = activityWorkers.length ? await peakRssOf(activityWorkers) : undefined;
    const serverPeakRss = server.pid ? await peakRssMb(server.pid) : undefined;

    log('counting histories …');
    const counts = await mapLimit(reports, 10, (r) => historyCounts(client, r.workflowId));
    const finalStatuses = await mapLimit(
      reports,
      10,
      (r) => client.workflow.getHandle(r.workflowId).result() as Promise<{ escalations: { raised: number } }>,
    );
    const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
    const events = counts.map((c) => c.events);
    const workflowTasks = sum(counts.map((c) => c.workflowTasks));
    const escalationsExpected = sum(reports.map((r) => r.expectedEscalations));
    const escalationsRaised = sum(reports.map((r) => r.escalationsRaised));
    const escalationsInReports = sum(finalStatuses.map((s) => s.escalations.raised));
    const feedbackOverdue = feedbackOverdueTally(reports, smtp.feedbackOverdueKeys);

    await Promise.all(workers.map((w) => w.stop()));
    const allList = await listCycles(client, {});
    if (serverProfiler) log('summarising the server profile …');
    const serverProfile = await serverProfiler?.summarise();

    const ceiling = options.ceiling
      ? await runCeiling(client, {
          executions: configs.length,
          timersPerExecution: Math.round(workflowTasks / counts.length),
          // The no-op follows the same compressed calendar the cycles were given.
          spanMs: (planningMinutes + options.yearMinutes) * 60_000,
          staggerMinutes: options.staggerMinutes,
          workflowThreads: options.workflowThreads,
          workflowPollers: options.workflowPollers,
          workflowSlots: options.workflowSlots,
          allocatorEnv,
          address: server.address,
          serverPid: server.pid,
          logDir: dataDir,
          log,
        })
      : undefined;

    const cyclesPerMinute = configs.length / (wallMs / 60_000);
    const result: BenchResult = {
      runAt: new Date().toISOString(),
      machine: {
        cores: cpus().length,
        cpuModel: cpus()[0]?.model ?? 'unknown',
        memoryGb: Math.round(totalmem() / 2 ** 30),
        node: process.version,
      },
      options,
      cycles: configs.length,
      cyclesListed: allList.length,
      wallSeconds: Math.round(wallMs / 100) / 10,
      compressedCalendarMinutes: planningMinutes + options.yearMinutes,
      cyclesPerMinute: Math.round(cyclesPerMinute * 10) / 10,
      workflowTasksPerSecond: Math.round((workflowTasks / (wallMs / 1000)) * 10) / 10,
      historyEventsPerSecond: Math.round((sum(events) / (wallMs / 1000)) * 10) / 10,
      historyEvents: { max: Math.max(...events), mean: Math.round(sum(events) / events.length) },
      perExecution: {
        workflowTasks: Math.round(workflowTasks / counts.length),
        timers: Math.round(sum(counts.map((c) => c.timers)) / counts.length),
        activities: Math.round(sum(counts.map((c) => c.activities)) / counts.length),
        updates: Math.round(sum(counts.map((c) => c.updates)) / counts.length),
        visibilityUpserts: Math.round(sum(counts.map((c) => c.visibilityUpserts)) / counts.length),
      },
      latencyMs: {
        update: updates.summary(),
        statusQuery: observed.statusQuery,
        statusDigest: observed.statusDigest,
        statusQuerySimulation: queries.summary(),
        statusQueryFirst: firstQueries.summary(),
        listAll: observed.listAll,
        listEscalated: observed.listFiltered,
      },
      slowQueriesByPhase,
      breakdown,
      serverProfile,
      workerPeakRssMb: peakRss,
      activityWorkerPeakRssMb: activityWorkerPeakRss,
      serverPeakRssMb: serverPeakRss,
      cpuSeconds: {
        server: Math.round(serverCpu),
        workers: Math.round(workerCpu),
        driver: Math.round((driverUsage.user + driverUsage.system) / 1e6),
      },
      emails: {
        sent: smtp.messages,
        recipients: smtp.recipients,
        duplicates: smtp.duplicates,
        withoutMessageId: smtp.withoutMessageId,
      },
      escalations: {
        expected: escalationsExpected,
        raised: escalationsRaised,
        inCycleReports: escalationsInReports,
      },
      feedbackOverdue,
      failedCycles: failures.length,
      failureExamples: failures.slice(0, 5),
      samplerErrors: observed.errors,
      digestFallbacks: observed.digestFallbacks,
      queryFailures,
      rejectedSteps: rejectedSteps.length,
      rejectedExamples: rejectedSteps.slice(0, 5),
      ceiling: ceiling && {
        ...ceiling,
        ratio: Math.round((ceiling.wallSeconds / (wallMs / 1000)) * 100) / 100,
      },
    };
    printReport(result);
    const file = writeResult(result, options.out);
    log(`results written to ${file}`);
  } finally {
    for (const step of cleanup) await step().catch(() => undefined);
    if (!options.keepData) rmSync(dataDir, { recursive: true, force: true });
  }
}

/** The latency breakdown from the server's and the workers' metrics (empty when they cannot be read). */
async function readBreakdown(serverUrl: string, workerUrls: string[]): Promise<BreakdownRow[]> {
  const server = await scrape(serverUrl);
  const workers = (await Promise.all(workerUrls.map(scrape))).filter((m) => m !== undefined);
  return server ? latencyBreakdown(mergeMetrics(workers), server) : [];
}

main().then(
  () => process.exit(0),
  (err) => {
    reportBenchFailure(err);
    process.exit(1);
  },
);
