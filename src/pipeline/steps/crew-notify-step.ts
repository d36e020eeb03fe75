/**
 * Step 6, after the crew event exists: every assigned person (captain included) gets an
 * assignment and, when deckhand delivers the links (built-in SCC), a personal magic link by
 * Slack DM and/or email. Re-runs on a change: new people are notified, people taken off are
 * released, the others are told what changed; a cancellation tells everyone.
 * Messages are at-least-once, never lost: the assignment is stored with `notifiedAt: null`
 * before its message goes and marked after, so a run that stopped in between (a crash, a write
 * whose answer was lost) sends it on the next run; a crash between sending and marking sends
 * it again.
 */

import type { Booking } from '../../bookings/booking.ts';
import type { CrewAssignment } from '../../crew/crew-assignment.ts';
import { assignedPeople, briefingFor, callAt, roleOn } from '../../crew/crew-briefing.ts';
import type { CrewMessageKind } from '../../crew/crew-notifier.ts';
import { hashLinkToken, newLinkToken } from '../../crew/magic-link-token.ts';
import { nextReminderAt } from '../../crew/reminder-schedule.ts';
import { AssignmentConflictError } from '../../storage/ports/crew-repository.ts';
import type { Tenant } from '../../tenants/tenant-schema.ts';
import type { PipelineDeps } from '../pipeline-deps.ts';
import type { PipelineStep } from '../pipeline-step.ts';

async function issueLink(
  deps: PipelineDeps,
  booking: Booking,
  tenant: Tenant,
  personId: string,
  expiresAt: number,
): Promise<string> {
  const token = newLinkToken();
  await deps.crew.store.putLink(hashLinkToken(token) as string, {
    tenantId: tenant.id,
    bookingId: booking.bookingId,
    personId,
    expiresAt,
  });
  return deps.crew.linkUrl(tenant, token);
}

async function tell(
  deps: PipelineDeps,
  booking: Booking,
  tenant: Tenant,
  personId: string,
  kind: CrewMessageKind,
  link: string | null,
) {
  const person = tenant.roster.find((m) => m.id === personId);
  if (!person) return;
  await deps.crew.notifier.send({
    kind,
    tenant,
    person,
    bookingId: booking.bookingId,
    briefing: briefingFor(booking, tenant, personId),
    link,
  });
}

/** Sends the assignment message, then records that it went. */
async function notify(
  deps: PipelineDeps,
  booking: Booking,
  tenant: Tenant,
  assignment: CrewAssignment,
  link: string | null,
): Promise<void> {
  await tell(deps, booking, tenant, assignment.personId, 'assignment', link);
  const notifiedAt = deps.clock().toISOString();
  try {
    await deps.crew.store.update(assignment, { ...assignment, notifiedAt });
  } catch (error) {
    if (!(error instanceof AssignmentConflictError)) throw error;
    // The person answered the moment the message arrived: mark the answered record.
    const latest = await deps.crew.store.get(tenant.id, booking.bookingId, assignment.personId);
    if (latest && latest.notifiedAt === null)
      await deps.crew.store.update(latest, { ...latest, notifiedAt });
  }
}

export const crewNotifyStep: PipelineStep = {
  name: 'crew_notify',
  dependsOn: ['crew_event'],
  inputs: (booking, tenant) => ({
    people: assignedPeople(booking).map((id) => [id, briefingFor(booking, tenant, id)]),
    cancelled: booking.status === 'cancelled',
  }),
  async run({ booking, tenant, deps, upstream }) {
    const now = deps.clock();
    const eventId = upstream.crew_event?.eventId;
    if (typeof eventId === 'string')
      await deps.crew.store.putSccEventRef(tenant.id, eventId, booking.bookingId);
    const sendsLinks = deps.crew.delivery === 'deckhand';
    const linkExpiresAt = Date.parse(booking.endsAt) + tenant.crew.linkGraceMinutes * 60_000;
    const existing = new Map(
      (await deps.crew.store.list(tenant.id, booking.bookingId)).map((a) => [a.personId, a]),
    );
    const cancelled = booking.status === 'cancelled';
    const wanted = cancelled ? [] : assignedPeople(booking);
    const notified: string[] = [];

    // People are independent: tell them all at once.
    await Promise.all(
      wanted.map(async (personId) => {
        const current = existing.get(personId);
        const briefing = briefingFor(booking, tenant, personId);
        if (!current || current.state === 'replaced') {
          const link = sendsLinks
            ? await issueLink(deps, booking, tenant, personId, linkExpiresAt)
            : null;
          const reminder = nextReminderAt(
            {
              issuedAt: now,
              startsAt: new Date(booking.startsAt),
              callAt: callAt(booking, tenant),
              remindersSent: 0,
              now,
            },
            tenant.crew,
            tenant.timezone,
          );
          const fresh: CrewAssignment = {
            tenantId: tenant.id,
            bookingId: booking.bookingId,
            personId,
            role: roleOn(booking, tenant, personId),
            state: 'pending',
            version: current?.version ?? 1,
            history: [...(current?.history ?? []), { at: now.toISOString(), action: 'issued' }],
            linkExpiresAt,
            delivery: deps.crew.delivery,
            nextReminderAt: sendsLinks ? (reminder?.toISOString() ?? null) : null,
            remindersSent: 0,
            briefing,
            ...(sendsLinks ? { notifiedAt: null } : {}),
            createdAt: current?.createdAt ?? now.toISOString(),
            updatedAt: now.toISOString(),
          };
          const stored = current
            ? await deps.crew.store.update(current, fresh)
            : (await deps.crew.store.create(fresh))
              ? fresh
              : // Already there: an earlier attempt stored it and its answer was lost.
                await deps.crew.store.get(tenant.id, booking.bookingId, personId);
          if (!stored) return;
          if (stored.notifiedAt === null) await notify(deps, booking, tenant, stored, link);
          notified.push(personId);
        } else if (current.state === 'pending' && current.notifiedAt === null) {
          // Stored by a run that stopped before its message went: send it now.
          const link = await issueLink(deps, booking, tenant, personId, linkExpiresAt);
          await notify(deps, booking, tenant, current, link);
          notified.push(personId);
        } else if (JSON.stringify(current.briefing) !== JSON.stringify(briefing)) {
          // Same person, new details (time, place, role): tell them, with a fresh link.
          const link = sendsLinks
            ? await issueLink(deps, booking, tenant, personId, linkExpiresAt)
            : null;
          await deps.crew.store.update(current, {
            ...current,
            briefing,
            role: roleOn(booking, tenant, personId),
            linkExpiresAt,
            history: [...current.history, { at: now.toISOString(), action: 'changed' }],
            updatedAt: now.toISOString(),
          });
          if (sendsLinks) await tell(deps, booking, tenant, personId, 'changed', link);
        }
      }),
    );
    const released: string[] = [];
    await Promise.all(
      [...existing].map(async ([personId, current]) => {
        if (wanted.includes(personId) || current.state === 'replaced') return;
        await deps.crew.store.update(current, {
          ...current,
          state: 'replaced',
          nextReminderAt: null,
          history: [...current.history, { at: now.toISOString(), action: 'replaced' }],
          updatedAt: now.toISOString(),
        });
        if (sendsLinks)
          await tell(deps, booking, tenant, personId, cancelled ? 'cancelled' : 'released', null);
        released.push(personId);
      }),
    );
    // Per person, in order, for the Slack thread: who was asked, who was taken off.
    const name = (id: string) => tenant.roster.find((m) => m.id === id)?.name ?? id;
    for (const [type, ids, verb] of [
      [
        'crew_notified',
        notified,
        sendsLinks ? 'sent a confirmation link' : 'assigned (SCC sends the link)',
      ],
      [
        'crew_released',
        released,
        cancelled ? 'told the charter is cancelled' : 'taken off the charter',
      ],
    ] as const) {
      for (const personId of ids) {
        const event = await deps.store.appendEvent(tenant.id, booking.bookingId, {
          type,
          at: now.toISOString(),
          message: `${name(personId)} ${verb}`,
          detail: { personId },
        });
        deps.onEvent?.(tenant.id, booking.bookingId, event);
      }
    }
    return { notified, released, delivery: deps.crew.delivery };
  },
};
