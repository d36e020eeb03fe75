/**
 * The emails the browser workspace can forward: the bundled samples (samples/emails/, dates
 * relative to today) and pasted text, read into what Slack's email file carries.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { TZDate } from '@date-fns/tz';
import {
  type EmailSample,
  type EmailSource,
  type ForwardableEmail,
  UnknownSampleError,
} from '@deckhand/slack-standin';
import { addDays, format } from 'date-fns';
import PostalMime from 'postal-mime';
import { htmlToText } from '../intake/html-text.ts';
import { PACKAGE_ROOT } from '../package-root.ts';

export const SAMPLES_DIR = join(PACKAGE_ROOT, 'samples', 'emails');

/** `{{+Nd FORMAT}}`: N days after today (in `zone`), formatted with date-fns. */
const DATE_TOKEN = /\{\{\+(\d{1,3})d ([^}]{1,40})\}\}/g;

/** A sample with its date tokens filled in for `now` in the tenant's zone. */
export function fillSampleDates(text: string, now: Date, zone: string): string {
  const today = new TZDate(now.getTime(), zone);
  return text.replace(DATE_TOKEN, (_token, days: string, pattern: string) =>
    format(addDays(today, Number(days)), pattern),
  );
}

/** The sample files, by name (sorted), with their subjects as forwarded today. */
export async function listSamples(now: Date, zone: string): Promise<EmailSample[]> {
  const names = (await readdir(SAMPLES_DIR)).filter((n) => n.endsWith('.eml')).sort();
  return Promise.all(
    names.map(async (name) => ({
      name,
      subject: (await readSample(name, now, zone)).subject,
    })),
  );
}

/** One sample, read as an email; UnknownSampleError when there is no sample of that name. */
export async function readSample(name: string, now: Date, zone: string): Promise<ForwardableEmail> {
  // Only names listed in the folder: never a path from the request.
  const names = (await readdir(SAMPLES_DIR)).filter((n) => n.endsWith('.eml'));
  if (!names.includes(name)) throw new UnknownSampleError(name, names);
  const raw = await readFile(join(SAMPLES_DIR, name), 'utf8');
  return readEmailText(fillSampleDates(raw, now, zone), now);
}

export { UnknownSampleError };

const HEADER_LINE = /^[A-Za-z][A-Za-z0-9-]*:[ \t]/;
/** Headers only a whole message has: "Date: June 2" atop a pasted body does not make it one. */
const MESSAGE_HEADER = /^(?:from|subject|received|mime-version|message-id|return-path):/im;

/** True when `text` opens with a header block (header lines up to a blank line) of a message. */
function isWholeMessage(text: string): boolean {
  const end = text.search(/\r?\n\r?\n/);
  if (end === -1) return false;
  const lines = text.slice(0, end).split(/\r?\n/);
  return (
    lines.every((line) => HEADER_LINE.test(line) || /^[ \t]/.test(line)) &&
    HEADER_LINE.test(lines[0] ?? '') &&
    lines.some((line) => MESSAGE_HEADER.test(line))
  );
}

/**
 * Pasted text or a whole .eml as the email Slack would file: an .eml (it starts with header
 * lines) is read with postal-mime, its HTML turned to text; anything else is the body itself.
 */
export async function readEmailText(text: string, now: Date): Promise<ForwardableEmail> {
  const fallbackDate = now.toUTCString();
  if (isWholeMessage(text)) {
    const email = await PostalMime.parse(text);
    const plainText = email.text?.trim() ? email.text : email.html ? htmlToText(email.html) : '';
    const from = email.from
      ? email.from.name
        ? `${email.from.name} <${email.from.address ?? ''}>`
        : (email.from.address ?? '')
      : 'Forwarded by you <you@example.com>';
    return {
      subject: email.subject ?? '(no subject)',
      from,
      plainText,
      date: email.date ? new Date(email.date).toUTCString() : fallbackDate,
    };
  }
  return {
    subject: 'Fwd: booking',
    from: 'Forwarded by you <you@example.com>',
    plainText: text,
    date: fallbackDate,
  };
}

/** The stand-in page's "forward an email": deckhand's samples, dated in the tenant's zone. */
export function sampleEmails(zone: string): EmailSource {
  return {
    list: (now) => listSamples(now, zone),
    read: (name, now) => readSample(name, now, zone),
    parse: readEmailText,
  };
}
