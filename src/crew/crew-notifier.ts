/**
 * How crew hear from deckhand: a message per assignment change, delivered by a Slack DM when
 * the roster has the person's Slack id and by email when it has an address. No money, ever:
 * the message is built from crew-visible facts only.
 */
import type { RosterMember, Tenant } from '../tenants/tenant-schema.ts';
import { formatInZone, formatShortDay } from '../time/zoned.ts';

export type CrewMessageKind = 'assignment' | 'reminder' | 'changed' | 'released' | 'cancelled';

export interface CrewBriefing {
  boat: string | null;
  role: string;
  callAt: string;
  startsAt: string;
  endsAt: string;
  departure: string;
  partySize: number | null;
}

export interface CrewMessage {
  kind: CrewMessageKind;
  tenant: Pick<Tenant, 'id' | 'name' | 'timezone' | 'contact'>;
  person: Pick<RosterMember, 'id' | 'name' | 'email' | 'slackUserId'>;
  bookingId: string;
  briefing: CrewBriefing;
  /** The person's magic link, when the message carries one. */
  link: string | null;
}

/** Delivers crew messages. Implementations: email outbox, SES, Slack DM (with the Slack app). */
export interface CrewNotifier {
  send(message: CrewMessage): Promise<{ channel: string; ref: string } | undefined>;
}

const SUBJECTS: Record<CrewMessageKind, string> = {
  assignment: 'You are on the crew',
  reminder: 'Reminder: please confirm',
  changed: 'Charter details changed',
  released: 'You are no longer needed',
  cancelled: 'Charter cancelled',
};

/** Subject and plain text of a crew message: what, when, where, and the link. */
export function crewMessageText(message: CrewMessage): { subject: string; text: string } {
  const zone = message.tenant.timezone;
  const when = formatInZone(new Date(message.briefing.callAt), zone);
  const day = formatShortDay(new Date(message.briefing.startsAt), zone);
  // With no boat the company name would read as if it were the boat; say it is not set instead.
  const subject = message.briefing.boat
    ? `${SUBJECTS[message.kind]}: ${message.briefing.boat} on ${day}`
    : `${SUBJECTS[message.kind]}: ${day} (boat not set)`;
  const lines = [`Hi ${message.person.name.split(' ')[0]},`, ''];
  switch (message.kind) {
    case 'assignment':
      lines.push(`${message.tenant.name} has you on the crew as ${message.briefing.role}.`);
      break;
    case 'reminder':
      lines.push(`We still need your answer for this charter (${message.briefing.role}).`);
      break;
    case 'changed':
      lines.push('The details of this charter changed. Here is what holds now:');
      break;
    case 'released':
      lines.push('You are no longer on the crew for this charter. Thank you!');
      break;
    case 'cancelled':
      lines.push('This charter has been cancelled. You are not needed.');
      break;
  }
  if (message.kind !== 'released' && message.kind !== 'cancelled') {
    lines.push(
      '',
      `Be at the dock by: ${when}`,
      `Where: ${message.briefing.departure}`,
      `Boat: ${message.briefing.boat ?? 'not set yet'}`,
      ...(message.briefing.partySize ? [`Guests: ${message.briefing.partySize}`] : []),
    );
  }
  if (message.link) lines.push('', `See the details and confirm or decline: ${message.link}`);
  lines.push(
    '',
    `Questions: ${message.tenant.contact.phone} · ${message.tenant.contact.email}`,
    `${message.tenant.name}`,
  );
  return { subject, text: `${lines.join('\n')}\n` };
}

/** Sends through every notifier that can reach the person (Slack, then email). */
export class CompositeCrewNotifier implements CrewNotifier {
  readonly #notifiers: readonly CrewNotifier[];

  constructor(notifiers: readonly CrewNotifier[]) {
    this.#notifiers = notifiers;
  }

  async send(message: CrewMessage): Promise<{ channel: string; ref: string } | undefined> {
    let first: { channel: string; ref: string } | undefined;
    for (const notifier of this.#notifiers) {
      const sent = await notifier.send(message);
      first ??= sent;
    }
    return first;
  }
}

/**
 * Slack DMs for people with a Slack user id. The Slack app provides `postDirectMessage` (a DM
 * with Confirm / Decline buttons); until it is connected, crew get email only.
 */
export class SlackDmNotifier implements CrewNotifier {
  readonly #post: (userId: string, message: CrewMessage, text: string) => Promise<string>;

  constructor(
    postDirectMessage: (userId: string, message: CrewMessage, text: string) => Promise<string>,
  ) {
    this.#post = postDirectMessage;
  }

  async send(message: CrewMessage): Promise<{ channel: string; ref: string } | undefined> {
    if (!message.person.slackUserId) return undefined;
    const ref = await this.#post(
      message.person.slackUserId,
      message,
      crewMessageText(message).text,
    );
    return { channel: 'slack', ref };
  }
}
