/**
 * A crew member's Slack DM: the briefing (never money) with *Confirm* / *Can't make it*, or, once
 * answered, the answer given with *Change my answer*.
 */
import type { ActionsBlock, Button, KnownBlock } from '@slack/types';
import type { CrewMessage, CrewMessageKind } from '../src/crew/crew-notifier.ts';
import { crewMessageText } from '../src/crew/crew-notifier.ts';
import { truncate } from '../src/text/escape.ts';
import { formatInZone } from '../src/time/zoned.ts';
import { ACTION_IDS, BLOCK_IDS } from './block-ids.ts';
import {
  button,
  formatClockTime,
  LIMITS,
  mrkdwn,
  plain,
  type SlackMessage,
  safe,
} from './slack-format.ts';

export interface CrewDmInput {
  /** What the crew notifier sends: crew-visible facts only. */
  message: CrewMessage;
  /** Opaque key both buttons carry; the listener resolves it to the assignment. */
  assignmentKey: string;
  /**
   * Their current answer, when the DM is updated after they answered: the DM then says it and
   * offers *Change my answer* instead of the two answer buttons.
   */
  answered?: 'confirmed' | 'declined' | null | undefined;
  /** After *Change my answer*: the answer stays shown, with *Confirm* / *Can't make it* again. */
  changing?: boolean | undefined;
}

/** "You confirmed: Deckhand, Tue, Jun 2, 2026, 10:00 AM PDT ✓" and its decline counterpart. */
function answerLine(input: CrewDmInput, role: string, when: string): string | null {
  const changing = input.changing ? ' Pick your new answer below.' : '';
  if (input.answered === 'confirmed')
    return `*You confirmed:* ${role}, ${when} ✓ See you at the dock!${changing}`;
  if (input.answered === 'declined')
    return `❌ *You said you can't make it* (${role}, ${when}). The office will find someone.${changing}`;
  return null;
}

const INTROS: Record<CrewMessageKind, (role: string, company: string) => string> = {
  assignment: (role, company) => `${company} has you on the crew as *${role}*. Can you make it?`,
  reminder: (role) => `We still need your answer for this charter (*${role}*).`,
  changed: () => 'The details of this charter changed. Here is what holds now:',
  released: () => 'You are no longer on the crew for this charter. Thank you!',
  cancelled: () => 'This charter has been cancelled. You are not needed.',
};

/**
 * Builds the DM: a header, what and when (call time, charter hours, where, boat, role, guests),
 * *Confirm* / *Can't make it* (value = `assignmentKey`) and a link to their crew page when the
 * message carries one, and whom to call. Released and cancelled notices have no buttons.
 * Built from `CrewMessage` alone, so no revenue, rate or fee can reach it.
 *
 * @example await client.chat.postMessage({ channel: userId, ...buildCrewDm({ message, assignmentKey: key }) })
 */
export function buildCrewDm(input: CrewDmInput): SlackMessage {
  const { message } = input;
  const zone = message.tenant.timezone;
  const b = message.briefing;
  const { subject } = crewMessageText(message);
  const firstName = message.person.name.split(' ')[0] ?? message.person.name;
  const intro = `Hi ${safe(firstName, 100)}, ${INTROS[message.kind](
    safe(b.role, 100),
    safe(message.tenant.name, 200),
  )}`;
  const open = message.kind !== 'released' && message.kind !== 'cancelled';

  const blocks: KnownBlock[] = [{ type: 'header', text: plain(subject, LIMITS.headerText) }];
  if (open) {
    const fields = [
      ['Be at the dock by', formatInZone(new Date(b.callAt), zone)],
      [
        'Charter',
        `${formatInZone(new Date(b.startsAt), zone)} to ${formatClockTime(new Date(b.endsAt), zone)}`,
      ],
      ['Where', b.departure],
      ['Boat', b.boat],
      ['Role', b.role],
      ['Guests', b.partySize === null ? null : String(b.partySize)],
    ]
      .filter((f): f is [string, string] => f[1] !== null)
      .map(([label, value]) => mrkdwn(`*${label}*\n${safe(value, 1900)}`, LIMITS.sectionField));
    blocks.push({
      type: 'section',
      block_id: BLOCK_IDS.crewDmBriefing,
      text: mrkdwn(intro),
      fields,
    });
  } else {
    blocks.push({ type: 'section', block_id: BLOCK_IDS.crewDmBriefing, text: mrkdwn(intro) });
  }

  const answered = open
    ? answerLine(input, safe(b.role, 100), formatInZone(new Date(b.startsAt), zone))
    : null;
  if (answered)
    blocks.push({ type: 'section', block_id: BLOCK_IDS.crewDmAnswer, text: mrkdwn(answered) });

  const elements: Button[] = [];
  if (open && answered && !input.changing) {
    elements.push(button('Change my answer', ACTION_IDS.crewChangeAnswer, input.assignmentKey));
  } else if (open) {
    elements.push(
      button('Confirm', ACTION_IDS.crewConfirm, input.assignmentKey, { style: 'primary' }),
      button("Can't make it", ACTION_IDS.crewDecline, input.assignmentKey),
    );
  }
  if (
    open &&
    message.link &&
    /^https?:\/\//.test(message.link) &&
    message.link.length <= LIMITS.url
  ) {
    elements.push({
      type: 'button',
      action_id: ACTION_IDS.crewOpenLink,
      text: plain('Details & checklist', LIMITS.buttonText),
      url: message.link,
    });
  }
  if (elements.length > 0) {
    const actions: ActionsBlock = { type: 'actions', block_id: BLOCK_IDS.crewDmActions, elements };
    blocks.push(actions);
  }

  const contact = `Questions: ${safe(message.tenant.contact.phone, 50)} · ${safe(message.tenant.contact.email, 200)}`;
  blocks.push({
    type: 'context',
    block_id: BLOCK_IDS.crewDmContact,
    elements: [mrkdwn(contact, LIMITS.contextText)],
  });

  // The notification text follows the answer, so the DM list does not show a stale question.
  const what = `${b.role}, ${formatInZone(new Date(b.startsAt), zone)}`;
  const text =
    answered && !input.changing
      ? input.answered === 'confirmed'
        ? `You confirmed ✓ ${what}`
        : `You said you can't make it (${what})`
      : subject;
  return { text: truncate(safe(text, LIMITS.messageText), LIMITS.messageText), blocks };
}
