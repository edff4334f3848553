import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import Table from 'cli-table3';
import type { BreakdownRow } from './breakdown';
import type { FeedbackOverdueTally } from './feedback-overdue';
import type { LatencySummary } from './metrics';
import type { BenchOptions } from './options';
import type { CeilingResult } from './ceiling/run';
import type { ServerProfile } from './server-profile';

export interface BenchResult {
  runAt: string;
  machine: { cores: number; cpuModel: string; memoryGb: number; node: string };
  options: BenchOptions;
  cycles: number;
  cyclesListed: number;
  wallSeconds: number;
  compressedCalendarMinutes: number;
  cyclesPerMinute: number;
  workflowTasksPerSecond: number;
  historyEventsPerSecond: number;
  historyEvents: { max: number; mean: number };
  perExecution: {
    workflowTasks: number;
    timers: number;
    activities: number;
    updates: number;
    /** Memo and search-attribute upserts (absent before 2026-11-23's probe of what a command costs). */
    visibilityUpserts?: number;
  };
  latencyMs: {
    update: LatencySummary;
    /** Asked by the observer process: a running cycle's status, as a manager's dashboard asks it. */
    statusQuery: LatencySummary;
    /** Asked by the observer: the status digest the server keeps in a running cycle's memo (no worker). */
    statusDigest?: LatencySummary;
    /** Asked by the simulated people in the driver (after each step and on each wake-up). */
    statusQuerySimulation: LatencySummary;
    /** Each cycle's first query, right after its start: it waits for the cycle's first workflow task. */
    statusQueryFirst: LatencySummary;
    listAll: LatencySummary;
    listEscalated: LatencySummary;
  };
  /** Status queries over 100 ms, by the phase the cycle was in: where the slow ones come from. */
  slowQueriesByPhase: Record<string, number>;
  /** Where the time goes, from the server's and the workers' Prometheus metrics (ms). */
  breakdown?: BreakdownRow[];
  /** With --profile-server: where the server's CPU went while the year ran, from perf's samples. */
  serverProfile?: ServerProfile;
  /** With --split-activities: the process that runs the activities (email). */
  activityWorkerPeakRssMb?: number;
  workerPeakRssMb: number;
  /** The server's peak RSS through the year (Linux's VmHWM; absent when its process is not known). */
  serverPeakRssMb?: number;
  cpuSeconds: { server: number; workers: number; driver: number };
  emails: { sent: number; recipients: number; duplicates: number; withoutMessageId: number };
  escalations: { expected: number; raised: number; inCycleReports: number };
  /** Overdue notices of feedback rounds left late on purpose (absent in results before they were simulated). */
  feedbackOverdue?: FeedbackOverdueTally;
  /** Cycles the simulation could not drive to the end (with the first errors). */
  failedCycles: number;
  failureExamples: { workflowId: string; error: string }[];
  samplerErrors: number;
  /** Observer digests answered by the query because the cycle had no memo yet. */
  digestFallbacks?: number;
  /** Status queries the server failed (retried by the simulated person). */
  queryFailures: number;
  rejectedSteps: number;
  rejectedExamples: { step: string; reason: string }[];
  ceiling?: CeilingResult & { ratio: number };
}

const verdict = (ok: boolean) => (ok ? 'ok' : 'MISSED');
const pct = (l: LatencySummary) => `${l.p50} / ${l.p95} / ${l.p99}`;

/** The targets from the issue, each with its measured value. */
export function targets(r: BenchResult): [string, string, string, string][] {
  return [
    ['national year', `${(r.wallSeconds / 60).toFixed(1)} min`, '≤ 10 min', verdict(r.wallSeconds <= 600)],
    [
      'ratio to ceiling',
      r.ceiling ? String(r.ceiling.ratio) : 'not run',
      '≥ 0.8',
      r.ceiling ? verdict(r.ceiling.ratio >= 0.8) : '-',
    ],
    [
      'max history events / execution',
      String(r.historyEvents.max),
      '≤ 1,500',
      verdict(r.historyEvents.max <= 1500),
    ],
    [
      'status query p99 (worker)',
      `${r.latencyMs.statusQuery.p99} ms`,
      '≤ 50 ms',
      verdict(r.latencyMs.statusQuery.p99 <= 50),
    ],
    ...(r.latencyMs.statusDigest
      ? [
          [
            'status digest p99 (server, memo)',
            `${r.latencyMs.statusDigest.p99} ms`,
            '≤ 50 ms',
            verdict(r.latencyMs.statusDigest.p99 <= 50),
          ] as [string, string, string, string],
        ]
      : []),
    [
      'list all cycles p99',
      `${r.latencyMs.listAll.p99} ms`,
      '≤ 300 ms',
      verdict(r.latencyMs.listAll.p99 <= 300),
    ],
    ['worker peak RSS', `${r.workerPeakRssMb} MB`, '≤ 300 MB', verdict(r.workerPeakRssMb <= 300)],
    ['duplicate emails', String(r.emails.duplicates), '0', verdict(r.emails.duplicates === 0)],
    [
      'escalations raised / expected',
      `${r.escalations.raised} / ${r.escalations.expected}`,
      'equal',
      verdict(r.escalations.raised === r.escalations.expected),
    ],
    ...(r.feedbackOverdue
      ? [
          [
            'late feedback rounds: overdue notices / rounds',
            `${r.feedbackOverdue.noticed} / ${r.feedbackOverdue.expected}`,
            'equal',
            verdict(
              r.feedbackOverdue.noticed === r.feedbackOverdue.expected && r.feedbackOverdue.missing === 0,
            ),
          ] as [string, string, string, string],
        ]
      : []),
  ];
}

export function printReport(r: BenchResult): void {
  const figures = new Table({ head: ['figure', 'value'] });
  figures.push(
    [
      'machine',
      `${r.machine.cores} cores (${r.machine.cpuModel}), ${r.machine.memoryGb} GB, Node ${r.machine.node}`,
    ],
    ['cycles (listed through visibility)', `${r.cycles} (${r.cyclesListed})`],
    [
      'compressed calendar',
      `${r.compressedCalendarMinutes} min planning + year${r.options.staggerMinutes ? `, periods spread over ${r.options.staggerMinutes} min` : ''}`,
    ],
    ['wall time, national year', `${r.wallSeconds} s`],
    ['cycles per minute', String(r.cyclesPerMinute)],
    ['workflow tasks / s', String(r.workflowTasksPerSecond)],
    ['history events / s', String(r.historyEventsPerSecond)],
    ['history events / execution (max, mean)', `${r.historyEvents.max}, ${r.historyEvents.mean}`],
    [
      'per execution: wf tasks, timers, activities, updates, memo and search-attribute upserts',
      `${r.perExecution.workflowTasks}, ${r.perExecution.timers}, ${r.perExecution.activities}, ${r.perExecution.updates}, ${r.perExecution.visibilityUpserts ?? '–'}`,
    ],
    ['update latency p50/p95/p99 (ms)', pct(r.latencyMs.update)],
    ['status query (observer) p50/p95/p99 (ms)', pct(r.latencyMs.statusQuery)],
    ...(r.latencyMs.statusDigest
      ? [['status digest from memo (observer) p50/p95/p99 (ms)', pct(r.latencyMs.statusDigest)]]
      : []),
    ['status query (simulated people) p50/p95/p99 (ms)', pct(r.latencyMs.statusQuerySimulation)],
    ['first status query after start p50/p95/p99 (ms)', pct(r.latencyMs.statusQueryFirst)],
    ['list all cycles p50/p95/p99 (ms)', pct(r.latencyMs.listAll)],
    ['list escalated p50/p95/p99 (ms)', pct(r.latencyMs.listEscalated)],
    ['worker peak RSS', `${r.workerPeakRssMb} MB`],
    ...(r.activityWorkerPeakRssMb !== undefined
      ? [['activity worker peak RSS', `${r.activityWorkerPeakRssMb} MB`]]
      : []),
    ...(r.serverPeakRssMb !== undefined ? [['server peak RSS', `${r.serverPeakRssMb} MB`]] : []),
    [
      'CPU seconds: server / workers / driver',
      `${r.cpuSeconds.server} / ${r.cpuSeconds.workers} / ${r.cpuSeconds.driver}`,
    ],
    [
      'emails sent (recipients), duplicates',
      `${r.emails.sent} (${r.emails.recipients}), ${r.emails.duplicates}`,
    ],
    ['escalations raised / expected', `${r.escalations.raised} / ${r.escalations.expected}`],
    ...(r.feedbackOverdue
      ? [
          [
            'feedback overdue notices: late rounds (missing) / rounds meant on time',
            `${r.feedbackOverdue.noticed} of ${r.feedbackOverdue.expected} (${r.feedbackOverdue.missing}) / ${r.feedbackOverdue.forRoundsMeantOnTime}`,
          ],
        ]
      : []),
    ['steps rejected by the cycles', String(r.rejectedSteps)],
    [
      'cycles failed / failed status queries / list errors',
      `${r.failedCycles} / ${r.queryFailures} / ${r.samplerErrors}`,
    ],
    ...(r.digestFallbacks !== undefined
      ? [['status digests answered by the query (no memo)', String(r.digestFallbacks)]]
      : []),
  );
  if (r.ceiling) {
    figures.push(
      [
        'ceiling: wall time (same calendar)',
        `${r.ceiling.wallSeconds} s for ${r.ceiling.executions} × ${r.ceiling.timersPerExecution} timers`,
      ],
      ['ceiling: workflow tasks / s', String(r.ceiling.workflowTasksPerSecond)],
      ['app throughput / ceiling', String(r.ceiling.ratio)],
    );
    const seen = r.ceiling.latencyMs;
    if (seen)
      figures.push(
        ['ceiling: query (worker) p50/p95/p99 (ms)', pct(seen.query)],
        ['ceiling: describe (server) p50/p95/p99 (ms)', pct(seen.describe)],
        ['ceiling: list all p50/p95/p99 (ms)', pct(seen.listAll)],
        ['ceiling: list running p50/p95/p99 (ms)', pct(seen.listRunning)],
      );
    const cpu = r.ceiling.cpuSeconds;
    if (cpu)
      figures.push(['ceiling: CPU seconds server / worker', `${cpu.server ?? '-'} / ${cpu.worker ?? '-'}`]);
  }
  const goals = new Table({ head: ['target', 'measured', 'goal', ''] });
  goals.push(...targets(r));
  console.log(figures.toString());
  if (r.breakdown?.length) {
    const breakdown = new Table({
      head: ['where the time goes (metrics)', 'count', 'mean ms', 'p50 ms', 'p99 ms'],
    });
    breakdown.push(...r.breakdown.map((b) => [b.what, b.count, b.mean, b.p50, b.p99].map(String)));
    console.log(breakdown.toString());
  }
  if (r.serverProfile) console.log(serverProfileTable(r.serverProfile));
  console.log(goals.toString());
}

const percent = (share: number) => `${(100 * share).toFixed(1)} %`;

function serverProfileTable(p: ServerProfile): string {
  const table = new Table({
    head: [
      `the server's CPU (perf, ${p.samples} samples, ~${p.cpuSeconds} s; SQLite on ${percent(p.sqliteShare)} of them)`,
      'share',
      'CPU s',
      'of it in SQLite',
    ],
  });
  table.push(
    ...p.rows.map((row) => [row.what, percent(row.share), String(row.cpuSeconds), percent(row.sqliteShare)]),
  );
  return table.toString();
}

export function writeResult(r: BenchResult, out?: string): string {
  const file = resolve(out ?? join(__dirname, 'results', 'latest.json'));
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(r, null, 2)}\n`);
  return file;
}
