/**
 * RFC 5545 text helpers shared by the guest's .ics and the calendar feed: UTC date-times, TEXT
 * escaping and line folding.
 */

export const CRLF = '\r\n';
const MAX_LINE_OCTETS = 75;

/** "2026-05-30T16:00:00.000Z" → "20260530T160000Z" (a DATE-TIME in UTC, seconds precision). */
export function formatIcsUtc(instant: Date): string {
  if (Number.isNaN(instant.getTime())) throw new RangeError('not a valid date');
  return instant
    .toISOString()
    .replace(/\.\d{3}Z$/, 'Z')
    .replace(/[-:]/g, '');
}

/**
 * Escapes a TEXT value (RFC 5545 §3.3.11): backslash, semicolon and comma get a backslash, a
 * line break becomes `\n`. Other control characters are not allowed in TEXT and are dropped.
 */
export function escapeIcsText(text: string): string {
  return (
    text
      // biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point.
      .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '')
      .replace(/\\/g, '\\\\')
      .replace(/;/g, '\\;')
      .replace(/,/g, '\\,')
      .replace(/\r\n|\r|\n/g, '\\n')
  );
}

/**
 * Folds one content line (RFC 5545 §3.1): every physical line is at most 75 octets and each
 * continuation starts with one space. Cuts fall between whole code points and never inside an
 * escape such as `\,`, so even a careless reader that unfolds badly gets whole characters.
 */
export function foldIcsLine(line: string): string {
  const units = line.match(/\\.|[\s\S]/gu) ?? [];
  const lines: string[] = [];
  let current = '';
  let octets = 0;
  for (const unit of units) {
    const size = Buffer.byteLength(unit, 'utf8');
    if (octets + size > MAX_LINE_OCTETS) {
      lines.push(current);
      current = ' ';
      octets = 1;
    }
    current += unit;
    octets += size;
  }
  lines.push(current);
  return lines.join(CRLF);
}
