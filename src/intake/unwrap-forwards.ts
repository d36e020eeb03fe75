/**
 * Forwarded wrappers (Gmail, Outlook, Apple Mail, Thunderbird, reply quotes) are peeled off
 * down to the innermost message. The forwarder's own note and the forward header's Date and
 * From are never taken for booking fields; the inner Subject and Date are kept, because the
 * inner Date places a date written without a year.
 */

const MARKERS: readonly RegExp[] = [
  /^[ \t>]*-{2,}[ \t]*(?:forwarded message|original message|forwarded e-?mail)[ \t]*-{2,}[ \t]*$/im,
  /^[ \t>]*begin forwarded message:?[ \t]*$/im,
  // Outlook: a rule, then a From:/Sent: block.
  /^[ \t>]*_{10,}[ \t]*\n(?=[ \t>]*from:)/im,
  // Outlook without a rule, and pasted headers: From:, then Sent:/Date:, then Subject:. A
  // booking's own "From: <marina>" / "Date: <trip>" lines have no Subject: after them.
  /^(?=[ \t>]*from:[^\n]{1,300}\n(?:[^\n]{0,300}\n)?[ \t>]*(?:sent|date):[^\n]{0,300}\n(?:[^\n]{0,300}\n){0,3}[ \t>]*subject:)/im,
  /^[ \t>]*on [^\n]{5,200}wrote:[ \t]*$/im,
];

const HEADER_LINE = /^[ \t>]*(from|date|sent|subject|to|cc|reply-to)[ \t]*:[ \t]*(.*)$/i;

export interface UnwrappedMessage {
  body: string;
  subject: string | undefined;
  sentAt: string | undefined;
  /** How many wrappers were removed. */
  depth: number;
}

function firstMarker(text: string): { index: number; end: number } | undefined {
  let best: { index: number; end: number } | undefined;
  for (const marker of MARKERS) {
    const m = marker.exec(text);
    if (m && (best === undefined || m.index < best.index))
      best = { index: m.index, end: m.index + m[0].length };
  }
  return best;
}

function stripQuoting(text: string): string {
  const lines = text.split('\n');
  const nonEmpty = lines.filter((l) => l.trim() !== '');
  const quoted = nonEmpty.filter((l) => /^[ \t]*>/.test(l));
  if (nonEmpty.length === 0 || quoted.length / nonEmpty.length < 0.6) return text;
  return lines.map((l) => l.replace(/^[ \t]*> ?/, '')).join('\n');
}

/**
 * Removes forward wrappers, innermost message last.
 *
 * @example unwrapForwards('FYI\n---------- Forwarded message ---------\nSubject: Booking\n\nBody').body // 'Body'
 */
export function unwrapForwards(text: string, maxDepth = 10): UnwrappedMessage {
  let body = text;
  let subject: string | undefined;
  let sentAt: string | undefined;
  let depth = 0;
  while (depth < maxDepth) {
    const marker = firstMarker(body);
    if (!marker) break;
    const lines = body.slice(marker.end).replace(/^\n/, '').split('\n');
    let i = 0;
    while (i < lines.length && (lines[i] ?? '').trim().replace(/^>+/, '').trim() === '') i += 1;
    let sawHeader = false;
    let innerSubject: string | undefined;
    let innerDate: string | undefined;
    for (; i < lines.length; i += 1) {
      const line = lines[i] ?? '';
      const header = HEADER_LINE.exec(line);
      if (header) {
        sawHeader = true;
        const name = (header[1] ?? '').toLowerCase();
        const value = (header[2] ?? '').trim();
        if (name === 'subject') innerSubject = value;
        if (name === 'date' || name === 'sent') innerDate = value;
        continue;
      }
      if (line.replace(/^[ \t>]*/, '').trim() === '') {
        if (sawHeader) break;
        continue;
      }
      // A wrapped header value (long subjects) continues on an indented line.
      if (sawHeader && /^[ \t>]*[ \t]+\S/.test(line) && innerSubject !== undefined) {
        innerSubject = `${innerSubject} ${line.replace(/^[ \t>]*/, '').trim()}`;
        continue;
      }
      break;
    }
    body = stripQuoting(lines.slice(i).join('\n'));
    subject = innerSubject ?? subject;
    sentAt = innerDate ?? sentAt;
    depth += 1;
  }
  return { body, subject, sentAt, depth };
}
