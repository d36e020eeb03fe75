/**
 * Sends the reminders that are due for a tenant's unanswered assignments. Each is claimed with a
 * conditional update before it is sent, so two schedulers (or a restart) send it once; the
 * next reminder time is stored with it, so a restart loses none. Ops are told who has not
 * answered.
 */
import type { PipelineEvent } from '../bookings/pipeline-progress.ts';
import type { BookingRepository } from '../storage/ports/booking-repository.ts';
import { AssignmentConflictError } from '../storage/ports/crew-repository.ts';
import type { EventLog } from '../storage/ports/event-log.ts';
import type { Tenant } from '../tenants/tenant-schema.ts';
import { briefingFor, callAt } from './crew-briefing.ts';
import type { CrewDeps } from './crew-deps.ts';
import { hashLinkToken, newLinkToken } from './magic-link-token.ts';
import { nextReminderAt } from './reminder-schedule.ts';

/** What sending reminders reads and writes (the pipeline's deps satisfy it). */
export interface ReminderDeps {
  store: Pick<BookingRepository, 'get'> & Pick<EventLog, 'appendEvent'>;
  crew: CrewDeps;
  onEvent?(tenantId: string, bookingId: string, event: PipelineEvent): void;
}

export async function sendDueReminders(
  deps: ReminderDeps,
  tenant: Tenant,
  now: Date,
): Promise<string[]> {
  const sent: string[] = [];
  for (const due of await deps.crew.store.dueReminders(tenant.id, now.toISOString())) {
    const booking = await deps.store.get(tenant.id, due.bookingId);
    if (!booking || booking.status === 'cancelled' || due.state !== 'pending') continue;
    const issued = due.history.find((h) => h.action === 'issued');
    const next = nextReminderAt(
      {
        issuedAt: new Date(issued?.at ?? due.createdAt),
        startsAt: new Date(booking.startsAt),
        callAt: callAt(booking, tenant),
        remindersSent: due.remindersSent + 1,
        now,
      },
      tenant.crew,
      tenant.timezone,
    );
    try {
      await deps.crew.store.update(due, {
        ...due,
        remindersSent: due.remindersSent + 1,
        nextReminderAt: next?.toISOString() ?? null,
        history: [...due.history, { at: now.toISOString(), action: 'reminded' }],
        updatedAt: now.toISOString(),
      });
    } catch (error) {
      if (error instanceof AssignmentConflictError) continue; // someone else sent it, or they answered
      throw error;
    }
    const person = tenant.roster.find((m) => m.id === due.personId);
    if (!person) continue;
    const token = newLinkToken();
    await deps.crew.store.putLink(hashLinkToken(token) as string, {
      tenantId: tenant.id,
      bookingId: booking.bookingId,
      personId: due.personId,
      expiresAt: due.linkExpiresAt,
    });
    await deps.crew.notifier.send({
      kind: 'reminder',
      tenant,
      person,
      bookingId: booking.bookingId,
      briefing: briefingFor(booking, tenant, due.personId),
      link: deps.crew.linkUrl(tenant, token),
    });
    const pending = (await deps.crew.store.list(tenant.id, booking.bookingId)).filter(
      (a) => a.state === 'pending',
    );
    const names = pending.map(
      (a) => tenant.roster.find((m) => m.id === a.personId)?.name ?? a.personId,
    );
    const event = await deps.store.appendEvent(tenant.id, booking.bookingId, {
      type: 'crew_reminded',
      at: now.toISOString(),
      message: `Reminded ${person.name}; still no answer from ${names.join(', ')}`,
      detail: { personId: due.personId, pending: pending.map((a) => a.personId) },
    });
    deps.onEvent?.(tenant.id, booking.bookingId, event);
    sent.push(due.personId);
  }
  return sent;
}
