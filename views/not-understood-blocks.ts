/** What a `/charter` line said that deckhand did not read, and the values it refused, in words. */
import type { KnownBlock } from '@slack/types';
import type { NotUnderstood } from '../src/intake/intake-result.ts';
import { BLOCK_IDS } from './block-ids.ts';
import { LIMITS, mrkdwn, type SlackMessage, safe } from './slack-format.ts';

/** A word nobody read gets the help pointer; a refused value says its own reason. */
const NOT_READ = 'not part of a booking';

/** "Not understood: 'hello' — not part of a booking; try `/charter help`". Escaped. */
export function notUnderstoodLine(item: NotUnderstood): string {
  const hint = item.reason === NOT_READ ? '; try `/charter help`' : '';
  return `Not understood: '${safe(item.text, 80)}' — ${safe(item.reason, 300)}${hint}`;
}

/**
 * One context block in its own block id, a line per item (Slack takes 10 elements: the rest
 * are counted in the last). Empty when everything was understood.
 */
export function buildNotUnderstoodBlocks(
  items: readonly NotUnderstood[] | undefined,
): KnownBlock[] {
  if (!items || items.length === 0) return [];
  const lines = items.map(notUnderstoodLine);
  const shown =
    lines.length <= 10
      ? lines
      : [...lines.slice(0, 9), `…and ${lines.length - 9} more not understood`];
  return [
    {
      type: 'context',
      block_id: BLOCK_IDS.notUnderstood,
      elements: shown.map((line) => mrkdwn(`:grey_question: ${line}`, LIMITS.contextText)),
    },
  ];
}

/**
 * The ephemeral answer to a `/charter` line with nothing readable in it: what was not
 * understood, and the help pointer, instead of an empty form.
 *
 * @example await ack({ response_type: 'ephemeral', ...buildNotUnderstoodReply(intake.notUnderstood) })
 */
export function buildNotUnderstoodReply(items: readonly NotUnderstood[]): SlackMessage {
  return {
    text: `${items.map(notUnderstoodLine).join('\n')}\nNothing in that line is a booking: \`/charter help\` shows what a line can say, and \`/charter\` alone opens an empty form.`,
    blocks: [
      ...buildNotUnderstoodBlocks(items),
      {
        type: 'section',
        block_id: BLOCK_IDS.notUnderstoodHelp,
        text: mrkdwn(
          'Nothing in that line is a booking. `/charter help` shows what a line can say, e.g. `/charter June 2 10am 3h $840 for Sam Lee party of 4`; `/charter` alone opens an empty form.',
        ),
      },
    ],
  };
}
