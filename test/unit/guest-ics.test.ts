/** The guest calendar file: exact RFC 5545 output, TEXT escaping, 75-octet folding, CRLF. */
import { describe, expect, it } from 'vitest';
import {
  buildGuestIcs,
  escapeIcsText,
  foldIcsLine,
  formatIcsUtc,
  guestPageUrl,
} from '../../src/pages/guest-ics.ts';
import { guestModel } from '../support/page-fixtures.ts';

const NOW = new Date('2026-05-01T12:34:56.789Z');

/** RFC 5545 §3.1 unfolding: a CRLF followed by one space or tab is removed. */
function unfold(ics: string): string {
  return ics.replace(/\r\n[ \t]/g, '');
}

function physicalLines(ics: string): string[] {
  expect(ics.endsWith('\r\n')).toBe(true);
  return ics.slice(0, -2).split('\r\n');
}

describe('buildGuestIcs', () => {
  it('writes the exact calendar file for the fixed charter', () => {
    const ics = buildGuestIcs(guestModel(), NOW);

    expect(ics).toBe(
      [
        'BEGIN:VCALENDAR',
        'VERSION:2.0',
        'PRODID:-//deckhand//Guest page//EN',
        'CALSCALE:GREGORIAN',
        'METHOD:PUBLISH',
        'BEGIN:VEVENT',
        'UID:K7QM2XD@queenofsandiego.com',
        'DTSTAMP:20260501T123456Z',
        'DTSTART:20260530T160000Z',
        'DTEND:20260530T200000Z',
        "SUMMARY:Sea Breeze 32' Sportfish charter with Queen of San Diego Charters",
        'LOCATION:Shelter Island Marina\\, Dock C\\, 2051 Shelter Island Dr\\, San Dieg',
        ' o\\, CA 92106',
        'DESCRIPTION:Your trip page (meeting point\\, what to bring\\, safety notes): ',
        ' https://queenofsandiego.com/g/K7QM2XD\\nParking: Free lot at the foot of Do',
        ' ck C\\; overflow on Shelter Island Dr.\\nQuestions: +1 619 555 0100\\, ops@qu',
        ' eenofsandiego.com',
        'URL:https://queenofsandiego.com/g/K7QM2XD',
        'END:VEVENT',
        'END:VCALENDAR',
        '',
      ].join('\r\n'),
    );
  });

  it('uses CRLF line endings only, and ends with one', () => {
    const ics = buildGuestIcs(
      guestModel({ listingName: 'Line one\nline two\r\nthree\rfour' }),
      NOW,
    );

    expect(ics.endsWith('END:VCALENDAR\r\n')).toBe(true);
    expect(ics).not.toMatch(/\r(?!\n)/);
    expect(ics).not.toMatch(/(?<!\r)\n/);
    expect(unfold(ics)).toContain('SUMMARY:Line one\\nline two\\nthree\\nfour charter with');
  });

  it('escapes commas, semicolons, backslashes and line breaks in every text value', () => {
    const model = guestModel({
      listingName: 'Sea, Breeze; C:\\boats',
      departure: { name: 'Dock C; Gate 2', address: '1 Harbor Way,\nSan Diego', parking: 'a\\b' },
    });

    const unfolded = unfold(buildGuestIcs(model, NOW));

    expect(unfolded).toContain(
      'SUMMARY:Sea\\, Breeze\\; C:\\\\boats charter with Queen of San Diego Charters\r\n',
    );
    expect(unfolded).toContain('LOCATION:Dock C\\; Gate 2\\, 1 Harbor Way\\,\\nSan Diego\r\n');
    expect(unfolded).toContain('\\nParking: a\\\\b\\n');
  });

  it('puts the guest page on the tenant domain in DESCRIPTION and URL', () => {
    const unfolded = unfold(buildGuestIcs(guestModel(), NOW));

    expect(guestPageUrl('queenofsandiego.com', 'K7QM2XD')).toBe(
      'https://queenofsandiego.com/g/K7QM2XD',
    );
    expect(unfolded).toMatch(/^DESCRIPTION:.*https:\/\/queenofsandiego\.com\/g\/K7QM2XD\\n/m);
    expect(unfolded).toContain('\r\nURL:https://queenofsandiego.com/g/K7QM2XD\r\n');
  });

  it('names the charter without a boat when the boat is unknown', () => {
    const unfolded = unfold(buildGuestIcs(guestModel({ listingName: null }), NOW));

    expect(unfolded).toContain('\r\nSUMMARY:Charter with Queen of San Diego Charters\r\n');
  });

  it('folds a long multi-byte name at 75 octets without splitting a character', () => {
    const boat = 'Überfahrt ñandú 🌊🐬 Ōkami-maru 海の女王 '.repeat(4).trim();
    const ics = buildGuestIcs(guestModel({ listingName: boat }), NOW);
    const lines = physicalLines(ics);

    for (const line of lines) {
      expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);
      expect(line).not.toMatch(
        /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/,
      );
    }
    const summary = lines.findIndex((line) => line.startsWith('SUMMARY:'));
    expect(lines[summary + 1]?.startsWith(' ')).toBe(true);
    expect(unfold(ics)).toContain(
      `\r\nSUMMARY:${boat} charter with Queen of San Diego Charters\r\n`,
    );
  });

  it('stamps DTSTAMP with now and refuses bad instants', () => {
    const ics = buildGuestIcs(guestModel(), new Date('2026-12-31T23:59:59Z'));

    expect(ics).toContain('\r\nDTSTAMP:20261231T235959Z\r\n');
    expect(() => buildGuestIcs(guestModel(), new Date('nope'))).toThrow(RangeError);
    expect(() => buildGuestIcs(guestModel({ endsAt: '2026-05-30T16:00:00Z' }), NOW)).toThrow(
      /endsAt must be after startsAt/,
    );
    expect(() => buildGuestIcs(guestModel({ startsAt: 'tomorrow' }), NOW)).toThrow(/startsAt/);
  });
});

describe('escapeIcsText', () => {
  it.each([
    ['plain', 'plain'],
    ['a,b', 'a\\,b'],
    ['a;b', 'a\\;b'],
    ['C:\\path', 'C:\\\\path'],
    ['one\ntwo', 'one\\ntwo'],
    ['one\r\ntwo\rthree', 'one\\ntwo\\nthree'],
    ['\\,;', '\\\\\\,\\;'],
    ['tab\tkept, bell\u0007 and nul\u0000 dropped', 'tab\tkept\\, bell and nul dropped'],
    ['colon: and "quotes" stay', 'colon: and "quotes" stay'],
  ])('escapes %j as %j', (input, expected) => {
    expect(escapeIcsText(input)).toBe(expected);
  });
});

describe('foldIcsLine', () => {
  it('leaves a line of exactly 75 octets alone and folds one of 76', () => {
    const line75 = `X:${'a'.repeat(73)}`;
    const line76 = `X:${'a'.repeat(74)}`;

    expect(foldIcsLine(line75)).toBe(line75);
    expect(foldIcsLine(line76)).toBe(`X:${'a'.repeat(73)}\r\n a`);
  });

  it('counts octets, not characters: 3-byte characters move whole to the next line', () => {
    const folded = foldIcsLine(`X:${'海'.repeat(30)}`);
    const [first, second] = folded.split('\r\n');

    expect(Buffer.byteLength(first ?? '', 'utf8')).toBe(2 + 24 * 3);
    expect(second).toBe(` ${'海'.repeat(6)}`);
  });

  it('keeps each continuation (space included) within 75 octets', () => {
    const folded = foldIcsLine(`DESCRIPTION:${'b'.repeat(300)}`);

    for (const line of folded.split('\r\n')) {
      expect(line.length).toBeLessThanOrEqual(75);
    }
    expect(
      folded
        .split('\r\n')
        .slice(1, -1)
        .every((line) => line.length === 75),
    ).toBe(true);
    expect(unfold(folded)).toBe(`DESCRIPTION:${'b'.repeat(300)}`);
  });

  it('never splits an escape pair or a surrogate pair', () => {
    for (let pad = 0; pad < 4; pad += 1) {
      const folded = foldIcsLine(`X:${'a'.repeat(70 + pad)}\\,\\;🌊🌊\\n`);
      for (const line of folded.split('\r\n')) {
        expect(line.replace(/\\\\/g, '')).not.toMatch(/\\$/);
        expect(line).not.toMatch(/[\uD800-\uDBFF]$/);
      }
    }
  });
});

describe('formatIcsUtc', () => {
  it('writes a UTC DATE-TIME without separators or milliseconds', () => {
    expect(formatIcsUtc(new Date('2026-05-30T16:00:00.999Z'))).toBe('20260530T160000Z');
  });
});
