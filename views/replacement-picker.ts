/** A declined crew member with a *Pick replacement* select of the people who are free. */
import type { SectionBlock } from '@slack/types';
import { ROLE_NAMES } from '../src/crew/crew-briefing.ts';
import { encodeReplacementChoice } from './action-values.ts';
import { ACTION_IDS } from './block-ids.ts';
import { type CrewStatusEntry, LIMITS, mrkdwn, option, plain, safe } from './slack-format.ts';

/**
 * Builds the section for one decline: who, their reason (escaped), and a static select of the
 * suggested replacements (option value `encodeReplacementChoice`). Without suggestions it says
 * nobody is free and offers no select. No block_id: a message can hold several.
 *
 * @example buildReplacementPicker({ personId: 'kai', name: 'Kai', role: 'deckhand', state: 'declined', suggestions: [{ id: 'nina', name: 'Nina' }] }, booking.bookingId)
 */
export function buildReplacementPicker(entry: CrewStatusEntry, bookingId: string): SectionBlock {
  const reason = entry.reason ? `: “${safe(entry.reason, 500)}”` : '';
  const who = `❌ *${safe(entry.name, 200)}* (${ROLE_NAMES[entry.role]}) declined${reason}.`;
  const suggestions = (entry.suggestions ?? []).slice(0, LIMITS.selectOptions);
  if (suggestions.length === 0)
    return { type: 'section', text: mrkdwn(`${who} Nobody else with that role is free.`) };
  return {
    type: 'section',
    text: mrkdwn(`${who} Pick a replacement:`),
    accessory: {
      type: 'static_select',
      action_id: ACTION_IDS.pickReplacement,
      placeholder: plain('Pick replacement', LIMITS.placeholder),
      options: suggestions.map((s) =>
        option(
          s.name,
          encodeReplacementChoice({ bookingId, replacing: entry.personId, personId: s.id }),
        ),
      ),
    },
  };
}
