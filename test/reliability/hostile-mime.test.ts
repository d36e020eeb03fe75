/**
 * Hostile email structure through parseIntake, each with a time and memory bound: 10 MB emails
 * (refused with a clear message), a 4.9 MB one with a large attachment (read), deep multipart
 * nesting, deep message/rfc822 nesting (forwards of forwards), thousands of sibling parts, huge
 * headers, and malformed or unknown charsets and encodings.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.ts';
import type { IntakeResult } from '../../src/intake/intake-result.ts';
import { MAX_INPUT_BYTES, parseIntake } from '../../src/intake/parse-intake.ts';

const OPTIONS = { now: new Date('2026-11-26T15:00:00Z'), timeZone: 'America/Los_Angeles' };
const BOOKING_TEXT = [
  'Booking ID: 90412776',
  'Listing: Sea Breeze',
  'Date: June 2, 2027',
  'Time: 10:00 AM - 1:00 PM',
  'Guests: 4',
  'Renter: Sam Lee',
  'Total: $840.75',
].join('\r\n');
const HEAD =
  'From: Boatsetter <notifications@boatsetter.example.com>\r\nTo: ops@example.com\r\nSubject: Booking confirmed\r\nDate: Thu, 26 Nov 2026 07:00:00 -0800\r\nMIME-Version: 1.0\r\n';

interface Measured {
  outcome: IntakeResult | InputError;
  ms: number;
  heapMb: number;
}

async function measure(input: string | Uint8Array): Promise<Measured> {
  globalThis.gc?.();
  const heapBefore = process.memoryUsage().heapUsed;
  let peak = heapBefore;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().heapUsed);
  }, 5);
  const started = performance.now();
  let outcome: IntakeResult | InputError;
  try {
    outcome = await parseIntake(input, OPTIONS);
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    outcome = error;
  }
  const ms = performance.now() - started;
  clearInterval(sampler);
  peak = Math.max(peak, process.memoryUsage().heapUsed);
  return { outcome, ms, heapMb: Math.round((peak - heapBefore) / 1024 / 1024) };
}

const report: Record<string, { ms: number; heapMb: number; outcome: string }> = {};
function record(name: string, m: Measured): void {
  report[name] = {
    ms: Math.round(m.ms),
    heapMb: m.heapMb,
    outcome: m.outcome instanceof InputError ? `refused: ${m.outcome.code}` : m.outcome.kind,
  };
}

// Printed for docs/RELIABILITY.md; each test asserts its own bounds.
afterAll(() => {
  console.info('hostile MIME:', JSON.stringify(report, null, 1));
});

function multipart(depth: number, leaf: string): string {
  let body = `Content-Type: text/plain; charset=utf-8\r\n\r\n${leaf}\r\n`;
  for (let i = depth; i > 0; i--) {
    body = `Content-Type: multipart/mixed; boundary="b${i}"\r\n\r\n--b${i}\r\n${body}--b${i}--\r\n`;
  }
  return `${HEAD}${body}`;
}

function forwardedRfc822(depth: number): string {
  let message = `${HEAD}Content-Type: text/plain\r\n\r\n${BOOKING_TEXT}\r\n`;
  for (let i = 0; i < depth; i++) {
    message = `${HEAD}Content-Type: multipart/mixed; boundary="f${i}"\r\n\r\n--f${i}\r\nContent-Type: text/plain\r\n\r\nFwd\r\n--f${i}\r\nContent-Type: message/rfc822\r\n\r\n${message}\r\n--f${i}--\r\n`;
  }
  return message;
}

describe('email size', () => {
  it('refuses a 10 MB email at once, saying the limit and what to send instead', async () => {
    const attachment = Buffer.alloc(10 * 1024 * 1024, 'A')
      .toString('base64')
      .slice(0, 10 * 1024 * 1024);
    const raw = `${HEAD}Content-Type: multipart/mixed; boundary=x\r\n\r\n--x\r\nContent-Type: text/plain\r\n\r\n${BOOKING_TEXT}\r\n--x\r\nContent-Type: image/jpeg\r\nContent-Transfer-Encoding: base64\r\n\r\n${attachment}\r\n--x--\r\n`;
    const m = await measure(new TextEncoder().encode(raw));
    record('10 MB email', m);

    expect(m.outcome).toBeInstanceOf(InputError);
    expect((m.outcome as InputError).code).toBe('input_too_large');
    expect((m.outcome as InputError).message).toMatch(/limit is 5 MB/);
    expect((m.outcome as InputError).hint).toMatch(/without large attachments/);
    expect(m.ms).toBeLessThan(1_000);
  });

  it('reads a 4.9 MB email with a large attachment within bounds', async () => {
    const size = MAX_INPUT_BYTES - 100 * 1024;
    const b64 = Buffer.alloc(Math.floor((size * 3) / 4) - 4096, 7)
      .toString('base64')
      .replace(/.{76}/g, '$&\r\n');
    const raw = `${HEAD}Content-Type: multipart/mixed; boundary=x\r\n\r\n--x\r\nContent-Type: text/plain\r\n\r\n${BOOKING_TEXT}\r\n--x\r\nContent-Type: application/pdf\r\nContent-Transfer-Encoding: base64\r\n\r\n${b64}\r\n--x--\r\n`;
    const m = await measure(raw.slice(0, MAX_INPUT_BYTES));
    record('4.9 MB email', m);

    expect(m.outcome).not.toBeInstanceOf(InputError);
    expect((m.outcome as IntakeResult).guestName).toBe('Sam Lee');
    expect(m.ms).toBeLessThan(10_000);
    expect(m.heapMb).toBeLessThan(400);
  });
});

describe('structure', () => {
  it('deep multipart nesting (1,000 levels) is refused or read, quickly', async () => {
    const m = await measure(multipart(1_000, BOOKING_TEXT));
    record('multipart nested 1,000 deep', m);
    expect(m.ms).toBeLessThan(5_000);
    if (m.outcome instanceof InputError) expect(m.outcome.code).toBe('unreadable_email');
  });

  it.each([
    [10, /levels deep were not read/],
    [240, /none of them was read/],
    [2_000, /none of them was read/],
    [16_000, /none of them was read/],
  ])(
    'forwards of forwards (message/rfc822 nested %i deep) stay bounded',
    async (depth, warning) => {
      // Before the bounds in read-mime.ts, 240 levels (50 KB) took 11 s.
      const raw = forwardedRfc822(depth);
      expect(raw.length).toBeLessThan(MAX_INPUT_BYTES);
      const m = await measure(raw);
      record(`message/rfc822 nested ${depth} deep (${Math.round(raw.length / 1024)} KB)`, m);
      // postal-mime's one parse of the outer message still grows faster than its size on this
      // shape (16,000 levels, 4.8 MB: ~11 s here); bounded by the 5 MB input limit.
      expect(m.ms).toBeLessThan(40_000);
      expect(m.heapMb).toBeLessThan(600);
      expect((m.outcome as IntakeResult).warnings.join(' ')).toMatch(warning);
    },
  );

  it('a booking forwarded as an attachment a few levels down is still read', async () => {
    const m = await measure(forwardedRfc822(3));
    record('message/rfc822 nested 3 deep', m);
    expect((m.outcome as IntakeResult).guestName).toBe('Sam Lee');
  });

  it('5,000 sibling parts and a 1 MB header are read within bounds', async () => {
    const parts = Array.from(
      { length: 5_000 },
      (_, i) => `--s\r\nContent-Type: text/plain\r\n\r\npart ${i}\r\n`,
    ).join('');
    const siblings = await measure(
      `${HEAD}Content-Type: multipart/mixed; boundary=s\r\n\r\n--s\r\nContent-Type: text/plain\r\n\r\n${BOOKING_TEXT}\r\n${parts}--s--\r\n`,
    );
    record('5,000 sibling parts', siblings);
    const bigHeader = await measure(
      `${HEAD}X-Long: ${'a'.repeat(1024 * 1024)}\r\nContent-Type: text/plain\r\n\r\n${BOOKING_TEXT}\r\n`,
    );
    record('1 MB header line', bigHeader);
    const manyHeaders = await measure(
      `${HEAD}${'X-H: v\r\n'.repeat(100_000)}Content-Type: text/plain\r\n\r\n${BOOKING_TEXT}\r\n`,
    );
    record('100,000 headers', manyHeaders);

    for (const m of [siblings, bigHeader, manyHeaders]) {
      expect(m.ms).toBeLessThan(10_000);
      expect(m.heapMb).toBeLessThan(400);
    }
    expect((bigHeader.outcome as IntakeResult).guestName).toBe('Sam Lee');
  });
});

describe('charsets and encodings', () => {
  const cases: [string, string | Uint8Array][] = [
    [
      'unknown charset',
      `${HEAD}Content-Type: text/plain; charset=x-klingon\r\n\r\n${BOOKING_TEXT}\r\n`,
    ],
    [
      'utf-7',
      `${HEAD}Content-Type: text/plain; charset=utf-7\r\n\r\n${BOOKING_TEXT}+AGEAYgBj-\r\n`,
    ],
    ['empty charset', `${HEAD}Content-Type: text/plain; charset=""\r\n\r\n${BOOKING_TEXT}\r\n`],
    [
      'unterminated quote',
      `${HEAD}Content-Type: text/plain; charset="utf-8\r\n\r\n${BOOKING_TEXT}\r\n`,
    ],
    [
      'invalid UTF-8 bytes',
      new Uint8Array([
        ...new TextEncoder().encode(
          `${HEAD}Content-Type: text/plain; charset=utf-8\r\n\r\n${BOOKING_TEXT}\r\n`,
        ),
        0xc3,
        0x28,
        0xa0,
        0xa1,
        0xe2,
        0x28,
        0xa1,
        0xf0,
        0x28,
        0x8c,
        0xbc,
        0xff,
        0xfe,
      ]),
    ],
    [
      'utf-16 without BOM',
      `${HEAD}Content-Type: text/plain; charset=utf-16\r\nContent-Transfer-Encoding: base64\r\n\r\n${Buffer.from(BOOKING_TEXT, 'utf16le').toString('base64')}\r\n`,
    ],
    [
      'broken base64',
      `${HEAD}Content-Type: text/plain\r\nContent-Transfer-Encoding: base64\r\n\r\n!!!not*base64***${'='.repeat(50)}\r\n`,
    ],
    [
      'broken quoted-printable',
      `${HEAD}Content-Type: text/plain\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n${BOOKING_TEXT}=ZZ=\r\n=4\r\n`,
    ],
    [
      'unknown transfer encoding',
      `${HEAD}Content-Type: text/plain\r\nContent-Transfer-Encoding: x-rot13\r\n\r\n${BOOKING_TEXT}\r\n`,
    ],
    [
      'bad encoded-word subject',
      `From: a@b.example\r\nTo: c@d.example\r\nSubject: =?x-klingon?Q?=FF=FE?= =?utf-8?B?!!!?=\r\nMIME-Version: 1.0\r\nContent-Type: text/plain\r\n\r\n${BOOKING_TEXT}\r\n`,
    ],
    [
      'boundary never closed',
      `${HEAD}Content-Type: multipart/mixed; boundary=open\r\n\r\n--open\r\nContent-Type: text/plain\r\n\r\n${BOOKING_TEXT}\r\n`,
    ],
    ['no boundary parameter', `${HEAD}Content-Type: multipart/mixed\r\n\r\n${BOOKING_TEXT}\r\n`],
  ];

  // The two bodies no reader can recover; every other damage still leaves the booking readable.
  const UNREADABLE = new Set(['broken base64', 'no boundary parameter']);

  it.each(cases)(
    '%s: read as the booking it carries, or nothing read, quickly',
    async (name, raw) => {
      const m = await measure(raw);
      record(name, m);
      expect(m.ms).toBeLessThan(2_000);
      expect(m.outcome).not.toBeInstanceOf(InputError);
      const result = m.outcome as IntakeResult;
      if (UNREADABLE.has(name)) {
        // Nothing half-read: no date, time or amount from a body that could not be decoded.
        expect(result).toMatchObject({
          kind: 'not_booking',
          date: null,
          startLocal: null,
          grossAmountCents: null,
        });
      } else {
        expect(result).toMatchObject({
          kind: 'booking',
          bookingId: '90412776',
          date: '2027-06-02',
          startLocal: '10:00',
          durationMinutes: 180,
          grossAmountCents: 84075,
        });
      }
    },
  );
});
