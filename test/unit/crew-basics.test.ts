/** Pure crew pieces: magic-link tokens and form keys, reminder times, and what crew are told. */
import { describe, expect, it } from 'vitest';
import { crewMessageText } from '../../src/crew/crew-notifier.ts';
import {
  formKey,
  formKeyMatches,
  hashLinkToken,
  newLinkToken,
} from '../../src/crew/magic-link-token.ts';
import { nextReminderAt, outsideQuietHours } from '../../src/crew/reminder-schedule.ts';

const settings = {
  linkGraceMinutes: 720,
  reminderAfterMinutes: 1440,
  quietHours: { start: '17:00', end: '08:00' },
};
const LA = 'America/Los_Angeles';

describe('magic-link tokens', () => {
  it('are 256 random bits, URL-safe, never the same twice', () => {
    const tokens = new Set(Array.from({ length: 1000 }, () => newLinkToken()));
    expect(tokens.size).toBe(1000);
    for (const token of tokens) expect(Buffer.from(token, 'base64url')).toHaveLength(32);
  });

  it('are stored as a SHA-256, and junk is refused before any lookup', () => {
    const token = newLinkToken();
    expect(hashLinkToken(token)).toMatch(/^[0-9a-f]{64}$/);
    expect(hashLinkToken(token)).not.toContain(token);
    for (const junk of ['', 'short', `${token}x`, `${token.slice(0, 42)}/`, '../../etc/passwd'])
      expect(hashLinkToken(junk)).toBeUndefined();
  });

  it('give each link its own form key, which only the server can make', () => {
    const a = hashLinkToken(newLinkToken()) as string;
    const b = hashLinkToken(newLinkToken()) as string;
    expect(formKeyMatches('secret', a, formKey('secret', a))).toBe(true);
    expect(formKeyMatches('secret', b, formKey('secret', a))).toBe(false);
    expect(formKeyMatches('other', a, formKey('secret', a))).toBe(false);
    expect(formKeyMatches('secret', a, '')).toBe(false);
  });
});

describe('reminder times', () => {
  it.each([
    ['2026-06-01T23:30:00Z', '2026-06-01T23:30:00.000Z'], // 16:30 local: before quiet hours
    ['2026-06-02T01:00:00Z', '2026-06-02T15:00:00.000Z'], // 18:00 local: moved to 08:00 next morning
    ['2026-06-02T10:00:00Z', '2026-06-02T15:00:00.000Z'], // 03:00 local: moved to 08:00 the same morning
    ['2026-06-02T18:00:00Z', '2026-06-02T18:00:00.000Z'], // 11:00 local: fine
  ])('moves %s out of quiet hours to %s', (instant, expected) => {
    expect(outsideQuietHours(new Date(instant), settings, LA).toISOString()).toBe(expected);
  });

  it('reminds after the delay, then the day before, never at or after the call time', () => {
    const issuedAt = new Date('2026-06-01T17:00:00Z'); // 10:00 local
    const startsAt = new Date('2026-06-10T16:00:00Z');
    const callAt = new Date('2026-06-10T15:00:00Z');

    expect(
      nextReminderAt(
        { issuedAt, startsAt, callAt, remindersSent: 0, now: issuedAt },
        settings,
        LA,
      )?.toISOString(),
    ).toBe('2026-06-02T17:00:00.000Z');
    expect(
      nextReminderAt(
        { issuedAt, startsAt, callAt, remindersSent: 1, now: issuedAt },
        settings,
        LA,
      )?.toISOString(),
    ).toBe('2026-06-09T16:00:00.000Z');
    expect(
      nextReminderAt({ issuedAt, startsAt, callAt, remindersSent: 2, now: issuedAt }, settings, LA),
    ).toBeNull();
    // Booked the evening before: both reminders would fall after the call time or in the past.
    const late = new Date('2026-06-10T02:00:00Z');
    expect(
      nextReminderAt(
        { issuedAt: late, startsAt, callAt, remindersSent: 0, now: late },
        settings,
        LA,
      ),
    ).toBeNull();
  });
});

describe('crew messages', () => {
  it('say when and where, carry the link, and never money', () => {
    const { subject, text } = crewMessageText({
      kind: 'assignment',
      tenant: {
        id: 'qsd',
        name: 'Queen of San Diego Charters',
        timezone: LA,
        contact: { phone: '+1 619 555 0100', email: 'ops@example.com' },
      },
      person: {
        id: 'jules',
        name: 'Jules Fakename',
        email: 'jules@example.com',
        slackUserId: undefined,
      },
      bookingId: 'BK1',
      briefing: {
        boat: 'Sea Breeze',
        role: 'deckhand',
        callAt: '2026-06-02T15:00:00.000Z',
        startsAt: '2026-06-02T16:00:00.000Z',
        endsAt: '2026-06-02T19:00:00.000Z',
        departure: 'Shelter Island Marina, Dock C',
        partySize: 4,
      },
      link: 'http://127.0.0.1:3000/crew/qsd/TOKEN',
    });

    expect(subject).toBe('You are on the crew: Sea Breeze on Tue, Jun 2');
    expect(text).toContain('Be at the dock by: Tue, Jun 2, 2026, 8:00 AM PDT');
    expect(text).toContain('http://127.0.0.1:3000/crew/qsd/TOKEN');
    expect(text).not.toMatch(/\$|revenue|rate|fee|profit/i);
  });

  it('say the boat is not set when there is none, not the company name as if it were the boat', () => {
    const { subject, text } = crewMessageText({
      kind: 'changed',
      tenant: {
        id: 'qsd',
        name: 'Queen of San Diego Charters',
        timezone: LA,
        contact: { phone: '+1 619 555 0100', email: 'ops@example.com' },
      },
      person: {
        id: 'jules',
        name: 'Jules Fakename',
        email: 'jules@example.com',
        slackUserId: undefined,
      },
      bookingId: 'BK1',
      briefing: {
        boat: null,
        role: 'deckhand',
        callAt: '2026-06-02T15:00:00.000Z',
        startsAt: '2026-06-02T16:00:00.000Z',
        endsAt: '2026-06-02T19:00:00.000Z',
        departure: 'Shelter Island Marina, Dock C',
        partySize: null,
      },
      link: null,
    });

    expect(subject).toBe('Charter details changed: Tue, Jun 2 (boat not set)');
    expect(subject).not.toContain('Queen of San Diego');
    expect(text).toContain('Boat: not set yet');
  });
});
