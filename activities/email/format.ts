import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns';
import { enGB, sv } from 'date-fns/locale';
import { timeZone } from '../../domain/calendar';

export type Language = 'sv' | 'en';

const isBareDate = (text: string): boolean => /^\d{4}-\d{2}-\d{2}$/.test(text);

function local(text: string): TZDate {
  if (isBareDate(text)) {
    const [y, m, d] = text.split('-').map(Number) as [number, number, number];
    return new TZDate(y, m - 1, d, timeZone);
  }
  const ms = Date.parse(text);
  if (Number.isNaN(ms)) throw new Error(`Not a date: "${text}"`);
  return new TZDate(ms, timeZone);
}

/** "fredag 25 juni 2027 kl. 12.00" / "Friday 25 June 2027 at 12:00", in Stockholm time; bare dates without a time. */
export function formatWhen(text: string, lang: Language): string {
  const date = local(text);
  if (lang === 'sv')
    return format(date, isBareDate(text) ? 'EEEE d MMMM yyyy' : "EEEE d MMMM yyyy 'kl.' HH.mm", {
      locale: sv,
    });
  return format(date, isBareDate(text) ? 'EEEE d MMMM yyyy' : "EEEE d MMMM yyyy 'at' HH:mm", {
    locale: enGB,
  });
}

/** "25 juni 2027" / "25 June 2027". */
export function formatDay(text: string, lang: Language): string {
  return format(local(text), 'd MMMM yyyy', { locale: lang === 'sv' ? sv : enGB });
}

/** The local Stockholm calendar date of a date or date-time, as YYYY-MM-DD. */
export const localDate = (text: string): string => format(local(text), 'yyyy-MM-dd');

export { isBareDate };
