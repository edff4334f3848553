/**
 * Reads Prometheus text exposition (the worker's SDK metrics, the dev server's metrics) and estimates
 * quantiles from histogram buckets, so the bench can say where a latency is spent.
 */

export interface Sample {
  labels: Record<string, string>;
  value: number;
}

export type Metrics = Map<string, Sample[]>;

const line = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})?\s+(\S+)/;
const label = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g;

export function parseMetrics(text: string): Metrics {
  const metrics: Metrics = new Map();
  for (const raw of text.split('\n')) {
    if (raw.startsWith('#')) continue;
    const match = line.exec(raw.trim());
    if (!match) continue;
    const [, name, labelText = '', value] = match;
    const labels: Record<string, string> = {};
    for (const [, key, v] of labelText.matchAll(label)) labels[key!] = v!;
    const samples = metrics.get(name!) ?? [];
    samples.push({ labels, value: Number(value) });
    metrics.set(name!, samples);
  }
  return metrics;
}

export async function scrape(url: string): Promise<Metrics | undefined> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(10_000) });
    return response.ok ? parseMetrics(await response.text()) : undefined;
  } catch {
    return undefined;
  }
}

export interface HistogramSummary {
  count: number;
  mean: number;
  p50: number;
  p99: number;
}

const matches = (labels: Record<string, string>, filter: Record<string, string>) =>
  Object.entries(filter).every(([k, v]) => labels[k] === v);

/**
 * Sums a histogram over every series matching `filter` and estimates p50/p99 by linear interpolation
 * inside the bucket that holds them (the usual `histogram_quantile`), in the histogram's own unit.
 */
export function histogram(
  metrics: Metrics,
  name: string,
  filter: Record<string, string> = {},
): HistogramSummary | undefined {
  const buckets = new Map<number, number>();
  for (const s of metrics.get(`${name}_bucket`) ?? []) {
    if (!matches(s.labels, filter)) continue;
    const le = s.labels.le === '+Inf' ? Infinity : Number(s.labels.le);
    buckets.set(le, (buckets.get(le) ?? 0) + s.value);
  }
  const sum = (suffix: string) =>
    (metrics.get(`${name}${suffix}`) ?? [])
      .filter((s) => matches(s.labels, filter))
      .reduce((total, s) => total + s.value, 0);
  const count = sum('_count');
  if (count === 0 || buckets.size === 0) return undefined;
  const sorted = [...buckets].sort(([a], [b]) => a - b);
  const quantile = (q: number) => {
    const rank = q * count;
    let lower = 0;
    let below = 0;
    for (const [le, cumulative] of sorted) {
      if (cumulative >= rank) {
        if (le === Infinity) return lower;
        const inBucket = cumulative - below;
        return inBucket > 0 ? lower + ((le - lower) * (rank - below)) / inBucket : le;
      }
      lower = le;
      below = cumulative;
    }
    return lower;
  };
  return { count, mean: sum('_sum') / count, p50: quantile(0.5), p99: quantile(0.99) };
}
