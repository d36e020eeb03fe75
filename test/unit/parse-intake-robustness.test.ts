/**
 * The parser never throws on arbitrary input, refuses what is not a message with a clear
 * InputError, and stays linear on large hostile inputs (no catastrophic regex backtracking).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.ts';
import { MAX_INPUT_BYTES, parseIntake } from '../../src/intake/parse-intake.ts';

const NOW = new Date('2026-11-26T15:00:00Z');
const options = { now: NOW, timeZone: 'America/Los_Angeles' } as const;

// Pieces that exercise every pattern: labels, dates, times, ranges, money, forwards, HTML.
const pieces = fc.constantFrom(
  'Booking ID: ',
  'Date: ',
  'Time: ',
  'Guests: ',
  'Renter: ',
  'Total: ',
  'Your payout: ',
  'Captain: ',
  '$1,234.50',
  '10:00 AM',
  '1pm-5pm',
  '9-1pm',
  'Jun 5, 2026',
  '6/14',
  '2026-06-14',
  'half day',
  '3 hours',
  '#QW3RT9',
  '"Ana Ruiz"',
  'party of 4',
  '\n',
  '\r\n',
  '  ',
  '\t',
  ':',
  '-',
  '–',
  '>',
  '|',
  '<td>',
  '</td>',
  '<table>',
  '---------- Forwarded message ---------',
  'Begin forwarded message:',
  'From: a@b.example',
  'Subject: x',
  'cancelled',
  'updated',
  'payment held',
  '\u00a0',
  '\u202f',
  'é',
  '😀',
  '\u0092',
);
const messageLike = fc
  .array(fc.oneof(pieces, fc.string({ maxLength: 20 })), { maxLength: 60 })
  .map((a) => a.join(''));

describe('parseIntake on arbitrary input', () => {
  it('never throws on text that is not JSON, and always returns a valid kind', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(messageLike, fc.string({ maxLength: 400 })), async (text) => {
        fc.pre(!/^\s*[[{]/.test(text));
        const result = await parseIntake(text, options);
        expect(['booking', 'modification', 'cancellation', 'request', 'not_booking']).toContain(
          result.kind,
        );
      }),
      { numRuns: 400 },
    );
  });

  it('never throws on /charter text', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(messageLike, fc.string({ maxLength: 200 })), async (text) => {
        const result = await parseIntake(text, { ...options, source: 'command' });
        expect(result.source).toBe('command');
      }),
      { numRuns: 400 },
    );
  });

  it('never throws on bytes that start like an email', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 600 }), async (bytes) => {
        const head = new TextEncoder().encode(
          'From: x@example.com\r\nSubject: s\r\nContent-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\n',
        );
        const input = new Uint8Array([...head, ...bytes.filter((b) => b !== 0)]);
        const result = await parseIntake(input, options);
        expect(result.source).toBe('email');
      }),
      { numRuns: 200 },
    );
  });
});

describe('large and hostile input', () => {
  const hostile = [
    ['digits', '1'.repeat(1_000_000)],
    ['dollar digits', `$${'1'.repeat(999_999)}`],
    ['colons', 'a:'.repeat(500_000)],
    ['spaces', ' '.repeat(1_000_000)],
    ['labels', 'Booking #\n'.repeat(100_000)],
    ['time-like', '1:1'.repeat(333_333)],
    ['ranges', '1-'.repeat(500_000)],
    ['html cells', '<td>'.repeat(250_000)],
    ['capitalised words', 'Ab '.repeat(333_333)],
    ['forward markers', '-- Forwarded message --\n'.repeat(40_000)],
  ] as const;

  // CPU time, not wall time: a super-linear pattern burns CPU, while a shared machine's run
  // queue only stretches the wall clock (a 0.85 s parse took 2.6 s of wall time at load 14).
  it.each(hostile)('parses 1 MB of %s in under 2 s of CPU', async (_name, text) => {
    const started = process.cpuUsage();
    await parseIntake(text, options);
    await parseIntake(text.slice(0, 200_000), { ...options, source: 'command' });
    const used = process.cpuUsage(started);
    expect((used.user + used.system) / 1000).toBeLessThan(2_000);
  });

  it('refuses input over the size limit with what to do', async () => {
    const error = await parseIntake('x'.repeat(MAX_INPUT_BYTES + 1), options).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).code).toBe('input_too_large');
    expect((error as InputError).hint).toMatch(/booking email/);
  });

  it('refuses binary input', async () => {
    const error = await parseIntake(
      new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00]),
      options,
    ).catch((e: unknown) => e);
    expect((error as InputError).code).toBe('binary_input');
  });

  it('refuses JSON that is not a Slack email', async () => {
    const error = await parseIntake('{"type":"message","text":"hi"}', options).catch(
      (e: unknown) => e,
    );
    expect((error as InputError).code).toBe('not_an_email_event');
  });
});
