/**
 * `npm run bench -- --profile-server`: Linux perf samples the dev server's call stacks while the year
 * runs, and the report says where its CPU goes, by the kind of work each stack does. The dev server
 * has no pprof flag; perf needs the symbol table the default stripped build lacks, so the bench
 * runs the build that keeps it (TEMPORAL_CLI_SYMBOLS=1 in scripts/provision-temporal-cli.sh).
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

/** Samples per second on each core: ~100k samples in a national year (run 60: 97,866, 44 MB). */
const frequencyHz = 99;

/**
 * The kind of work a stack does: the first rule whose frame name occurs anywhere in the stack wins,
 * so the specific ones (a visibility write inside the history service's queues) come first.
 */
const categoryRules: readonly [category: string, frame: string][] = [
  ['visibility writes (memo, search attributes)', 'processUpsertExecution'],
  ['visibility writes (start, close)', 'processStartExecution'],
  ['visibility writes (start, close)', 'processCloseExecution'],
  ['lists (visibility reads)', 'ListWorkflowExecutions'],
  ['lists (visibility reads)', 'CountWorkflowExecutions'],
  ['queries', 'QueryWorkflow'],
  ['queries', 'RespondQueryTaskCompleted'],
  ['updates', 'UpdateWorkflowExecution_Handler'],
  ['updates', 'PollWorkflowExecutionUpdate'],
  ['describes', 'DescribeWorkflowExecution'],
  ['activity tasks (email)', 'ActivityTask'],
  ['workflow tasks completed', 'RespondWorkflowTaskCompleted'],
  ['workflow tasks dispatched (polls, started)', 'RecordWorkflowTaskStarted'],
  ['workflow tasks dispatched (polls, started)', 'PollWorkflowTaskQueue'],
  ['workflow tasks dispatched (polls, started)', 'AddWorkflowTask'],
  ['history and mutable-state reads', 'GetWorkflowExecutionHistory'],
  ['history and mutable-state reads', 'GetMutableState'],
  ['timer queue', 'timerQueue'],
  ['transfer queue', 'transferQueue'],
  ['other history queues', 'service/history/queues'],
  ['matching, other', 'service/matching'],
  ['Go garbage collection', 'runtime.gcBgMarkWorker'],
  ['Go garbage collection', 'runtime.bgsweep'],
  ['Go garbage collection', 'runtime.bgscavenge'],
  ['goroutine stack growth', 'runtime.newstack'],
  ['gRPC transport (HTTP/2 between the services)', 'grpc/internal/transport'],
  ['metrics', 'uber-go/tally'],
  ['metrics', 'prometheus'],
];
const otherCategory = 'other (gRPC handlers, scheduler, …)';
const sqliteFrame = 'modernc.org/sqlite';

export interface ServerProfileRow {
  what: string;
  /** Share of the server's samples. */
  share: number;
  cpuSeconds: number;
  /** Share of this row's samples with SQLite (modernc.org/sqlite) on the stack. */
  sqliteShare: number;
}

export interface ServerProfile {
  samples: number;
  frequencyHz: number;
  cpuSeconds: number;
  /** Share of all samples with SQLite on the stack. */
  sqliteShare: number;
  rows: ServerProfileRow[];
}

/**
 * Tallies `perf script -F comm,pid,ip,sym` output: a header line per sample, then one indented
 * "address symbol" line per frame. Only the samples of process `pid` count.
 */
export async function summariseServerStacks(
  lines: AsyncIterable<string> | Iterable<string>,
  pid: number,
  hz = frequencyHz,
): Promise<ServerProfile> {
  const counts = new Map<string, { samples: number; sqlite: number }>();
  let samples = 0;
  let sqlite = 0;
  let frames: string[] = [];
  let counting = false;
  const flush = () => {
    if (!counting || frames.length === 0) return;
    const stack = frames.join('\n');
    const category = categoryRules.find(([, frame]) => stack.includes(frame))?.[0] ?? otherCategory;
    const row = counts.get(category) ?? { samples: 0, sqlite: 0 };
    const inSqlite = stack.includes(sqliteFrame);
    row.samples++;
    samples++;
    if (inSqlite) {
      row.sqlite++;
      sqlite++;
    }
    counts.set(category, row);
  };
  for await (const line of lines) {
    if (line.trim() === '') continue;
    if (!/^\s/.test(line)) {
      flush();
      frames = [];
      // "comm pid": a thread's name may hold spaces, so the pid is the last field.
      counting = Number(line.trim().split(/\s+/).at(-1)) === pid;
    } else if (counting) {
      frames.push(line.trim().replace(/^\S+\s+/, ''));
    }
  }
  flush();
  const share = (part: number, whole: number) => (whole === 0 ? 0 : Math.round((1000 * part) / whole) / 1000);
  return {
    samples,
    frequencyHz: hz,
    cpuSeconds: Math.round(samples / hz),
    sqliteShare: share(sqlite, samples),
    rows: [...counts]
      .sort((a, b) => b[1].samples - a[1].samples)
      .map(([what, c]) => ({
        what,
        share: share(c.samples, samples),
        cpuSeconds: Math.round(c.samples / hz),
        sqliteShare: share(c.sqlite, c.samples),
      })),
  };
}

/** Why the server cannot be profiled here, or undefined when it can. */
export function serverProfilerMissing(): string | undefined {
  const probe = spawnSync('perf', ['--version'], { encoding: 'utf8' });
  if (probe.error || probe.status !== 0)
    return '--profile-server needs Linux perf on the PATH (Debian: apt-get install linux-perf)';
  return undefined;
}

export interface ServerProfiler {
  /** Stops sampling. */
  stop(): Promise<void>;
  /** Summarises what was sampled (perf script takes a core for a while: not while measuring). */
  summarise(): Promise<ServerProfile>;
}

/**
 * Samples the whole machine with perf into {dataDir}/server.perf.data until stopped; the summary keeps
 * process `pid`. (Attached to the server alone, `perf record -p` saw 317 of its 376 CPU seconds in
 * run 59; sampling the machine saw all of them in run 58.)
 */
export async function startServerProfiler(pid: number, dataDir: string): Promise<ServerProfiler> {
  const dataFile = join(dataDir, 'server.perf.data');
  const log = createWriteStream(join(dataDir, 'server-perf.log'));
  const recorder = spawn('perf', ['record', '-F', String(frequencyHz), '-g', '-a', '-o', dataFile], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  recorder.stdout.pipe(log);
  recorder.stderr.pipe(log);
  await new Promise<void>((resolve, reject) => {
    recorder.once('error', reject);
    recorder.once('spawn', resolve);
  });
  // Refused sampling (kernel.perf_event_paranoid for a user who is not root) ends perf at once: say so
  // before the year starts, not after it.
  await new Promise((resolve) => setTimeout(resolve, 1_000));
  if (recorder.exitCode !== null || recorder.signalCode !== null)
    throw new Error(
      `perf record stopped at once (${recorder.exitCode ?? recorder.signalCode}); see ${join(dataDir, 'server-perf.log')}`,
    );
  return {
    async stop() {
      await stopped(recorder);
    },
    async summarise() {
      const script = spawn(
        'perf',
        ['script', '-i', dataFile, '--pid', String(pid), '-F', 'comm,pid,ip,sym'],
        {
          stdio: ['ignore', 'pipe', 'pipe'],
        },
      );
      script.stderr.pipe(createWriteStream(join(dataDir, 'server-perf-script.log')));
      const profile = await summariseServerStacks(createInterface({ input: script.stdout }), pid);
      await exited(script);
      return profile;
    },
  };
}

/** Resolves once the child has ended, by exit or by a signal, even if it already had. */
function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

/** perf writes its data file when interrupted, as after Ctrl-C. */
function stopped(recorder: ChildProcess): Promise<void> {
  const done = exited(recorder);
  recorder.kill('SIGINT');
  return done;
}
