/** Latency samples and the percentiles the report prints. */
export class Latencies {
  private readonly samples: number[] = [];
  record(ms: number): void {
    this.samples.push(ms);
  }
  get count(): number {
    return this.samples.length;
  }
  summary(): LatencySummary {
    const sorted = [...this.samples].sort((a, b) => a - b);
    const at = (p: number) =>
      sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]! : 0;
    const round = (n: number) => Math.round(n * 10) / 10;
    return {
      count: sorted.length,
      p50: round(at(50)),
      p95: round(at(95)),
      p99: round(at(99)),
      max: round(sorted.at(-1) ?? 0),
    };
  }
}

export interface LatencySummary {
  count: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

export async function timed<T>(latencies: Latencies, work: () => Promise<T>): Promise<T> {
  const started = performance.now();
  const result = await work();
  latencies.record(performance.now() - started);
  return result;
}

/** Peak resident memory of a process, from Linux's own high-water mark (VmHWM), in MB. */
export const peakRssMb = (pid: number): Promise<number | undefined> => statusMb(pid, 'VmHWM');

/** Resident memory of a process now (VmRSS), in MB. */
export const rssMb = (pid: number): Promise<number | undefined> => statusMb(pid, 'VmRSS');

async function statusMb(pid: number, field: 'VmHWM' | 'VmRSS'): Promise<number | undefined> {
  const { readFile } = await import('node:fs/promises');
  try {
    const status = await readFile(`/proc/${pid}/status`, 'utf8');
    const match = new RegExp(`${field}:\\s+(\\d+) kB`).exec(status);
    return match ? Math.round(Number(match[1]) / 1024) : undefined;
  } catch {
    return undefined;
  }
}

/** CPU seconds (user + system) a process has used so far, from /proc/{pid}/stat. */
export async function cpuSeconds(pid: number): Promise<number | undefined> {
  const { readFile } = await import('node:fs/promises');
  try {
    const fields = (await readFile(`/proc/${pid}/stat`, 'utf8')).split(') ')[1]?.split(' ') ?? [];
    const ticks = Number(fields[11]) + Number(fields[12]);
    return Number.isFinite(ticks) ? ticks / 100 : undefined;
  } catch {
    return undefined;
  }
}
