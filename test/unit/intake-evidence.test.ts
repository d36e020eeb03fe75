/**
 * Every non-null field carries its evidence, and a deadline, hold or sent time is never taken
 * for the charter's date, start or duration.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { excerptOf } from '../../src/intake/field-candidates.ts';
import { bookingFieldNames, intakeResultSchema } from '../../src/intake/intake-result.ts';
import { parseIntake } from '../../src/intake/parse-intake.ts';

const FIXTURES = join(import.meta.dirname, '..', 'fixtures');
const NOW = new Date('2026-11-26T15:00:00Z');
const ZONE = 'America/Los_Angeles';
const files = ['emails', 'slack', 'pasted'].flatMap((folder) =>
  readdirSync(join(FIXTURES, folder))
    .filter((n) => !n.endsWith('.expected.json') && /\.(?:eml|json|txt)$/.test(n))
    .map((n) => join(folder, n)),
);

describe('evidence', () => {
  it.each(files)('%s has evidence for every non-null field', async (file) => {
    const result = await parseIntake(readFileSync(join(FIXTURES, file)), {
      now: NOW,
      timeZone: ZONE,
    });

    expect(intakeResultSchema.parse(result)).toEqual(result);
    for (const field of bookingFieldNames) {
      if (result[field] !== null) expect(result.evidence?.[field], field).toBeDefined();
      else expect(result.evidence?.[field], field).toBeUndefined();
    }
  });

  it('says where and how a sentence date was read', async () => {
    const result = await parseIntake(
      'Hi,\nMaren Oakes just booked Blue Heron for Saturday, August 7, 2027 from 10am to 2pm.\nBooking #88123\n',
      { now: NOW, timeZone: ZONE },
    );

    expect(result.date).toBe('2027-08-07');
    expect(result.evidence?.date).toMatchObject({ where: 'body', how: 'inferred' });
    expect(result.evidence?.date?.excerpt).toContain('August 7, 2027');
    expect(result.evidence?.durationMinutes?.how).toBe('derived');
  });
});

describe('excerpts and subject readings', () => {
  it('starts the excerpt at the value even after collapsed whitespace', () => {
    // Arrange: runs of spaces before the value, in a line longer than an excerpt.
    const line = `Note:${'   word'.repeat(20)}   Maren Oakes just booked Sea Breeze for Saturday, June 5, 2027 at 10am, four guests, meeting at the fuel dock by the harbour office.`;
    // Act
    const excerpt = excerptOf(line, line.indexOf('Maren'), 'Maren Oakes'.length);
    // Assess: the name whole, not "aren Oakes".
    expect(excerpt).toContain('Maren Oakes');
    expect(excerpt.length).toBeLessThanOrEqual(80);
  });

  it('does not read a weekday after "booking for" in the subject as the renter', async () => {
    // Arrange
    const eml = [
      'From: bookings@example.com',
      'To: ops@example.com',
      'Subject: New booking for Sun, Aug 8',
      'Date: Mon, 2 Aug 2027 09:00:00 -0700',
      '',
      'Booking ID: 90412776',
      'Renter: Sam Lee',
      'Date: Sunday, August 8, 2027',
      'Time: 10:00 AM - 1:00 PM',
      'Guests: 4',
      'Total: $840.00',
      '',
    ].join('\r\n');
    // Act
    const result = await parseIntake(eml, {
      now: new Date('2027-07-01T15:00:00Z'),
      timeZone: 'America/Los_Angeles',
    });
    // Assess: one renter reading, no conflict with "Sun".
    expect(result.guestName).toBe('Sam Lee');
    expect(result.conflicts?.some((c) => c.field === 'guestName')).toBe(false);
  });
});

describe('deadlines are never the charter', () => {
  const wordings = [
    'Please approve within 72 hours.',
    'The hold is valid for 48 hours.',
    'Respond by Friday, August 6, 2027 at 5pm.',
    'This offer expires on Aug 6, 2027 at 9:14 AM.',
    'Reply before 6:00 PM on 8/6/2027.',
  ];
  it.each(wordings)('%s gives no date, start or duration', async (line) => {
    const result = await parseIntake(
      `New booking request from Maren Oakes, party of 4.\nRequest #88123\n${line}\n`,
      { now: NOW, timeZone: ZONE },
    );

    expect(result.date).toBeNull();
    expect(result.startLocal).toBeNull();
    expect(result.durationMinutes).toBeNull();
  });

  it('keeps the charter date when a deadline follows it', async () => {
    const result = await parseIntake(
      'Maren Oakes requested to book Blue Heron for Sat, Aug 7, 2027 from 9am to 1pm.\nRequest #88123\nPlease respond by Aug 5, 2027 at 6pm or the hold expires in 48 hours.\n',
      { now: NOW, timeZone: ZONE },
    );

    expect(result).toMatchObject({ date: '2027-08-07', startLocal: '09:00', durationMinutes: 240 });
  });

  it('a labelled expiry is not a date', async () => {
    const result = await parseIntake(
      'Request ID: 88123\nRenter: Maren Oakes\nGuests: 4\nRequest expires: Aug 6, 2027 9:14 AM\n',
      { now: NOW, timeZone: ZONE },
    );

    expect(result.date).toBeNull();
    expect(result.startLocal).toBeNull();
  });
});

describe('amounts paid for something else', () => {
  it.each([
    ['The total paid was $520.00.', 52_000],
    ['The deposit paid was $100.00.', null],
    ['Sales tax charged $12.40 on this trip.', null],
  ])('%s gives gross %s', async (line, gross) => {
    const result = await parseIntake(
      `Maren Oakes booked Blue Heron for Sat, Aug 7, 2027 from 9am to 1pm. ${line}\n`,
      { now: NOW, timeZone: ZONE },
    );

    expect(result.grossAmountCents).toBe(gross);
  });
});

describe('booking ids in subjects and sentences', () => {
  it('reads "#CODE" in a subject about a booking, with its evidence', async () => {
    const result = await parseIntake(
      'From: HarborBook <updates@harborbook.example.com>\nDate: Wed, 10 Mar 2027 11:05:00 -0800\nSubject: Your reservation changed (#QZRTWPK)\n\nNew date: Sunday, June 13, 2027\n',
      { now: NOW, timeZone: ZONE },
    );

    expect(result.bookingId).toBe('QZRTWPK');
    expect(result.evidence?.bookingId).toMatchObject({ where: 'subject' });
  });

  it('does not read "#CODE" in a subject about something else', async () => {
    const result = await parseIntake(
      'From: HarborBook <news@harborbook.example.com>\nDate: Wed, 10 Mar 2027 11:05:00 -0800\nSubject: Newsletter #SPRING27\n\nSee our boats this spring.\n',
      { now: NOW, timeZone: ZONE },
    );

    expect(result.bookingId).toBeNull();
  });

  it('leaves the full stop that ends a sentence out of the id', async () => {
    const result = await parseIntake(
      'Maren Oakes booked Blue Heron for Sat, Aug 7, 2027 at 9am.\nBooking reference: BLY-7781. Reply if anything looks off.\n',
      { now: NOW, timeZone: ZONE },
    );

    expect(result.bookingId).toBe('BLY-7781');
  });
});

describe('renters whose names start like a date word', () => {
  it.each(['Maren Chou', 'Junior Diaz', 'Sunny Li', 'May Lin', 'June Carter', 'Octavia Reyes'])(
    '%s is the renter',
    async (name) => {
      const result = await parseIntake(
        `${name} has reserved Knot on Call on 4/7/2028, departing at 4pm, for 4h. The party is 1 person.\n`,
        { now: NOW, timeZone: ZONE },
      );

      expect(result).toMatchObject({ guestName: name, partySize: 1 });
    },
  );

  it.each(['Sun, Aug 8', 'Saturday', 'June 12'])(
    '"booking for %s" names no renter',
    async (when) => {
      const result = await parseIntake(`New booking for ${when} 2027 at 9am on Knot on Call.\n`, {
        now: NOW,
        timeZone: ZONE,
      });

      expect(result.guestName).toBeNull();
    },
  );
});

describe('letters-only codes under a booking label', () => {
  it.each([
    ['VNMBEJQ', 'VNMBEJQ'],
    ['XYTMPZR', 'XYTMPZR'],
    ['CONFIRMED', null],
    ['PENDING', null],
    ['DETAILS', null],
    ['SUMMARY', null],
  ])('"Sailo booking: %s" gives id %s', async (value, id) => {
    const result = await parseIntake(
      `Sailo booking: ${value}\nRenter: Ann Lee\nDate: March 3, 2027\nStart: 10am\n`,
      { now: NOW, timeZone: ZONE },
    );

    expect(result.bookingId).toBe(id);
  });
});

describe('a check-in time is not the start', () => {
  it.each([
    ['Check-in: 9:15 AM\nDeparture: 9:30 AM\nReturn: 1:30 PM', '09:30', 240, null],
    ['Check-in time: 8:45 AM\nStart: 9:00 AM\nDuration: 3 hours', '09:00', 180, null],
    ['Check-in: 9:15 AM\nDuration: 3 hours', null, 180, null],
    ['Departure: Pier 39, Slip 4\nStart: 9:00 AM', '09:00', null, 'Pier 39, Slip 4'],
    ['Check-in: Pier 39, Slip 4\nStart: 9:00 AM', '09:00', null, 'Pier 39, Slip 4'],
  ])('%j', async (lines, start, duration, departure) => {
    const result = await parseIntake(
      `Booking ID: SL-4411\nRenter: Ann Lee\nDate: March 4, 2027\n${lines}\n`,
      { now: NOW, timeZone: ZONE },
    );

    expect(result).toMatchObject({ startLocal: start, durationMinutes: duration, departure });
  });

  it('a heading over a line that says when is no boat name', async () => {
    const result = await parseIntake(
      'Sunset Cruise\nSaturday, March 6, 2027 @ 5:45pm - 7:45pm\nContact: Priya Das\nBooking #812233\n',
      { now: NOW, timeZone: ZONE },
    );

    expect(result).toMatchObject({
      listingName: null,
      date: '2027-03-06',
      startLocal: '17:45',
      durationMinutes: 120,
    });
  });
});

describe('arrival and departure times', () => {
  it.each([
    'Check in: 4pm',
    'Please check in at the marina office at 9:15.',
    'Arrive by 9:30 for the safety briefing.',
  ])('%j gives no start', async (line) => {
    const result = await parseIntake(
      `Booking ID: 4411\nRenter: Ann Lee\nDate: March 4, 2027\n${line}\n`,
      { now: NOW, timeZone: ZONE },
    );

    expect(result.startLocal).toBeNull();
    expect(result.date).toBe('2027-03-04');
  });

  it('"Departs: Fri, Mar 5, 2027 6:00 PM" gives the date and the start', async () => {
    const result = await parseIntake(
      'Booking ID: 4411\nRenter: Ann Lee\nDeparts: Fri, Mar 5, 2027 6:00 PM\n',
      { now: NOW, timeZone: ZONE },
    );

    expect(result).toMatchObject({ date: '2027-03-05', startLocal: '18:00' });
  });

  it('"Total: $1.250,00" leaves the gross missing rather than $1', async () => {
    const result = await parseIntake(
      'Booking ID: 4411\nRenter: Ann Lee\nDate: March 4, 2027 10am\nTotal: $1.250,00\n',
      { now: NOW, timeZone: ZONE },
    );

    expect(result.grossAmountCents).toBeNull();
  });
});

describe('a weekday that contradicts its date', () => {
  it('leaves the date missing and says why', async () => {
    const result = await parseIntake(
      'Booking #A1B2C3 has been rescheduled. New date: Sunday, Feb 1, 2027. New start time: 11:30 AM.\n',
      { now: NOW, timeZone: ZONE },
    );

    expect(result.date).toBeNull();
    expect(result.warnings).toContain(
      '"Sunday, Feb 1, 2027": Feb 1, 2027 is a Monday, so the date was not read; check it with the renter.',
    );
  });

  it.each(['Monday, Feb 1, 2027', 'Mon 2/1/2027', 'Monday the 1st of February 2027'])(
    '%j agrees and is read',
    async (when) => {
      const result = await parseIntake(`Booking #A1B2C3 confirmed for ${when} at 9am.\n`, {
        now: NOW,
        timeZone: ZONE,
      });

      expect(result.date).toBe('2027-02-01');
      expect(result.warnings).toEqual([]);
    },
  );
});

describe('instants in a stated zone', () => {
  it.each([
    'Start: 2027-06-05T10:00:00-04:00',
    'Start: 2027-06-05T14:00:00Z',
    'When: 2027-06-05 14:00:00Z',
  ])("%j gives no local date or time (the zone may not be the tenant's)", async (line) => {
    const result = await parseIntake(`Booking ID: 5501\nRenter: Ann Lee\n${line}\n`, {
      now: NOW,
      timeZone: ZONE,
    });

    expect(result).toMatchObject({ date: null, startLocal: null });
  });

  it('"2027-07-04 08:00-11:00" is a date and a range', async () => {
    const result = await parseIntake(
      'Booking ID: 5501\nRenter: Ann Lee\nWhen: 2027-07-04 08:00-11:00\n',
      {
        now: NOW,
        timeZone: ZONE,
      },
    );

    expect(result).toMatchObject({ date: '2027-07-04', startLocal: '08:00', durationMinutes: 180 });
  });

  it('"Amount paid: $500 of $1,000 (deposit)" is no gross', async () => {
    const result = await parseIntake(
      'Booking ID: 5501\nRenter: Ann Lee\nDate: June 5, 2027 10am\nAmount paid: $500 of $1,000 (deposit)\n',
      { now: NOW, timeZone: ZONE },
    );

    expect(result.grossAmountCents).toBeNull();
  });
});
