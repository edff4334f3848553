import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  serverProfilerMissing,
  startServerProfiler,
  summariseServerStacks,
} from '../../bench/server-profile';

// Samples as `perf script -F comm,pid,ip,sym` prints them (frames leaf first), shortened.
const perfScript = `temporal 4242 
\t         1f0a1b2 modernc.org/sqlite/lib._sqlite3VdbeExec
\t         1f0a000 modernc.org/sqlite.(*conn).exec
\t         239d2be go.temporal.io/server/service/history.(*visibilityQueueTaskExecutor).processUpsertExecution
\t         1da6074 go.temporal.io/server/service/history/queues.(*executableImpl).Execute
\t           98261 runtime.goexit.abi0

temporal 4242 
\t         1da6074 go.temporal.io/server/service/history/queues.(*executableImpl).Execute
\t         239d2be go.temporal.io/server/service/history.(*visibilityQueueTaskExecutor).processUpsertExecution
\t           98261 runtime.goexit.abi0

temporal 4242 
\t           5a1b2 runtime.scanObject
\t           4c3d4 runtime.gcBgMarkWorker
\t           98261 runtime.goexit.abi0

temporal 4242 
\t         21c0ffe go.temporal.io/server/service/history/queues.(*executableImpl).Execute
\t           98261 runtime.goexit.abi0

temporal 4242 
\t           6e5f1 runtime.schedule
\t           6e000 runtime.mcall

node 777 
\t         1f0a000 modernc.org/sqlite.(*conn).exec
\t         239d2be go.temporal.io/server/service/history.(*visibilityQueueTaskExecutor).processUpsertExecution
`;

describe('server profile', () => {
  it("tallies the server's samples by the kind of work on the stack, and how many are in SQLite", async () => {
    const profile = await summariseServerStacks(perfScript.split('\n'), 4242, 1);
    expect(profile.samples).toBe(5); // the other process's sample is not the server's
    expect(profile.sqliteShare).toBe(0.2);
    expect(profile.rows).toEqual([
      { what: 'visibility writes (memo, search attributes)', share: 0.4, cpuSeconds: 2, sqliteShare: 0.5 },
      { what: 'Go garbage collection', share: 0.2, cpuSeconds: 1, sqliteShare: 0 },
      { what: 'other history queues', share: 0.2, cpuSeconds: 1, sqliteShare: 0 },
      { what: 'other (gRPC handlers, scheduler, …)', share: 0.2, cpuSeconds: 1, sqliteShare: 0 },
    ]);
  });

  it('finds the pid in the last field, whatever the thread is called', async () => {
    const profile = await summariseServerStacks(
      [
        'grpc worker 4242 ',
        '\t  98261 runtime.gcBgMarkWorker',
        'grpc worker 42 ',
        '\t  1 runtime.gcBgMarkWorker',
      ],
      4242,
    );
    expect(profile.samples).toBe(1);
  });

  // Where perf runs (this machine's CI does), the recorder itself is exercised. The process is idle
  // when perf starts and busy in a thread it starts later, as the Go runtime starts threads as it goes.
  const busyLater = `setTimeout(() => new (require('node:worker_threads').Worker)(
    'const end = Date.now() + 20000; while (Date.now() < end);', { eval: true }), 800);
    setTimeout(() => process.exit(0), 20000);`;

  (serverProfilerMissing() ? it.skip : it)(
    'samples a process with perf until stopped, threads it starts later too',
    async () => {
      const dataDir = mkdtempSync(join(tmpdir(), 'server-profile-'));
      const busy = spawn(process.execPath, ['-e', busyLater]);
      try {
        const profiler = await startServerProfiler(busy.pid!, dataDir);
        await new Promise((resolve) => setTimeout(resolve, 2_500));
        await profiler.stop();
        await profiler.stop(); // as the bench's clean-up does again: perf has ended by then
        const profile = await profiler.summarise();
        expect(profile.samples).toBeGreaterThan(20);
        expect(profile.rows.reduce((sum, row) => sum + row.share, 0)).toBeCloseTo(1, 1);
      } finally {
        busy.kill();
        rmSync(dataDir, { recursive: true, force: true });
      }
    },
    30_000,
  );
});
