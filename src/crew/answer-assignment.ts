/**
 * A crew member's answer (confirm or decline, with an optional reason), from the magic link,
 * a Slack button, or SCC's hook: one conditional update, kept in the history, and an event for
 * the Slack thread. Answers can change until the crew call time.
 */
import type { Booking } from '../bookings/booking.ts';
import type { PipelineEvent } from '../bookings/pipeline-progress.ts';
import { DeckhandError } from '../errors.ts';
import type { BookingStore } from '../storage/ports/booking-store.ts';
import { AssignmentConflictError, type CrewRepository } from '../storage/ports/crew-repository.ts';
import type { Tenant } from '../tenants/tenant-schema.ts';
import type { AssignmentHistoryEntry, CrewAssignment } from './crew-assignment.ts';
import { callAt, ROLE_NAMES } from './crew-briefing.ts';

/** An answer that cannot be taken, with what the person should do instead. */
export class AnswerRefusedError extends DeckhandError {
  override readonly name = 'AnswerRefusedError';
}

export interface AnswerDeps {
  bookings: BookingStore;
  crew: CrewRepository;
  onEvent?: ((tenantId: string, bookingId: string, event: PipelineEvent) => void) | undefined;
}

export const MAX_REASON_LENGTH = 500;

/**
 * Records an answer. Returns the assignment as it now stands (unchanged when the answer is the
 * same as before and gives no new reason).
 */
export async function answerAssignment(
  deps: AnswerDeps,
  tenant: Tenant,
  target: { bookingId: string; personId: string },
  answer: {
    state: 'confirmed' | 'declined';
    reason?: string | undefined;
    via: AssignmentHistoryEntry['via'];
  },
  now: Date,
): Promise<{ assignment: CrewAssignment; booking: Booking }> {
  const booking = await deps.bookings.get(tenant.id, target.bookingId);
  if (!booking) throw new AnswerRefusedError('unknown_booking', 'This charter is not known.');
  const contact = `Call ${tenant.name} on ${tenant.contact.phone}.`;
  if (booking.status === 'cancelled') {
    throw new AnswerRefusedError(
      'cancelled',
      'This charter has been cancelled; no answer is needed.',
      { hint: contact },
    );
  }
  if (now.getTime() >= callAt(booking, tenant).getTime()) {
    throw new AnswerRefusedError('too_late', 'Answers close at the crew call time.', {
      hint: `To change your answer now, ${contact.toLowerCase()}`,
    });
  }
  const reason = answer.reason?.trim().slice(0, MAX_REASON_LENGTH) || undefined;
  for (let attempt = 0; attempt < 5; attempt += 1) {
    const current = await deps.crew.get(tenant.id, target.bookingId, target.personId);
    if (!current || current.state === 'replaced') {
      throw new AnswerRefusedError(
        'not_assigned',
        'You are not on the crew for this charter any more.',
        { hint: contact },
      );
    }
    // The same answer again (a double click, a reload, a replayed POST) changes nothing; with a
    // reason, only a new reason is news.
    const last = current.history.at(-1);
    if (
      current.state === answer.state &&
      (!reason || (last?.action === answer.state && last.reason === reason))
    )
      return { assignment: current, booking };
    try {
      const assignment = await deps.crew.update(current, {
        ...current,
        state: answer.state,
        nextReminderAt: null,
        history: [
          ...current.history,
          {
            at: now.toISOString(),
            action: answer.state,
            via: answer.via,
            ...(reason ? { reason } : {}),
          },
        ],
        updatedAt: now.toISOString(),
      });
      const person = tenant.roster.find((m) => m.id === target.personId);
      const who = `${person?.name ?? target.personId} (${ROLE_NAMES[current.role]})`;
      const changed = current.state !== 'pending' ? ' (changed their answer)' : '';
      const event = await deps.bookings.appendEvent(tenant.id, target.bookingId, {
        type: answer.state === 'confirmed' ? 'crew_confirmed' : 'crew_declined',
        at: now.toISOString(),
        message: `${who} ${answer.state}${changed}${reason ? `: ${reason}` : ''}`,
        detail: {
          personId: target.personId,
          role: current.role,
          state: answer.state,
          previous: current.state,
          via: answer.via,
          reason: reason ?? null,
        },
      });
      deps.onEvent?.(tenant.id, target.bookingId, event);
      return { assignment, booking };
    } catch (error) {
      if (!(error instanceof AssignmentConflictError)) throw error;
    }
  }
  throw new AnswerRefusedError('busy', 'Your answer could not be saved; try again.');
}
