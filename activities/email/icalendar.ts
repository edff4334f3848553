/**
 * The few parts of iCalendar (RFC 5545) an invite needs: escaped text, quoted parameters, UTC and
 * date values, and lines folded at 75 octets. Written here rather than through ical-generator 10,
 * whose line folding constructs a TextEncoder per character (0.57 ms per invite; the top of the
 * worker's main thread in a CPU profile of the national year); its fixed release needs Node 22.
 */

/** TEXT values: backslash, semicolon, comma and line breaks escaped (§3.3.11). */
export const text = (value: string): string =>
  value.replace(/[\\;,]/g, (c) => `\\${c}`).replace(/\r\n|\r|\n/g, '\\n');

/** A quoted parameter value; characters a parameter cannot hold are written as RFC 6868 escapes. */
export const param = (value: string): string =>
  `"${value.replace(/[\^"]|\r\n|\r|\n/g, (c) => (c === '^' ? '^^' : c === '"' ? "^'" : '^n'))}"`;

const two = (n: number): string => String(n).padStart(2, '0');

/** A DATE-TIME in UTC: 20270701T060000Z. */
export const utc = (at: Date): string =>
  `${at.getUTCFullYear()}${two(at.getUTCMonth() + 1)}${two(at.getUTCDate())}T` +
  `${two(at.getUTCHours())}${two(at.getUTCMinutes())}${two(at.getUTCSeconds())}Z`;

/** A DATE from a calendar date's UTC midnight: 20270310. */
export const date = (day: Date): string =>
  `${day.getUTCFullYear()}${two(day.getUTCMonth() + 1)}${two(day.getUTCDate())}`;

const octets = (code: number): number => (code < 0x80 ? 1 : code < 0x800 ? 2 : code > 0xffff ? 4 : 3);

/** Folds one content line so no line exceeds 75 octets, never inside a character (§3.1). */
export function fold(line: string): string {
  if (line.length <= 75 && !/[^ -~]/.test(line)) return line;
  let out = '';
  let used = 0;
  for (const char of line) {
    const size = octets(char.codePointAt(0)!);
    if (used + size > 75) {
      out += '\r\n ';
      used = 1;
    }
    out += char;
    used += size;
  }
  return out;
}

/** Content lines joined with CRLF, each folded. */
export const lines = (content: string[]): string => content.map(fold).join('\r\n');
