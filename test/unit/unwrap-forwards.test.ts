/** Unit tests for peeling forward wrappers (Gmail, Outlook, Apple Mail, replies) off a body. */
import { describe, expect, it } from 'vitest';
import { unwrapForwards } from '../../src/intake/unwrap-forwards.ts';

const lines = (...parts: string[]): string => parts.join('\n');

const BOOKING = lines('Your booking is confirmed!', 'Booking ID: 90414377', 'Guests: 12');

const GMAIL = lines(
  'Can you add this one? They asked for 3pm and I quoted $900.',
  '',
  'Dana',
  '',
  '---------- Forwarded message ---------',
  'From: Boatsetter <notifications@boatsetter.example.com>',
  'Date: Mon, Jun 1, 2026 at 9:58 AM',
  'Subject: Booking confirmed: La Dolce Vita on Sat, Jun 27',
  'To: <dana@example.net>',
  '',
  '',
  BOOKING,
);

describe('unwrapForwards', () => {
  it('peels a Gmail forward and drops the forwarder note with its misleading time and amount', () => {
    // Act
    const result = unwrapForwards(GMAIL);

    // Assess
    expect(result.body.trim()).toBe(BOOKING);
    expect(result.body).not.toContain('3pm');
    expect(result.body).not.toContain('$900');
    expect(result.subject).toBe('Booking confirmed: La Dolce Vita on Sat, Jun 27');
    expect(result.sentAt).toBe('Mon, Jun 1, 2026 at 9:58 AM');
    expect(result.depth).toBe(1);
  });

  it.each([
    ['a rule', '________________________________'],
    ['"Original Message"', '-----Original Message-----'],
    ['nothing but the header block', ''],
  ])('peels an Outlook forward with %s before From/Sent/To/Subject', (_name, rule) => {
    // Prepare
    const text = lines(
      'Hi team - can we do 3pm on the 14th instead? I quoted them $900.',
      '',
      ...(rule ? [rule] : []),
      'From: YachtHop Orders <orders@yachthop.example.com>',
      'Sent: Wednesday, July 1, 2026 9:14 AM',
      'To: Chris Harbor <chris@harborlight.example.net>',
      'Subject: New order 55120934 - Sundowner',
      '',
      'Order: 55120934',
      'Pax: 10',
    );

    // Act
    const result = unwrapForwards(text);

    // Assess
    expect(result).toEqual({
      body: '\nOrder: 55120934\nPax: 10',
      subject: 'New order 55120934 - Sundowner',
      sentAt: 'Wednesday, July 1, 2026 9:14 AM',
      depth: 1,
    });
  });

  it('peels an Apple Mail "Begin forwarded message:" and removes the "> " quoting', () => {
    // Prepare
    const text = lines(
      'FYI. The renter asked for 4:30 on Friday for an extra $150. Nothing agreed yet.',
      '',
      'Sent from my iPhone',
      '',
      'Begin forwarded message:',
      '',
      '> From: Boatsetter <notifications@boatsetter.example.com>',
      '> Subject: Booking confirmed: Tarpon Time on Sat, Aug 15',
      '> Date: June 3, 2026 at 8:12:09 AM EDT',
      '> To: Dana Skipperson <dana@example.net>',
      '> ',
      '> Your booking is confirmed!',
      '> ',
      '> Booking ID: 90415530',
      '> Start time: noon',
    );

    // Act
    const result = unwrapForwards(text);

    // Assess
    expect(result.body.trim()).toBe(
      lines('Your booking is confirmed!', '', 'Booking ID: 90415530', 'Start time: noon'),
    );
    expect(result.body).not.toMatch(/^>/m);
    expect(result.body).not.toContain('4:30');
    expect(result.subject).toBe('Booking confirmed: Tarpon Time on Sat, Aug 15');
    expect(result.sentAt).toBe('June 3, 2026 at 8:12:09 AM EDT');
    expect(result.depth).toBe(1);
  });

  it('peels a forward of a forward down to the innermost message', () => {
    // Prepare
    const text = lines(
      'Forwarding again. They would rather start at 7am on Sept 2 - I told them $1,500.',
      '',
      '---------- Forwarded message ---------',
      'From: Pat Rowe <pat@example.net>',
      'Date: Fri, Aug 14, 2026 at 2:02 PM',
      'Subject: Fwd: Booking confirmed: Pelican Pete',
      'To: Sam Ops <sam@example.net>',
      '',
      '',
      "Here's the Pelican Pete booking from yesterday.",
      '',
      '---------- Forwarded message ---------',
      'From: Boatsetter <notifications@boatsetter.example.com>',
      'Date: Thu, Aug 13, 2026 at 11:30 AM',
      'Subject: Booking confirmed: Pelican Pete on Sat, Aug 29',
      'To: <pat@example.net>',
      '',
      BOOKING,
    );

    // Act
    const result = unwrapForwards(text);
    const outerOnly = unwrapForwards(text, 1);

    // Assess
    expect(result.body.trim()).toBe(BOOKING);
    expect(result.subject).toBe('Booking confirmed: Pelican Pete on Sat, Aug 29');
    expect(result.sentAt).toBe('Thu, Aug 13, 2026 at 11:30 AM');
    expect(result.depth).toBe(2);
    expect(outerOnly.depth).toBe(1);
    expect(outerOnly.subject).toBe('Fwd: Booking confirmed: Pelican Pete');
    expect(outerOnly.body).toContain("Here's the Pelican Pete booking");
  });

  it('peels a reply quote ("On … wrote:") and its "> " quoting', () => {
    // Prepare
    const text = lines(
      'Sure thing, see you at 8.',
      '',
      'On Mon, Jun 1, 2026 at 9:58 AM Boatsetter <n@boatsetter.example.com> wrote:',
      '> Your booking is confirmed!',
      '> Booking ID: 7',
    );

    // Act
    const result = unwrapForwards(text);

    // Assess
    expect(result).toEqual({
      body: 'Your booking is confirmed!\nBooking ID: 7',
      subject: undefined,
      sentAt: undefined,
      depth: 1,
    });
  });

  it('joins a Subject wrapped onto an indented next line', () => {
    // Prepare
    const text = lines(
      '---------- Forwarded message ---------',
      'From: Boatsetter <n@boatsetter.example.com>',
      'Subject: Booking confirmed: Azimut 55 Flybridge',
      '  – La Dolce Vita on Sat, Jun 27',
      'Date: Mon, Jun 1, 2026 at 9:58 AM',
      '',
      'Body',
    );

    // Act
    const result = unwrapForwards(text);

    // Assess
    expect(result.subject).toBe(
      'Booking confirmed: Azimut 55 Flybridge – La Dolce Vita on Sat, Jun 27',
    );
    expect(result.body.trim()).toBe('Body');
  });

  it('returns a message without any forward marker unchanged, at depth 0', () => {
    // Act
    const result = unwrapForwards(BOOKING);

    // Assess
    expect(result).toEqual({ body: BOOKING, subject: undefined, sentAt: undefined, depth: 0 });
  });

  it('leaves the body alone when maxDepth is 0', () => {
    // Act + Assess
    expect(unwrapForwards(GMAIL, 0)).toEqual({
      body: GMAIL,
      subject: undefined,
      sentAt: undefined,
      depth: 0,
    });
  });

  it('does not treat a booking\'s own "From:" and "Date:" fields as a forward', () => {
    // Prepare
    const text = lines(
      'Your booking is confirmed!',
      'From: Shelter Island Marina',
      'Date: Sat, Jun 27, 2026',
      'Time: 1pm-5pm',
    );

    // Act
    const result = unwrapForwards(text);

    // Assess
    expect(result).toEqual({ body: text, subject: undefined, sentAt: undefined, depth: 0 });
  });
});
