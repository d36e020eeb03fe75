import { describe, expect, it } from 'vitest';
import { parseIntake } from '../../src/intake/parse-intake.ts';

// A Wednesday; every date below is relative to it or far ahead.
const now = new Date('2031-03-12T17:00:00Z');
const options = { now, timeZone: 'America/Los_Angeles', source: 'command' as const };
const read = (text: string) => parseIntake(text, options);

describe('/charter ranges and their meridiem', () => {
  it.each([
    ['apr 5 10-3', '10:00', 300],
    ['apr 5 7-11', '07:00', 240],
    ['apr 5 9-12', '09:00', 180],
    ['apr 5 1-5', '13:00', 240],
    ['apr 5 8a-12p', '08:00', 240],
    ['apr 5 2p-4:30p', '14:00', 150],
    ['apr 5 6a-10a', '06:00', 240],
    ['apr 5 noon to 4', '12:00', 240],
    ['apr 5 8am-noon', '08:00', 240],
    ['apr 5 08:00-11:00', '08:00', 180],
    ['apr 5 1400-1700', '14:00', 180],
    ['apr 5 0700-1300', '07:00', 360],
    ['apr 5 9-1pm', '09:00', 240],
    ['apr 5 2 to 6pm', '14:00', 240],
    ['apr 5 7:30-11:30am', '07:30', 240],
    ['apr 5 11 a.m. until 3 p.m.', '11:00', 240],
  ])('%s starts %s for %d minutes', async (text, start, minutes) => {
    const r = await read(text);
    expect([r.startLocal, r.durationMinutes]).toEqual([start, minutes]);
    expect(r.evidence?.durationMinutes?.how).toBe('derived');
    expect(r.evidence?.startLocal?.excerpt).toBe(text.slice('apr 5 '.length));
  });

  it.each([
    ['apr 5 10am 3.5 hrs', '10:00', 210],
    ['apr 5 4:15pm 105 min', '16:15', 105],
    ['apr 5 at 1400 90 min', '14:00', 90],
    ['apr 5 7am all day', '07:00', 480],
    ['apr 5 1pm half-day', '13:00', 240],
    ['apr 5 9am 3h 20 min', '09:00', 200],
  ])('%s: a start and a length', async (text, start, minutes) => {
    const r = await read(text);
    expect([r.startLocal, r.durationMinutes]).toEqual([start, minutes]);
    expect(r.evidence?.durationMinutes?.how).toBe('inferred');
  });

  it('refuses a range that ends long before it starts, and one that disagrees with a length', async () => {
    const backwards = await read('apr 5 10am-9am');
    expect(backwards.startLocal).toBeNull();
    expect(backwards.notUnderstood).toContainEqual({
      text: '10am-9am',
      reason: 'ends before it starts',
    });
    const clash = await read('apr 5 10am-2pm 3h');
    expect([clash.startLocal, clash.durationMinutes]).toEqual(['10:00', 240]);
    expect(clash.notUnderstood?.[0]?.text).toBe('3h');
  });
});

describe('/charter names', () => {
  it.each([
    ['apr 5 10am $700 Maren Oakes', 'Maren Oakes', 'inferred'],
    ["apr 5 10am booked by Seán O'Connor", "Seán O'Connor", 'labelled'],
    ['name: Zoë Brûlé apr 5 10am', 'Zoë Brûlé', 'labelled'],
    ['apr 5 10am for Mei-Ling Chou 4 guests', 'Mei-Ling Chou', 'labelled'],
    ['apr 5 10am "D\'Arcy Fitzgerald"', "D'Arcy Fitzgerald", 'labelled'],
    ['Noé Sánchez-Ortiz Apr 5 10am', 'Noé Sánchez-Ortiz', 'inferred'],
    ['apr 5 10am for Maria de Souza', 'Maria de Souza', 'labelled'],
  ])('%s → %s (%s)', async (text, name, how) => {
    const r = await read(text);
    expect(r.guestName).toBe(name);
    expect(r.evidence?.guestName?.how).toBe(how);
  });

  it('never takes a month, weekday, place or trip word for a name', async () => {
    for (const text of [
      'Saturday April 5 10am',
      'apr 5 10am from Kona Kai Marina',
      'apr 5 10am for Shelter Island Marina',
      'apr 5 10am Sunset Cruise',
    ]) {
      expect((await read(text)).guestName, text).toBeNull();
    }
    expect((await read('apr 5 10am from Kona Kai Marina')).departure).toBe('Kona Kai Marina');
  });

  it('leaves two bare names missing and says so', async () => {
    const r = await read('apr 5 10am Maren Oakes Zoë Brûlé');
    expect(r.guestName).toBeNull();
    expect(r.notUnderstood?.map((n) => n.text)).toEqual(['Maren Oakes Zoë Brûlé']);
  });
});

describe('/charter counts, amounts, ids and captain', () => {
  it.each([
    ['4 adults 2 kids', 6, 'inferred'],
    ['6 adults + 6 children', 12, 'inferred'],
    ['2 adults, 1 child', 3, 'inferred'],
    ['14 pax', 14, 'inferred'],
    ['2 people', 2, 'inferred'],
    ['x4', 4, 'inferred'],
    ['party of 8', 8, 'labelled'],
  ])('%s is %d', async (count, n, how) => {
    const r = await read(`apr 5 10am ${count}`);
    expect(r.partySize).toBe(n);
    expect(r.evidence?.partySize).toEqual({ excerpt: count, where: 'command', how });
  });

  it.each([
    ['apr 5 10am 6 guests 1200', 120000],
    ['apr 5 10am-2pm 3420', 342000],
    ['apr 5 10am 692 dollars', 69200],
    ['apr 5 10am USD 2,765 party of 2', 276500],
    ['2031-04-22 10am $1,234.50', 123450],
  ])('%s: the amount is %d cents', async (text, cents) => {
    expect((await read(text)).grossAmountCents).toBe(cents);
  });

  it('reads ids as ids and years as dates, never as amounts', async () => {
    const r = await read('2031-04-22 6a-7a #BK3456T 4277 dollars');
    expect([r.date, r.bookingId, r.grossAmountCents]).toEqual(['2031-04-22', 'BK3456T', 427700]);
    expect(r.evidence?.date?.how).toBe('inferred');
  });

  it('a bare 4-digit number with no start could be either: neither is filled', async () => {
    const r = await read('apr 5 1400 4 guests');
    expect([r.startLocal, r.grossAmountCents]).toEqual([null, null]);
    expect(r.notUnderstood?.[0]?.text).toBe('1400');
  });

  it('two numbers that could each be the amount are a conflict, not a guess', async () => {
    const r = await read('apr 5 10am 4 guests 900 1200');
    expect(r.grossAmountCents).toBeNull();
    expect(r.notUnderstood).toHaveLength(2);
    const two = await read('apr 5 10am $900 $1,200');
    expect(two.grossAmountCents).toBeNull();
  });

  it.each([
    ['$300/hr', 'is a rate, not what the renter pays in all: type the total'],
    ['$50 per person', 'is a rate, not what the renter pays in all: type the total'],
    ['$1.2k', 'not part of a booking'],
    ['2 boats', 'not part of a booking'],
  ])('%s is not the amount', async (token, reason) => {
    const r = await read(`apr 5 10am 2h ${token}`);
    expect(r.grossAmountCents).toBeNull();
    expect(r.notUnderstood).toEqual([{ text: token, reason }]);
  });

  it.each([
    ['apr 5 10am 2h booking 88123', '88123'],
    ['apr 5 10am 2h ref: BK-2031-7', 'BK-2031-7'],
    ['apr 5 10am 2h conf # QW3RT9', 'QW3RT9'],
  ])('%s: the id is %s, not an amount', async (text, id) => {
    const r = await read(text);
    expect([r.bookingId, r.grossAmountCents]).toEqual([id, null]);
    expect(r.evidence?.bookingId?.how).toBe('labelled');
  });

  it("a keyword before a time or a date does not make it an id ('booking 10am-2pm')", async () => {
    const r = await read('booking 10am-2pm apr 5');
    expect([r.bookingId, r.startLocal, r.date]).toEqual([null, '10:00', '2031-04-05']);
  });

  it("'for 6' is six guests or six hours, never six dollars", async () => {
    const r = await read('apr 5 10am 2h for 6');
    expect(r.grossAmountCents).toBeNull();
    expect(r.notUnderstood).toEqual([{ text: '6', reason: "'for 6': type 'party of 6' or '6h'" }]);
  });

  it('a range end before a month is not the day ("9-1 apr 5")', async () => {
    const r = await read('9-1 apr 5');
    expect([r.date, r.startLocal, r.durationMinutes, r.grossAmountCents]).toEqual([
      '2031-04-05',
      '09:00',
      240,
      null,
    ]);
  });

  it("'2:00' alone needs am or pm; '9:30' is morning as written", async () => {
    expect((await read('apr 5 2:00 3h')).startLocal).toBeNull();
    expect((await read('apr 5 2:00 3h')).notUnderstood?.[0]?.reason).toBe("'2:00' needs am or pm");
    expect((await read('apr 5 9:30 3h')).startLocal).toBe('09:30');
    expect((await read('apr 5 10am til 2pm')).durationMinutes).toBe(240);
  });

  it('a range of guests is not a time range nor a count', async () => {
    const r = await read('apr 5 10am 2h 2-3 guests');
    expect([r.startLocal, r.partySize]).toEqual(['10:00', null]);
    expect(r.notUnderstood).toEqual([
      { text: '2-3 guests', reason: 'is a range of guests: type one number' },
    ]);
  });

  it.each([
    ['bareboat', false],
    ['no captain', false],
    ['captained', true],
    ['with skipper', true],
  ])('%s → captain %s', async (word, value) => {
    expect((await read(`apr 5 10am ${word}`)).captainIncluded).toBe(value);
  });
});

describe('/charter says what it did not understand', () => {
  it('every word no reader took', async () => {
    const r = await read('hello');
    expect(r.kind).toBe('not_booking');
    expect(r.notUnderstood).toEqual([{ text: 'hello', reason: 'not part of a booking' }]);
  });

  it('a date that has passed or is years ahead', async () => {
    const y = await read('yesterday 10am 2h');
    expect(y.date).toBeNull();
    expect(y.notUnderstood).toEqual([{ text: 'yesterday', reason: "'yesterday' has passed" }]);
    expect((await read('2030-06-01 10am')).notUnderstood?.[0]?.reason).toBe(
      "'2030-06-01' has passed",
    );
    expect((await read('2039-06-01 10am')).notUnderstood?.[0]?.reason).toContain(
      'more than 2 years ahead',
    );
  });

  it('a negative amount and an absurd party', async () => {
    const r = await read('apr 5 10am -$500 400 guests');
    expect([r.grossAmountCents, r.partySize]).toEqual([null, null]);
    expect(r.notUnderstood?.map((n) => n.reason)).toEqual([
      'is a negative amount: type what the renter pays',
      '400 guests is over 99, the most a charter takes here (no boat capacity is set)',
    ]);
  });

  it("a weekday that is the date's own says it again; one that is not leaves the date missing", async () => {
    // 2031-04-05 is a Saturday.
    const same = await read('Sat Apr 5 10am');
    expect(same.date).toBe('2031-04-05');
    expect(same.notUnderstood).toEqual([]);
    const other = await read('Fri Apr 5 10am');
    expect(other.date).toBeNull();
    expect(other.notUnderstood?.map((n) => n.text)).toEqual(['Fri', 'Apr 5']);
  });

  it("'at 9' is a time without am/pm, never nine dollars", async () => {
    const r = await read('apr 5 at 9 for 3 hours');
    expect([r.startLocal, r.grossAmountCents]).toEqual([null, null]);
    expect(r.notUnderstood).toEqual([{ text: '9', reason: "'at 9' needs am or pm (9am or 9pm)" }]);
  });

  it('a year not typed is filled in and says so', async () => {
    const r = await read('apr 5 10am');
    expect(r.date).toBe('2031-04-05');
    expect(r.evidence?.date).toEqual({ excerpt: 'apr 5', where: 'command', how: 'defaulted' });
    expect(r.notUnderstood).toEqual([]);
  });

  it('keeps a long junk line short', async () => {
    const r = await read('blah '.repeat(500));
    expect(r.notUnderstood).toHaveLength(21);
    expect(r.notUnderstood?.at(-1)?.reason).toBe('and 480 more not understood');
  });
});

describe('money for something else', () => {
  it.each([
    ['jun 5 10am 3h $900 deposit $200', 'deposit $200', 'deposit'],
    ['jun 5 10am 3h $900 $50 tip', '$50 tip', 'tip'],
    ['jun 5 10am 3h $900 fuel fee: $40', 'fee: $40', 'fee'],
  ])('%j: the price is $900 and %j is said not understood', async (text, part, word) => {
    const r = await read(text);

    expect(r.grossAmountCents).toBe(90_000);
    expect(r.notUnderstood).toContainEqual({
      text: part,
      reason: `is a ${word}, not what the renter pays for the charter`,
    });
  });
});
