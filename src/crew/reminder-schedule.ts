/**
 * When an unanswered assignment is reminded: a set delay after the link went out, and again
 * the day before the charter; never in the tenant's quiet hours (moved to when they end), and
 * never at or after the crew call time.
 */
import { TZDate } from '@date-fns/tz';
import type { CrewSettings } from './crew-settings.ts';

function minutesOf(clock: string): number {
  const [h, m] = clock.split(':').map(Number) as [number, number];
  return h * 60 + m;
}

/** The instant moved out of quiet hours (to the moment they end), in the tenant's zone. */
export function outsideQuietHours(instant: Date, settings: CrewSettings, timeZone: string): Date {
  const local = new TZDate(instant.getTime(), timeZone);
  const minute = local.getHours() * 60 + local.getMinutes();
  const start = minutesOf(settings.quietHours.start);
  const end = minutesOf(settings.quietHours.end);
  const quiet = start <= end ? minute >= start && minute < end : minute >= start || minute < end;
  if (!quiet) return instant;
  const next = new TZDate(
    local.getFullYear(),
    local.getMonth(),
    local.getDate(),
    Math.trunc(end / 60),
    end % 60,
    0,
    timeZone,
  );
  // Past midnight-spanning quiet hours' start, the end is tomorrow morning.
  if (next.getTime() <= instant.getTime()) next.setDate(next.getDate() + 1);
  return new Date(next.getTime());
}

/**
 * The next reminder after `remindersSent` reminders, or null when none is left.
 *
 * @example nextReminderAt({ issuedAt, startsAt, callAt, remindersSent: 0 }, settings, 'America/Los_Angeles')
 */
export function nextReminderAt(
  at: { issuedAt: Date; startsAt: Date; callAt: Date; remindersSent: number; now: Date },
  settings: CrewSettings,
  timeZone: string,
): Date | null {
  const candidates = [
    new Date(at.issuedAt.getTime() + settings.reminderAfterMinutes * 60_000),
    new Date(at.startsAt.getTime() - 24 * 60 * 60_000),
  ]
    .map((d) => outsideQuietHours(d, settings, timeZone))
    .sort((a, b) => a.getTime() - b.getTime());
  const remaining = candidates
    .slice(at.remindersSent)
    .filter((d) => d.getTime() > at.now.getTime() && d.getTime() < at.callAt.getTime());
  return remaining[0] ?? null;
}
