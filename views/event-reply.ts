/** Thread replies for the notable events of a charter; null for the noise. */
import type { KnownBlock } from '@slack/types';
import type { PipelineEvent } from '../src/bookings/pipeline-progress.ts';
import { ROLE_NAMES } from '../src/crew/crew-briefing.ts';
import type { BookingFieldName } from '../src/intake/intake-result.ts';
import type { CrewRole, Tenant } from '../src/tenants/tenant-schema.ts';
import { truncate } from '../src/text/escape.ts';
import { ACTION_IDS, BLOCK_IDS } from './block-ids.ts';
import { FIELD_LABELS } from './booking-summary-blocks.ts';
import { buildReplacementPicker } from './replacement-picker.ts';
import { button, LIMITS, mrkdwn, safe, stepLabel, userMention } from './slack-format.ts';

export interface EventReplyContext {
  /** deckhand's booking id: what *Retry* and *Pick replacement* carry. */
  bookingId: string;
  /** Slack user id of whoever approved, for `approved` (else the event's `detail.by`). */
  approvedBy?: string | null | undefined;
  /** True when this event leaves every crew member confirmed. */
  allHandsConfirmed?: boolean | undefined;
  /** For `crew_declined`: people who could replace them (suggestReplacements). */
  suggestions?: readonly { id: string; name: string }[] | undefined;
}

/** A thread reply: `text` always (notifications), blocks when there is something to click. */
export interface EventReply {
  text: string;
  blocks?: KnownBlock[];
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}

function personName(tenant: Tenant, personId: string | undefined): string | undefined {
  if (!personId) return undefined;
  return tenant.roster.find((m) => m.id === personId)?.name ?? personId;
}

function who(event: PipelineEvent, tenant: Tenant): string {
  const detail = event.detail ?? {};
  const name = personName(tenant, str(detail.personId)) ?? 'Someone';
  const role = str(detail.role);
  const roleName = role && role in ROLE_NAMES ? ROLE_NAMES[role as CrewRole] : undefined;
  return `${safe(name, 200)}${roleName ? ` (${roleName})` : ''}`;
}

function reply(text: string): EventReply {
  return { text: truncate(text, LIMITS.messageText) };
}

/**
 * The reply for an event, or null when it is noise (steps starting, finishing one by one or
 * retrying, crew notified or released: the status message shows those). Notable: approved (by
 * whom), every step done, a step failed (*Retry*), crew confirmed (and all hands), crew
 * declined (with the reason and *Pick replacement*), reminders sent, a replacement assigned,
 * the booking modified or cancelled. Every name and reason is escaped.
 *
 * @example
 * const r = buildEventReply(event, tenant, { bookingId, allHandsConfirmed: true });
 * if (r) await client.chat.postMessage({ channel, thread_ts, ...r });
 */
export function buildEventReply(
  event: PipelineEvent,
  tenant: Tenant,
  context: EventReplyContext,
): EventReply | null {
  const detail = event.detail ?? {};
  switch (event.type) {
    case 'approved': {
      const by = context.approvedBy ?? str(detail.by);
      return reply(`👍 Approved${by ? ` by ${userMention(by)}` : ''}. Setting up the charter.`);
    }
    case 'pipeline_done':
      return reply(
        '✅ All steps done: guest page, crew page, calendar entry and crew event are ready, revenue is off the crew event, and the crew have their links.',
      );
    case 'step_failed': {
      const label = stepLabel(event.step);
      const prefix = `${event.step ?? ''} failed: `;
      const why = event.message.startsWith(prefix)
        ? event.message.slice(prefix.length)
        : event.message;
      const text = `⚠️ ${label} failed: ${safe(why, 1500)}`;
      return {
        text: truncate(text, LIMITS.messageText),
        blocks: [
          {
            type: 'section',
            block_id: BLOCK_IDS.eventReply,
            text: mrkdwn(text),
            accessory: button('Retry', ACTION_IDS.retryPipeline, context.bookingId),
          },
        ],
      };
    }
    case 'crew_confirmed': {
      const changed = detail.previous === 'declined' ? ' (changed their answer)' : '';
      const all = context.allHandsConfirmed ? '\n🎉 *All hands confirmed.*' : '';
      return reply(`✅ ${who(event, tenant)} confirmed${changed}.${all}`);
    }
    case 'crew_declined': {
      const personId = str(detail.personId);
      const role = str(detail.role);
      const reason = str(detail.reason);
      const text = `❌ ${who(event, tenant)} declined${reason ? `: “${safe(reason, 500)}”` : '.'}`;
      if (!personId || !role || !(role in ROLE_NAMES)) return reply(text);
      return {
        text: truncate(text, LIMITS.messageText),
        blocks: [
          {
            ...buildReplacementPicker(
              {
                personId,
                name: personName(tenant, personId) ?? personId,
                role: role as CrewRole,
                state: 'declined',
                reason: reason ?? null,
                suggestions: context.suggestions ?? [],
              },
              context.bookingId,
            ),
            block_id: BLOCK_IDS.eventReply,
          },
        ],
      };
    }
    case 'crew_reminded': {
      const pending = Array.isArray(detail.pending)
        ? detail.pending.filter((p): p is string => typeof p === 'string')
        : [];
      const names = pending.map((id) => safe(personName(tenant, id) ?? id, 200));
      return reply(
        `🔔 Reminder sent to ${who(event, tenant)}.${names.length > 0 ? ` Still waiting on ${names.join(', ')}.` : ''}`,
      );
    }
    case 'crew_replaced': {
      const role = str(detail.role);
      const roleName = role && role in ROLE_NAMES ? ROLE_NAMES[role as CrewRole] : 'crew';
      const name = personName(tenant, str(detail.personId));
      return reply(
        `🔁 ${name ? safe(name, 200) : 'A replacement'} is on the charter as ${roleName}; they have been asked to confirm.`,
      );
    }
    case 'modified': {
      const changed = Array.isArray(detail.changed)
        ? detail.changed.filter((f): f is string => typeof f === 'string')
        : [];
      const labels = changed.map((f) =>
        f in FIELD_LABELS ? FIELD_LABELS[f as BookingFieldName] : safe(f, 50),
      );
      return reply(
        `✏️ Booking changed${labels.length > 0 ? `: ${labels.join(', ')}` : ''}. The affected steps run again and the crew are told.`,
      );
    }
    case 'cancelled':
      return reply(
        '🛑 Charter cancelled. The guest page now shows a cancellation notice; the crew event and calendar entry are cancelled and the crew told.',
      );
    default:
      return null;
  }
}
