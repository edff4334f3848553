import { z } from 'zod';

/**
 * A planned length: `30m`, `4h`, `14d`, `3wd` (Swedish working days), `2w`, `3mo` (calendar months).
 * Minutes exist so a demo or a benchmark can run a whole year in minutes.
 */
export const durationPattern = /^(\d+)\s*(m|h|d|wd|w|mo)$/;
export type DurationUnit = 'm' | 'h' | 'd' | 'wd' | 'w' | 'mo';
export interface Duration {
  amount: number;
  unit: DurationUnit;
}

export const DurationSchema = z
  .string()
  .trim()
  .regex(durationPattern, 'a duration like 30m, 4h, 14d, 3wd (working days), 2w or 3mo');

export function parseDuration(text: string): Duration {
  const match = durationPattern.exec(text.trim());
  if (!match) throw new Error(`Not a duration: "${text}" (use e.g. 30m, 4h, 14d, 3wd, 2w, 3mo)`);
  return { amount: Number(match[1]), unit: match[2] as DurationUnit };
}

const fixedUnitMs: Record<'m' | 'h' | 'd' | 'w', number> = {
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 7 * 86_400_000,
};

/** Length in ms for fixed units; undefined for calendar-dependent ones (working days, months). */
export function fixedDurationMs(duration: Duration): number | undefined {
  return duration.unit === 'wd' || duration.unit === 'mo' ? undefined : duration.amount * fixedUnitMs[duration.unit];
}
