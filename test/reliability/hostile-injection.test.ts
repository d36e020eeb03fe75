/**
 * A booking whose renter-typed fields carry HTML/script, attribute breakouts, CRLF sequences
 * that would add email headers or ICS properties, and javascript: URLs, run through the whole
 * pipeline on a running runtime. Every surface it reaches is then read as a client would:
 * the guest page, the crew page, the crew magic-link page, the guest .ics, the calendar's ICS
 * feed and the crew emails in the outbox. Then slug and path tricks against the page site.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Booking } from '../../src/bookings/booking.ts';
import { parseIntake } from '../../src/intake/parse-intake.ts';
import { approveBooking } from '../../src/pipeline/book-from-intake.ts';
import { runPipeline } from '../../src/pipeline/run-pipeline.ts';
import { feedSecretFor, loadLocalSecrets } from '../../src/runtime/local-secrets.ts';
import { type Harness, startHarness } from '../support/pipeline-harness.ts';

/** CRLF followed by what would be a new header or a new ICS property if it got through. */
const CRLF_HEADER = '\r\nBcc: evil@evil.example\r\nX-Evil: 1';
const CRLF_ICS = '\r\nATTENDEE:mailto:evil@evil.example\nBEGIN:VALARM';
const HTML = '<script>alert(1)</script>"><img src=x onerror=alert(2)>\'><svg/onload=alert(3)>';

let h: Harness;
let booking: Booking;

beforeAll(async () => {
  h = await startHarness();
  const intake = await parseIntake('June 2 9am 3h $840.75 for Sam Lee party of 4 #INJECT01', {
    now: new Date('2026-11-26T15:00:00Z'),
    timeZone: h.tenant.timezone,
    source: 'command',
  });
  ({ booking } = await approveBooking(
    h.runtime.store,
    h.tenant,
    {
      ...intake,
      guestName: `Sam ${HTML}${CRLF_HEADER}`,
      listingName: `Sea Breeze ${HTML}${CRLF_HEADER}${CRLF_ICS}`,
      departure: `javascript:alert(4)//${HTML}${CRLF_ICS}`,
      renterNote: `</textarea></p>${HTML}${CRLF_ICS}`,
    },
    { now: new Date() },
  ));
  await runPipeline(h.tenant, booking.bookingId, h.runtime.deps);
});
afterAll(async () => {
  await h?.close();
});

const text = async (path: string) => {
  const response = await fetch(`${h.runtime.httpUrl}${path}`);
  expect(response.status, path).toBe(200);
  return response.text();
};

/** No markup from the input survives as markup. */
function expectInertHtml(html: string, where: string): void {
  for (const live of [
    '<script>alert',
    '<img src=x',
    '<svg/onload',
    'onerror=alert',
    'href="javascript:',
    "href='javascript:",
    '</textarea></p><script',
  ])
    expect(html, `${where}: ${live}`).not.toContain(live);
  expect(html, `${where}: the escaped form is shown`).toContain('&lt;script&gt;');
}

/** Every line of an ICS body is a property or a fold; no injected property or component. */
function expectInertIcs(ics: string, where: string): void {
  expect(ics.endsWith('\r\n'), where).toBe(true);
  const lines = ics.slice(0, -2).split('\r\n');
  for (const line of lines) {
    expect(line, `${where}: bare LF`).not.toMatch(/[\r\n]/);
    expect(line, `${where}: not a property or fold`).toMatch(/^(?:[A-Z][A-Z0-9-]*[;:]| )/);
  }
  const unfolded = ics.replace(/\r\n /g, '');
  expect(unfolded, where).not.toMatch(/^ATTENDEE/m);
  expect(unfolded.match(/^BEGIN:/gm)?.every((l) => l === 'BEGIN:')).toBe(true);
  expect(unfolded, where).not.toMatch(/^BEGIN:VALARM/m);
}

describe('HTML and script in names and notes', () => {
  it('guest page, crew page and crew link page show them as text', async () => {
    expectInertHtml(await text(`/g/${booking.guestSlug}`), 'guest page');
    expectInertHtml(await text(`/c/${booking.crewSlug}`), 'crew page');
    const outbox = join(h.dataDir, 'outbox');
    const mail = readFileSync(join(outbox, readdirSync(outbox)[0] as string), 'utf8');
    const link = /https?:\/\/[^/\s]+(\/crew\/[^\s]+)/.exec(mail.replace(/=\r?\n/g, ''))?.[1];
    expectInertHtml(await text(link as string), 'crew link page');
  });
});

describe('CRLF in header-bound and line-bound values', () => {
  it('the guest .ics and the calendar feed keep every value on its own property', async () => {
    const secrets = await loadLocalSecrets(h.dataDir);
    const feedPath = `/calendar/${h.tenant.calendarId}/${feedSecretFor(secrets, h.tenant.calendarId)}.ics`;
    const guestIcs = await text(`/g/${booking.guestSlug}.ics`);
    const feed = await text(feedPath);
    expectInertIcs(guestIcs, 'guest .ics');
    expectInertIcs(feed, 'calendar feed');
    expect(guestIcs.replace(/\r\n /g, '')).toContain('Sea Breeze');
  });

  it('crew emails carry no injected header, and the boat name stays in the subject', async () => {
    const outbox = join(h.dataDir, 'outbox');
    const files = readdirSync(outbox);
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) {
      const raw = readFileSync(join(outbox, file), 'utf8');
      const headerEnd = raw.indexOf('\r\n\r\n');
      const headers = raw.slice(0, headerEnd);
      // Continuation lines start with white space; every other line is a header we wrote.
      const names = headers
        .split('\r\n')
        .filter((line) => !/^[ \t]/.test(line))
        .map((line) => line.slice(0, line.indexOf(':')).toLowerCase());
      expect(names, file).not.toContain('bcc');
      expect(names, file).not.toContain('x-evil');
      expect(new Set(names).size, `${file}: a header twice`).toBe(names.length);
      expect(headers, file).toMatch(/^Subject: /m);
      // No bare CR or LF anywhere in the header block.
      expect(headers.replace(/\r\n/g, ''), file).not.toMatch(/[\r\n]/);
    }
  });
});

describe('slug and path tricks against the page site', () => {
  it('serves a page only at its canonical path, never the crew page through a guest slug', async () => {
    const get = async (path: string) => (await fetch(`${h.runtime.httpUrl}${path}`)).status;
    const { guestSlug, crewSlug } = booking;
    const paths: [string, number][] = [
      [`/g/${guestSlug}`, 200],
      [`/g/${guestSlug.toLowerCase()}`, 200],
      [`/g/${crewSlug}`, 404],
      [`/c/${guestSlug}`, 404],
      [`/g/${guestSlug}%2F..%2Fc%2F${crewSlug}`, 404],
      [`/g/..%2Fc%2F${crewSlug}`, 404],
      // URL parsing reads %2e%2e as "..": this is /c/<crew slug>, the crew page's own address.
      [`/g/%2e%2e/c/${crewSlug}`, 200],
      [`/g/${guestSlug}%00.html`, 404],
      [`/g/${guestSlug}.html%0d%0aX-Evil:%201`, 404],
      [`/g/${crewSlug}.ics`, 404],
      [`/c/${crewSlug}.ics`, 404],
      ['/g/', 404],
      ['/g/..', 404],
      [`/g/${'A'.repeat(5000)}`, 404],
      [`/g/${guestSlug}/../../c/${crewSlug}`, 200], // fetch resolves it to /c/<crew slug>: its own page
    ];
    const results = await Promise.all(paths.map(async ([path]) => [path, await get(path)]));
    expect(results).toEqual(paths);
  });
});
