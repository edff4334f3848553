import Holidays from 'date-holidays';
import type { WorkingCalendar } from '../domain/calendar';

/**
 * date-holidays marks Swedish public holidays as `public` and the eves that are de facto free
 * (midsommarafton, julafton, nyårsafton) as `bank`; half days such as valborgsmässoafton are
 * `optional` and stay working days.
 */
const nonWorkingTypes = new Set(['public', 'bank']);

/** Swedish non-working days (besides weekends) for the given years, as local Stockholm dates. */
export function swedishNonWorkingDays(years: readonly number[]): string[] {
  const holidays = new Holidays('SE', { timezone: 'Europe/Stockholm' });
  const days = new Set<string>();
  for (const year of new Set(years)) {
    if (!Number.isInteger(year) || year < 1900 || year > 2200)
      throw new Error(`Not a calendar year: ${year}`);
    for (const holiday of holidays.getHolidays(year)) {
      // `date` is the local date-time in the country's zone: "2027-06-25 00:00:00".
      if (nonWorkingTypes.has(holiday.type)) days.add(holiday.date.slice(0, 10));
    }
  }
  return [...days].sort();
}

export async function workingCalendar(years: number[]): Promise<Pick<WorkingCalendar, 'nonWorkingDays'>> {
  return { nonWorkingDays: swedishNonWorkingDays(years) };
}
