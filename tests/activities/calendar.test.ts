import { Calendar, toInstant } from '../../domain/calendar';
import { swedishNonWorkingDays, workingCalendar } from '../../activities/calendar';

describe('workingCalendar (Swedish non-working days)', () => {
  const days2027 = swedishNonWorkingDays([2027]);

  it.each([
    ['2027-01-01', 'nyårsdagen'],
    ['2027-01-06', 'trettondedag jul'],
    ['2027-03-26', 'långfredagen'],
    ['2027-03-29', 'annandag påsk'],
    ['2027-05-01', 'första maj'],
    ['2027-05-06', 'Kristi himmelsfärdsdag'],
    ['2027-06-06', 'nationaldagen'],
    ['2027-06-25', 'midsommarafton'],
    ['2027-06-26', 'midsommardagen'],
    ['2027-11-06', 'alla helgons dag'],
    ['2027-12-24', 'julafton'],
    ['2027-12-25', 'juldagen'],
    ['2027-12-26', 'annandag jul'],
    ['2027-12-31', 'nyårsafton'],
  ])('%s (%s) is not a working day', (date) => {
    expect(days2027).toContain(date);
  });

  it.each([
    ['2027-04-30', 'valborgsmässoafton is a half day, still working'],
    ['2027-03-25', 'skärtorsdagen'],
    ['2027-05-17', 'annandag pingst stopped being a holiday in 2005'],
    ['2027-06-24', 'the day before midsommarafton'],
  ])('%s (%s) is a working day', (date) => {
    expect(days2027).not.toContain(date);
  });

  it('covers several years, sorted, without duplicates', async () => {
    const { nonWorkingDays } = await workingCalendar([2028, 2027, 2027]);
    expect(nonWorkingDays).toEqual([...new Set(nonWorkingDays)].sort());
    expect(nonWorkingDays).toContain('2028-06-23'); // midsommarafton 2028
    expect(nonWorkingDays).toContain('2028-04-17'); // annandag påsk 2028
    expect(nonWorkingDays.filter((d) => d.startsWith('2027'))).toEqual(days2027);
  });

  it('moves a deadline on midsommarafton over the weekend to Monday', () => {
    const calendar = new Calendar({ nonWorkingDays: days2027, workingDaysOnly: true });
    const due = calendar.toWorkingDay(toInstant('2027-06-25T10:00:00+02:00'));
    expect(calendar.localDate(due)).toBe('2027-06-28');
  });

  it('rejects a nonsense year', () => {
    expect(() => swedishNonWorkingDays([Number.NaN])).toThrow(/calendar year/);
  });
});
