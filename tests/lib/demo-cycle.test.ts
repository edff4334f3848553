import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { CycleConfigSchema } from '../../domain/config';
import { demoConfig, resolveRelative } from '../../scripts/demo-cycle';

describe('the demo cycle configuration', () => {
  const now = Date.parse('2027-05-03T10:00:00Z');

  it('resolves relative times from now and leaves other values alone', () => {
    expect(resolveRelative('+8m', now)).toBe('2027-05-03T10:08:00.000Z');
    expect(resolveRelative('+2h', now)).toBe('2027-05-03T12:00:00.000Z');
    expect(resolveRelative('2027-06-01', now)).toBe('2027-06-01');
    expect(resolveRelative(undefined, now)).toBeUndefined();
  });

  it('turns examples/demo-cycle.yaml into a valid compressed cycle starting now', () => {
    const raw = parse(readFileSync(join(__dirname, '../../examples/demo-cycle.yaml'), 'utf8'));
    const config = CycleConfigSchema.parse(demoConfig(raw, now));
    expect(config.schedule.startAt).toBe('2027-05-03T10:00:00.000Z');
    const start = Date.parse(config.schedule.promisePeriod.start);
    const end = Date.parse(config.schedule.promisePeriod.end);
    expect(start).toBeGreaterThan(now);
    expect((end - start) / 60_000).toBeGreaterThanOrEqual(20);
    expect((end - start) / 60_000).toBeLessThanOrEqual(30);
    expect(config.policy.workingDaysOnly).toBe(false);
    expect(config.nextCycle.autoStart).toBe(false);
  });

  it('keeps the full example on the real calendar', () => {
    const config = CycleConfigSchema.parse(
      parse(readFileSync(join(__dirname, '../../examples/cycle-config.yaml'), 'utf8')),
    );
    expect(config.municipality).toEqual({ code: '0183', name: 'Sundbyberg' });
    expect(config.policy.workingDaysOnly).toBe(true);
  });
});
