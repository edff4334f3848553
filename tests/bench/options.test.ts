import { parseBenchOptions } from '../../bench/options';

describe('bench options', () => {
  it('reads the observer priority as a nice value and refuses one outside -20..19', () => {
    expect(parseBenchOptions(['--observer-nice=-10']).observerNice).toBe(-10);
    expect(parseBenchOptions([]).observerNice).toBeUndefined();
    expect(() => parseBenchOptions(['--observer-nice=-21'])).toThrow(/observerNice/);
    expect(() => parseBenchOptions(['--observer-nice', 'high'])).toThrow(/observerNice/);
  });
});
