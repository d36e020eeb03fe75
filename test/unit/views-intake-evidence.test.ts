/** The review card shows where unlabelled fields came from and flags conflicts, escaped. */
import { describe, expect, it } from 'vitest';
import { parseIntake } from '../../src/intake/parse-intake.ts';
import { approvalDraftFromIntake } from '../../views/approval-draft.ts';
import { buildApprovalModal } from '../../views/approval-modal.ts';
import { BLOCK_IDS } from '../../views/block-ids.ts';
import { buildIntakeEvidenceBlocks } from '../../views/intake-evidence-blocks.ts';
import {
  exampleTenant,
  expectKnownIds,
  expectWithinLimits,
  mrkdwnTexts,
} from '../support/view-fixtures.ts';

const NOW = new Date('2026-11-26T15:00:00Z');
const ZONE = 'America/Los_Angeles';

describe('buildIntakeEvidenceBlocks', () => {
  it('shows evidence for fields read from sentences and flags a conflict with both candidates', async () => {
    const intake = await parseIntake(
      'Subject: New booking for Sun, Aug 8, 2027\nFrom: a@example.com\nTo: b@example.com\n\n<Maren> Oakes just booked Blue Heron for Saturday, August 7, 2027 from 10am to 2pm.\nBooking ID: 88123\nGuests: 4\nTotal: $700\n',
      { now: NOW, timeZone: ZONE },
    );

    const blocks = buildIntakeEvidenceBlocks(intake);

    expect(intake.conflicts?.map((c) => c.field)).toContain('date');
    const text = JSON.stringify(blocks);
    expect(text).toContain(':warning: *Date:* chose 2027-08-07');
    expect(text).toContain('2027-08-08');
    expect(text).not.toContain('*Booking ID:*');
    expect(text).not.toContain('<Maren>');
    expect(blocks).toMatchSnapshot();
  });

  it('is empty for a result without evidence (a draft stored before evidence existed)', async () => {
    const intake = await parseIntake('Booking ID: 88123\n', { now: NOW, timeZone: ZONE });

    expect(
      buildIntakeEvidenceBlocks({ ...intake, evidence: undefined, conflicts: undefined }),
    ).toEqual([]);
  });
});

describe('the approval modal shows the same evidence', () => {
  const METADATA = { tenantId: 'queen-of-san-diego', draftId: 'DRX4K2M9QZ', channelId: 'C0QSDOPS' };

  it('draws the review card block near the top, conflict first, within Block Kit limits', async () => {
    const tenant = await exampleTenant();
    const intake = await parseIntake(
      'Subject: New booking for Sun, Aug 8, 2027\nFrom: a@example.com\nTo: b@example.com\n\n<Maren> Oakes just booked Blue Heron for Saturday, August 7, 2027 from 10am to 2pm.\nBooking ID: 88123\nGuests: 4\nTotal: $700\n',
      { now: NOW, timeZone: ZONE },
    );

    const view = buildApprovalModal({
      tenant,
      now: NOW,
      metadata: METADATA,
      draft: approvalDraftFromIntake(intake, tenant),
      marketplaceId: intake.bookingId,
      evidence: intake,
    });

    const block = view.blocks.find((b) => b.block_id === BLOCK_IDS.intakeEvidence);
    expect(block).toEqual(buildIntakeEvidenceBlocks(intake)[0]);
    expect(view.blocks.indexOf(block as (typeof view.blocks)[number])).toBe(1);
    const lines = mrkdwnTexts([block]);
    expect(lines[0]).toMatch(/^:warning: \*Date:\* chose 2027-08-07 .* over 2027-08-08 /);
    expect(lines).toContain(
      "*Start time:* read from 'ren&gt; Oakes just booked Blue Heron for Saturday, August 7, 2027 from 10am to 2pm.' in the body",
    );
    expectKnownIds(view);
    expectWithinLimits(view as unknown as { blocks: unknown[] }, 'modal');
    expect(block).toMatchSnapshot();
  });

  it('adds no block for a parse with every field labelled, or a draft stored without evidence', async () => {
    const tenant = await exampleTenant();
    const intake = await parseIntake('Booking ID: 88123\nGuests: 4\nTotal: $700\n', {
      now: NOW,
      timeZone: ZONE,
    });
    for (const evidence of [intake, { ...intake, evidence: undefined, conflicts: undefined }]) {
      const view = buildApprovalModal({
        tenant,
        now: NOW,
        metadata: METADATA,
        draft: approvalDraftFromIntake(intake, tenant),
        evidence,
      });
      expect(view.blocks.map((b) => b.block_id)).not.toContain(BLOCK_IDS.intakeEvidence);
    }
  });
});
