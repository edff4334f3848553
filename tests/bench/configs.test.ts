import { benchConfigs } from '../../bench/configs';

const periodOf = (c: ReturnType<typeof benchConfigs>[number]) => ({
  start: Date.parse(c.schedule.promisePeriod.start),
  end: Date.parse(c.schedule.promisePeriod.end),
});

describe('the bench calendar (bench/configs)', () => {
  const startAt = Date.parse('2027-01-04T08:00:00Z');
  const calendar = { startAt, planningMinutes: 3, yearMinutes: 6 };

  it('begins every promise period at the same moment unless told to spread them', () => {
    const periods = benchConfigs(290, calendar).map(periodOf);
    expect(new Set(periods.map((p) => p.start))).toEqual(new Set([startAt + 3 * 60_000]));
    expect(new Set(periods.map((p) => p.end))).toEqual(new Set([startAt + 9 * 60_000]));
  });

  it('spreads the periods evenly from the first to the last cycle, each a whole year long', () => {
    const configs = benchConfigs(290, { ...calendar, staggerMinutes: 0.5 });
    const periods = configs.map(periodOf);
    const first = startAt + 3 * 60_000;
    expect(periods[0]!.start).toBe(first);
    expect(periods[289]!.start).toBe(first + 30_000);
    for (const [i, p] of periods.entries()) {
      expect(p.end - p.start).toBe(6 * 60_000);
      if (i > 0) {
        const step = p.start - periods[i - 1]!.start;
        expect(step).toBeGreaterThanOrEqual(103);
        expect(step).toBeLessThanOrEqual(105);
      }
    }
    // Planning starts for all at once; only the year moves.
    expect(new Set(configs.map((c) => c.schedule.startAt))).toEqual(
      new Set([new Date(startAt).toISOString()]),
    );
  });

  it('gives a single cycle the first period even when told to spread', () => {
    const [only] = benchConfigs(1, { ...calendar, staggerMinutes: 5 }).map(periodOf);
    expect(only!.start).toBe(startAt + 3 * 60_000);
  });
});
