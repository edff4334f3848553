import { TZDate } from '@date-fns/tz';
import { addDays, addMonths, format, isWeekend } from 'date-fns';
import { type Duration, fixedDurationMs, parseDuration } from './duration';

export const timeZone = 'Europe/Stockholm';

/**
 * The Swedish working-day calendar, as data. Non-working days (public holidays plus the de facto
 * free eves: midsummer, Christmas and New Year's Eve) are computed outside the workflow and passed
 * in, so that a later change in a holiday library can never alter the decisions of a running cycle.
 */
export interface WorkingCalendar {
  /** Local dates (YYYY-MM-DD, Europe/Stockholm) that are not working days, besides weekends. */
  nonWorkingDays: readonly string[];
  /** When false, deadlines are not moved to working days (compressed demo and benchmark calendars). */
  workingDaysOnly: boolean;
}

export class Calendar {
  private readonly closed: ReadonlySet<string>;
  constructor(private readonly spec: WorkingCalendar) {
    this.closed = new Set(spec.nonWorkingDays);
  }

  localDate(instant: number): string {
    return format(new TZDate(instant, timeZone), 'yyyy-MM-dd');
  }

  isWorkingDay(instant: number): boolean {
    const local = new TZDate(instant, timeZone);
    return !isWeekend(local) && !this.closed.has(format(local, 'yyyy-MM-dd'));
  }

  /** A deadline that falls on a weekend or holiday moves to the same time on the next working day. */
  toWorkingDay(instant: number): number {
    if (!this.spec.workingDaysOnly) return instant;
    let local = new TZDate(instant, timeZone);
    for (let guard = 0; guard < 30 && !this.isWorkingDay(local.getTime()); guard++) local = addDays(local, 1);
    return local.getTime();
  }

  addWorkingDays(instant: number, days: number): number {
    let local = new TZDate(instant, timeZone);
    let left = days;
    while (left > 0) {
      local = addDays(local, 1);
      if (this.isWorkingDay(local.getTime())) left--;
    }
    return local.getTime();
  }

  /** Adds a configured duration; calendar units follow Stockholm local time (DST-safe). */
  add(instant: number, duration: Duration | string): number {
    const d = typeof duration === 'string' ? parseDuration(duration) : duration;
    const fixed = fixedDurationMs(d);
    if (fixed !== undefined) {
      return d.unit === 'd' || d.unit === 'w'
        ? addDays(new TZDate(instant, timeZone), d.amount * (d.unit === 'w' ? 7 : 1)).getTime()
        : instant + fixed;
    }
    if (d.unit === 'mo') return addMonths(new TZDate(instant, timeZone), d.amount).getTime();
    return this.spec.workingDaysOnly ? this.addWorkingDays(instant, d.amount) : addDays(instant, d.amount).getTime();
  }

  /** A due date: the duration added, then moved off weekends and holidays. */
  due(from: number, duration: Duration | string): number {
    return this.toWorkingDay(this.add(from, duration));
  }
}

/** Parses a date or date-time; a bare date means the start (or end) of that day in Stockholm. */
export function toInstant(text: string, edge: 'start' | 'end' = 'start'): number {
  if (/^\d{4}-\d{2}-\d{2}$/.test(text)) {
    const [y, m, d] = text.split('-').map(Number) as [number, number, number];
    const local = edge === 'start' ? new TZDate(y, m - 1, d, 0, 0, 0, 0, timeZone) : new TZDate(y, m - 1, d, 23, 59, 59, 999, timeZone);
    return local.getTime();
  }
  const ms = Date.parse(text);
  if (Number.isNaN(ms)) throw new Error(`Not a date: "${text}"`);
  return ms;
}
