import { TZDate } from '@date-fns/tz';
import { addMonths, subDays } from 'date-fns';
import { type Calendar, timeZone, toInstant } from './calendar';
import { fixedDurationMs, parseDuration } from './duration';

/** Date-only entries (`2027-06-25`) fall due at the start of the working day, not at midnight. */
export const workdayStartHour = 8;

/** When a date or date-time entry falls due: a bare date means 08:00 that day in Stockholm. */
export function dueInstant(text: string): number {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return toInstant(text);
  const [y, m, d] = text.split('-').map(Number) as [number, number, number];
  return new TZDate(y, m - 1, d, workdayStartHour, 0, 0, 0, timeZone).getTime();
}

/** The instant `duration` before `instant`, moved back to a working day so a reminder never lands on a holiday. */
export function remindBefore(
  calendar: Calendar,
  instant: number,
  durationText: string,
  workingDaysOnly: boolean,
): number {
  const d = parseDuration(durationText);
  const fixed = fixedDurationMs(d);
  let at: number;
  if (d.unit === 'd' || d.unit === 'w')
    at = subDays(new TZDate(instant, timeZone), d.amount * (d.unit === 'w' ? 7 : 1)).getTime();
  else if (fixed !== undefined) at = instant - fixed;
  else if (d.unit === 'mo') at = addMonths(new TZDate(instant, timeZone), -d.amount).getTime();
  else {
    let local = new TZDate(instant, timeZone);
    for (let left = d.amount; left > 0;) {
      local = subDays(local, 1);
      if (!workingDaysOnly || calendar.isWorkingDay(local.getTime())) left--;
    }
    at = local.getTime();
  }
  if (!workingDaysOnly) return at;
  let local = new TZDate(at, timeZone);
  for (let guard = 0; guard < 30 && !calendar.isWorkingDay(local.getTime()); guard++)
    local = subDays(local, 1);
  return local.getTime();
}

/** Occurrences every `every` from `start` (exclusive) up to and including `end`. */
export function cadence(calendar: Calendar, start: number, end: number, every: string, max = 400): number[] {
  const out: number[] = [];
  let at = calendar.add(start, every);
  for (let n = 1; at <= end && out.length < max; n++) {
    out.push(at);
    at = calendar.add(start, multiply(every, n + 1));
  }
  return out;
}

/** `3mo` × 2 = `6mo`: adding multiples to the start avoids month-end drift (Jan 31 → Feb 28 → Mar 28). */
function multiply(every: string, n: number): string {
  const d = parseDuration(every);
  return `${d.amount * n}${d.unit}`;
}

/** The same date one year later (29 February becomes 28 February); keeps the time part of a date-time. */
export function shiftOneYear(text: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})(.*)$/.exec(text);
  if (!match) return text;
  const [, y, m, d, rest] = match as unknown as [string, string, string, string, string];
  const day = m === '02' && d === '29' ? '28' : d;
  return `${Number(y) + 1}-${m}-${day}${rest}`;
}
