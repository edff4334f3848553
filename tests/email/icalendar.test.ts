import ical from 'node-ical';
import { renderInvite } from '../../activities/email/calendar-invite';
import { fold, param, text } from '../../activities/email/icalendar';

const octets = (s: string): number => Buffer.byteLength(s, 'utf8');
const unfold = (s: string): string => s.replace(/\r\n /g, '');

const invite = (summary: string, description: string, attendeeName = 'Åsa Öberg') =>
  renderInvite({
    subject: {
      uid: 'promise-cycle-0183-2027.activity.a1.end@promise-cycle.local',
      summary,
      at: '2027-07-01T06:00:00.000Z',
      minutes: 30,
    },
    sequence: 3,
    description,
    url: 'https://kommun.example.se/t/abc.def',
    organizer: { name: 'Medborgarlöften, Sundbyberg', email: 'noreply@example.se' },
    attendee: { name: attendeeName, email: 'asa.oberg@example.se', role: 'staff' },
    language: 'sv',
  });

describe('iCalendar serialisation', () => {
  it('folds lines at 75 octets without splitting a character, and unfolds to the original', () => {
    const line = `SUMMARY:${'Trygghetsvandring i Rissne centrum med föräldrar och fältassistenter 🚶 '.repeat(4)}`;
    const folded = fold(line);
    const parts = folded.split('\r\n');
    expect(parts.length).toBeGreaterThan(3);
    for (const part of parts) expect(octets(part)).toBeLessThanOrEqual(75);
    expect(parts.slice(1).every((p) => p.startsWith(' '))).toBe(true);
    expect(unfold(folded)).toBe(line);
    expect(folded).not.toContain('\uFFFD');
    expect(fold('DTSTART:20270701T060000Z')).toBe('DTSTART:20270701T060000Z');
  });

  it('escapes text and parameter values', () => {
    expect(text('a;b,c\\d\ne')).toBe('a\\;b\\,c\\\\d\\ne');
    expect(param('Karin "KK" Holm')).toBe(`"Karin ^'KK^' Holm"`);
  });

  it('writes an invite a calendar parser reads back exactly', () => {
    const summary =
      'Genomför och rapportera: Bättre belysning; vid resecentrum, och längre än en rad kan bära';
    const description =
      'Cykel: Sundbyberg 2027.\nÖppna: https://kommun.example.se/t/abc.def\n"Citat" \\ slut';
    const ics = invite(summary, description);
    for (const line of ics.split('\r\n')) expect(octets(line)).toBeLessThanOrEqual(75);
    expect(ics.endsWith('END:VCALENDAR\r\n')).toBe(true);
    const events = Object.values(ical.sync.parseICS(ics)).filter(
      (c): c is ical.VEvent => c?.type === 'VEVENT',
    );
    expect(events).toHaveLength(1);
    const event = events[0]!;
    expect(event.summary).toBe(summary);
    expect(event.description).toBe(description);
    expect(event.uid).toBe('promise-cycle-0183-2027.activity.a1.end@promise-cycle.local');
    expect(Number(event.sequence)).toBe(3);
    expect(event.start.toISOString()).toBe('2027-07-01T06:00:00.000Z');
    expect(event.end?.toISOString()).toBe('2027-07-01T06:30:00.000Z');
    expect(event.url).toMatchObject({ val: 'https://kommun.example.se/t/abc.def' });
    expect(event.organizer).toMatchObject({
      params: { CN: 'Medborgarlöften, Sundbyberg' },
      val: 'mailto:noreply@example.se',
    });
    expect(event.attendee).toMatchObject({
      params: { CN: 'Åsa Öberg', RSVP: false },
      val: 'mailto:asa.oberg@example.se',
    });
  });
});
