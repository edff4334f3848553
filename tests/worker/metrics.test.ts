import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { type Metrics, parseMetrics } from '../../bench/prometheus';
import { devServerAddress, eventually, freePort, repoRoot } from '../helpers';

// The Runtime is one per process, so it is installed in a child process, as worker/main.ts installs it.
describe('worker metrics (WORKER_METRICS_ADDRESS)', () => {
  let child: ChildProcess;
  let output = '';

  afterEach(async () => {
    if (child.exitCode === null) {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGKILL'); // the Temporal Runtime turns SIGTERM into a graceful shutdown it waits for
      await exited;
    }
  });

  it("serves the SDK's metrics for Prometheus, with the RPCs the connection made", async () => {
    const address = `127.0.0.1:${await freePort()}`;
    child = spawn(
      process.execPath,
      ['--import', 'tsx', join(repoRoot, 'tests/fixtures/metrics-runtime.ts')],
      {
        cwd: repoRoot,
        env: { ...process.env, WORKER_METRICS_ADDRESS: address, TEMPORAL_ADDRESS: devServerAddress() },
      },
    );
    child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
    await eventually(
      async () => output,
      (o) => {
        if (child.exitCode !== null) throw new Error(`the process exited (${child.exitCode}): ${o}`);
        return o.includes('ready');
      },
      60_000,
    );
    const response = await fetch(`http://${address}/metrics`);
    expect(response.ok).toBe(true);
    const metrics: Metrics = parseMetrics(await response.text());
    const calls = (metrics.get('temporal_request') ?? []).filter(
      (s) => s.labels.operation === 'GetSystemInfo',
    );
    expect(calls[0]?.value).toBeGreaterThan(0);
  }, 90_000);
});
