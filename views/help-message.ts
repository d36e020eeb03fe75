/** `/charter help`: every way to use deckhand, in one ephemeral message. */
import type { KnownBlock } from '@slack/types';
import { BLOCK_IDS } from './block-ids.ts';
import { LIMITS, mrkdwn, plain, type SlackMessage } from './slack-format.ts';

/**
 * Builds the help message: the `/charter` commands, and the other ways a booking comes in.
 *
 * @example await ack({ response_type: 'ephemeral', ...buildHelpMessage() })
 */
export function buildHelpMessage(): SlackMessage {
  const blocks: KnownBlock[] = [
    { type: 'header', text: plain('deckhand: charters from Slack', LIMITS.headerText) },
    {
      type: 'section',
      block_id: BLOCK_IDS.helpCommands,
      text: mrkdwn(
        [
          '*`/charter June 2 10am 3h $840.75 for Sam Lee party of 4`*: open the approval form filled in from the line (a whole pasted email works too).',
          '*`/charter`*: an empty approval form.',
          '*`/charter list`*: upcoming charters and who has confirmed (only you see it).',
          '*`/charter status ID`*: one charter, with its steps and crew.',
          '*`/charter cancel ID`*: cancel a charter (asks you to confirm).',
          '*`/charter report [this month | last month | 2027-05 | Q3 | 2027]`*: the P&L per boat, with a CSV (approvers; only you see it).',
          'ID: the marketplace booking number, or the id at the end of the charter in `/charter list`.',
          '*`/charter help`*: this message.',
        ].join('\n'),
      ),
    },
    {
      type: 'section',
      block_id: BLOCK_IDS.helpIntake,
      text: mrkdwn(
        [
          "*Forward a booking email* to the ops channel's email address: deckhand replies in its thread with a review card.",
          '*Paste a booking* in a DM to deckhand or mention it with the text, or use the message shortcut *Create charter from message*.',
          'After approval, the thread shows each step and each crew answer; crew with Slack get a DM to confirm. Crew never see money.',
        ].join('\n'),
      ),
    },
  ];
  return {
    text: 'deckhand: /charter with a booking line, /charter list, /charter status ID, /charter cancel ID, or forward a booking email to the ops channel.',
    blocks,
  };
}
