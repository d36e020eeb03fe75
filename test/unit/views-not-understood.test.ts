/** What a /charter line did not understand: in the modal, in its own block, and as the ephemeral answer. */
import { describe, expect, it } from 'vitest';
import { parseIntake } from '../../src/intake/parse-intake.ts';
import { approvalDraftFromIntake } from '../../views/approval-draft.ts';
import { buildApprovalModal } from '../../views/approval-modal.ts';
import { BLOCK_IDS } from '../../views/block-ids.ts';
import {
  buildNotUnderstoodBlocks,
  buildNotUnderstoodReply,
} from '../../views/not-understood-blocks.ts';
import {
  exampleTenant,
  expectKnownIds,
  expectWithinLimits,
  mrkdwnTexts,
  NOW,
  ZONE,
} from '../support/view-fixtures.ts';

const METADATA = { tenantId: 'queen-of-san-diego', draftId: 'DRX4K2M9QZ', channelId: 'C0QSDOPS' };
const line = (text: string) => parseIntake(text, { now: NOW, timeZone: ZONE, source: 'command' });

describe('not understood on /charter', () => {
  it('puts a line per item at the top of the modal, with the help pointer for unread words', async () => {
    const tenant = await exampleTenant();
    const intake = await line('yesterday 10am 3h hello $700 for Sam Lee party of 400');
    const view = buildApprovalModal({
      tenant,
      now: NOW,
      metadata: METADATA,
      draft: approvalDraftFromIntake(intake, tenant),
      missing: intake.missing,
      notUnderstood: intake.notUnderstood,
    });

    const block = view.blocks.find((b) => b.block_id === BLOCK_IDS.notUnderstood);
    expect(view.blocks.indexOf(block as (typeof view.blocks)[number])).toBe(1);
    expect(mrkdwnTexts([block])).toEqual([
      ":grey_question: Not understood: 'party of 400' — 400 guests is over 99, the most a charter takes here (no boat capacity is set)",
      ":grey_question: Not understood: 'yesterday' — 'yesterday' has passed",
      ":grey_question: Not understood: 'hello' — not part of a booking; try `/charter help`",
    ]);
    expectKnownIds(view);
    expectWithinLimits(view as unknown as { blocks: unknown[] }, 'modal');
    expect(block).toMatchSnapshot();
  });

  it('adds no block when everything was understood', async () => {
    const intake = await line('June 2 10am 3h $840.75 for Sam Lee party of 4');
    expect(intake.notUnderstood).toEqual([]);
    expect(buildNotUnderstoodBlocks(intake.notUnderstood)).toEqual([]);
    expect(buildNotUnderstoodBlocks(undefined)).toEqual([]);
  });

  it('escapes what was typed and keeps to ten elements', async () => {
    const intake = await line(`<!channel> *bold* ${'junk '.repeat(30)}`);
    const [block] = buildNotUnderstoodBlocks(intake.notUnderstood);
    const texts = mrkdwnTexts([block]);
    expect(texts).toHaveLength(10);
    expect(texts[0]).toContain('&lt;!channel&gt;');
    expect(texts.at(-1)).toBe(':grey_question: …and 12 more not understood');
  });

  it('answers a line with nothing readable ephemerally, with the help pointer', async () => {
    const intake = await line('hello');
    const reply = buildNotUnderstoodReply(intake.notUnderstood ?? []);
    expect(reply.text).toContain(
      "Not understood: 'hello' — not part of a booking; try `/charter help`",
    );
    expect(reply.blocks.map((b) => b.block_id)).toEqual([
      BLOCK_IDS.notUnderstood,
      BLOCK_IDS.notUnderstoodHelp,
    ]);
    expect(reply).toMatchSnapshot();
  });
});
