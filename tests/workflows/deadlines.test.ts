import { swedishNonWorkingDays } from '../../activities/calendar';
import { Calendar } from '../../domain/calendar';
import { cadence, dueInstant, remindBefore, shiftOneYear } from '../../domain/deadlines';

const calendar = new Calendar({ nonWorkingDays: swedishNonWorkingDays([2027]), workingDaysOnly: true });
const local = (ms: number) => new Date(ms).toLocaleString('sv-SE', { timeZone: 'Europe/Stockholm' });

describe('deadlines on the Swedish calendar', () => {
  it('a date-only entry falls due at 08:00 Stockholm time', () => {
    expect(local(dueInstant('2027-03-10'))).toBe('2027-03-10 08:00:00');
    expect(local(dueInstant('2027-07-10'))).toBe('2027-07-10 08:00:00');
  });

  it('moves a due date on midsummer eve or a Saturday to the next working day', () => {
    expect(local(calendar.toWorkingDay(dueInstant('2027-06-25')))).toBe('2027-06-28 08:00:00');
    expect(local(calendar.toWorkingDay(dueInstant('2027-03-13')))).toBe('2027-03-15 08:00:00');
  });

  it('moves a reminder back to the previous working day, never onto a holiday', () => {
    // Five days before Wednesday 30 June is Friday 25 June, midsummer eve: the reminder comes on Thursday.
    expect(local(remindBefore(calendar, dueInstant('2027-06-30'), '5d', true))).toBe('2027-06-24 08:00:00');
    expect(local(remindBefore(calendar, dueInstant('2027-03-17'), '2wd', true))).toBe('2027-03-15 08:00:00');
    expect(local(remindBefore(calendar, dueInstant('2027-03-17'), '30m', false))).toBe('2027-03-17 07:30:00');
  });

  it('counts a cadence from the start without month-end drift', () => {
    const start = dueInstant('2027-01-31');
    const at = cadence(
      new Calendar({ nonWorkingDays: [], workingDaysOnly: false }),
      start,
      dueInstant('2027-06-30'),
      '1mo',
    ).map((ms) => local(ms).slice(0, 10));
    expect(at).toEqual(['2027-02-28', '2027-03-31', '2027-04-30', '2027-05-31', '2027-06-30']);
  });

  it('shifts absolute dates one year for the next cycle', () => {
    expect(shiftOneYear('2027-01-01')).toBe('2028-01-01');
    expect(shiftOneYear('2028-02-29')).toBe('2029-02-28');
    expect(shiftOneYear('2027-05-01T10:00:00Z')).toBe('2028-05-01T10:00:00Z');
  });
});
