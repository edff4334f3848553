import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { mallocEnv } from '../../bench/malloc';
import { parseBenchOptions } from '../../bench/options';
import { BenchUsageError } from '../../bench/usage-error';

const repoRoot = resolve(__dirname, '../..');
const benchData = join(repoRoot, '.data', 'bench');
const runs = () => (existsSync(benchData) ? readdirSync(benchData) : []);

/** Runs a benchmark entry point as `npm run` would (tsx), with a short timeout: these must fail at once. */
function runBench(script: string, args: string[], env: NodeJS.ProcessEnv = {}) {
  return spawnSync(process.execPath, ['--import', 'tsx', join(repoRoot, 'bench', script), ...args], {
    cwd: repoRoot,
    env: { ...process.env, ...env },
    encoding: 'utf8',
    timeout: 60_000,
  });
}

const stackFrame = /^\s+at /m;

describe('bench usage errors', () => {
  it('reports an unknown option, a bad value and a missing library as usage errors', () => {
    expect(() => parseBenchOptions(['--cycels', '3'])).toThrow(BenchUsageError);
    expect(() => parseBenchOptions(['--cycels', '3'])).toThrow(
      /Unknown option '--cycels'[\s\S]*npm run bench --/,
    );
    expect(() => parseBenchOptions(['--cycles'])).toThrow(/argument missing/);
    expect(() => parseBenchOptions(['--cycles', '0'])).toThrow(BenchUsageError);
    expect(() => mallocEnv('jemalloc', '')).toThrow(BenchUsageError);
    expect(() => mallocEnv('jemalloc', '')).toThrow(/apt-get install libjemalloc2/);
  });

  it('stops `npm run bench` on a bad value with the message and usage alone', () => {
    const result = runBench('national-year.ts', ['--cycles', '0']);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/cycles/);
    expect(result.stderr).toContain('npm run bench -- [--cycles 290]');
    expect(result.stderr).not.toMatch(stackFrame);
  });

  it('stops `npm run bench --profile-server` without perf before it writes a data directory', () => {
    const before = runs();
    const result = runBench('national-year.ts', ['--profile-server'], { PATH: '/nonexistent' });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('--profile-server needs Linux perf');
    expect(result.stderr).not.toMatch(stackFrame);
    expect(runs()).toEqual(before);
  });

  it('stops `npm run bench:memory` on an unknown option with its usage, not a stack trace', () => {
    const result = runBench('memory-probe.ts', ['--max-cahced', '10']);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("Unknown option '--max-cahced'");
    expect(result.stderr).toContain('npm run bench:memory --');
    expect(result.stderr).not.toMatch(stackFrame);
  });

  it('stops `npm run bench:email` on a count that is not a whole number, before it sends anything', () => {
    const result = runBench('email-throughput.ts', ['many']);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('"many" is not a whole number');
    expect(result.stdout).toBe('');
    expect(result.stderr).not.toMatch(stackFrame);
  });
});
