/** Unit tests for removing money from crew-visible notes and proving a record clean. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findMoneyInRecord, stripMoneyFromText } from '../../src/scc/money-scrub.ts';

describe('stripMoneyFromText', () => {
  it.each([
    ['Total $1,234.56 collected', 'Total collected'],
    ['Deposit USD 100 received', 'Deposit received'],
    ['Guest tipped 100 dollars last time', 'Guest tipped last time'],
    ['Bring $20 cash for parking.', 'Bring cash for parking.'],
    ['Fuel 840.75 USD', 'Fuel'],
    ['Captain gets $50/h and crew $25 per hour', 'Captain gets and crew'],
  ])('removes the amount from %j', (notes, expected) => {
    // Act
    const stripped = stripMoneyFromText(notes);

    // Assess
    expect(stripped).toBe(expected);
  });

  it('drops the phrases that pair revenue, payout, profit or a rate with a number, keeping the rest of the line', () => {
    // Arrange
    const notes = 'Meet 8:30 at dock 3. Revenue $840.75; captain rate 50/h; bring ice';

    // Act
    const stripped = stripMoneyFromText(notes);

    // Assess
    expect(stripped).toBe('Meet 8:30 at dock 3. bring ice');
  });

  it('drops whole money lines from multi-line notes and keeps the logistics', () => {
    // Arrange
    const notes = [
      'Call time 8:00 at Dock 3',
      'Revenue: 840.75',
      'Crew rate: 25',
      'captain_rate=50',
      'Net profit: 289.41',
      'Payout 700 on Friday',
      'Bring sunscreen and 2 coolers',
    ].join('\n');

    // Act
    const stripped = stripMoneyFromText(notes);

    // Assess
    expect(stripped).toBe('Call time 8:00 at Dock 3\nBring sunscreen and 2 coolers');
  });

  it("leaves the seed's notes and links untouched, even a .net host with digits", () => {
    // Arrange
    const notes = [
      'Guest checklist at queenofsandiego.com/g/XHQGMDH',
      'Crew page with call time and checklist: https://crew.example.net/c/AB12CD',
      'Pirate theme, 12 guests',
    ].join('\r\n');

    // Act
    const stripped = stripMoneyFromText(notes);

    // Assess
    expect(stripped).toBe(notes);
  });

  it('removes amounts that only appear after a first removal', () => {
    // Act
    const stripped = stripMoneyFromText('Cash: $ $50 50 in the box');

    // Assess
    expect(findMoneyInRecord(stripped)).toEqual([]);
    expect(stripped).toBe('Cash: in the box');
  });

  const fragments = fc.constantFrom(
    'Revenue',
    'revenue:',
    'payout',
    'net profit',
    'crew_rate',
    'captain rate',
    'port fee',
    'tip',
    'Meet at dock',
    'bring ice',
    'queenofsandiego.com/g/XHQGMDH',
    'https://example.net/c/2024',
    '$',
    'US$',
    'USD',
    'dollars',
    '840.75',
    '1,234.56',
    '25',
    '50/h',
    'per hour',
    '8:30',
    '3',
    ' ',
    '  ',
    '. ',
    ', ',
    '; ',
    ' - ',
    '\n',
    '\r\n',
    '(',
    ')',
  );
  const notesArbitrary = fc.oneof(
    fc.array(fragments, { maxLength: 25 }).map((parts) => parts.join('')),
    fc
      .array(fc.oneof(fragments, fc.string({ maxLength: 6 })), { maxLength: 15 })
      .map((p) => p.join(' ')),
  );

  it('always leaves text in which findMoneyInRecord finds nothing (property)', () => {
    fc.assert(
      fc.property(notesArbitrary, (notes) => {
        expect(findMoneyInRecord({ notes: stripMoneyFromText(notes) })).toEqual([]);
      }),
      { numRuns: 2_000 },
    );
  });

  it('changes nothing in text without money, and is idempotent (property)', () => {
    fc.assert(
      fc.property(notesArbitrary, (notes) => {
        const once = stripMoneyFromText(notes);
        expect(stripMoneyFromText(once)).toBe(once);
        if (findMoneyInRecord(notes).length === 0) expect(once).toBe(notes);
      }),
      { numRuns: 2_000 },
    );
  });
});

describe('findMoneyInRecord', () => {
  it('finds the money fields and the money in the notes of a fresh seed event', () => {
    // Arrange
    const event = {
      event_id: 'evt_1',
      event_name: 'Boatsetter Charter - May 30',
      start_time: '2024-05-30T16:00:00.000Z',
      duration_hours: 3,
      crew_ids: ['crew1', 'crew2'],
      captain_id: 'captain1',
      notes: 'Guest checklist at queenofsandiego.com/g/XHQGMDH. Revenue $840.75',
      revenue: 840.75,
      crew_rate: 25,
      captain_rate: 50,
      status: 'scheduled',
    };

    // Act
    const found = findMoneyInRecord(event);

    // Assess
    expect(found).toEqual(['notes', 'revenue', 'crew_rate', 'captain_rate']);
  });

  it('finds nested money fields by path, in any spelling, and money strings in arrays', () => {
    // Arrange
    const record = {
      metadata: {
        guest_page: 'https://queenofsandiego.com/g/XHQGMDH',
        port_fee: 151.34,
        netProfit: 289.41,
        Payout: 0,
      },
      lines: ['call 8:00', 'tip jar $20'],
      crew: [{ id: 'crew1', crewRate: 25 }],
    };

    // Act
    const found = findMoneyInRecord(record);

    // Assess
    expect(found).toEqual([
      'metadata.port_fee',
      'metadata.netProfit',
      'metadata.Payout',
      'lines[1]',
      'crew[0].crewRate',
    ]);
  });

  it('passes a scrubbed record: money fields removed or null, notes clean, numbers elsewhere ignored', () => {
    // Arrange
    const record = {
      event_id: 'evt_1',
      duration_hours: 3,
      start_time: '2024-05-30T16:00:00.000Z',
      notes: 'Guest checklist at queenofsandiego.com/g/XHQGMDH',
      revenue: null,
      crew_ids: ['crew1'],
    };

    // Act
    const found = findMoneyInRecord(record);

    // Assess
    expect(found).toEqual([]);
  });

  it('survives cycles and reports a bare money string at the root', () => {
    // Arrange
    const cyclic: Record<string, unknown> = { name: 'loop' };
    cyclic['self'] = cyclic;

    // Act / Assess
    expect(findMoneyInRecord(cyclic)).toEqual([]);
    expect(findMoneyInRecord('USD 100')).toEqual(['(root)']);
    expect(findMoneyInRecord(42)).toEqual([]);
  });
});
