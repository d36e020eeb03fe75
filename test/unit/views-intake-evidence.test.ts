/** The review card shows where unlabelled fields came from and flags conflicts, escaped. */
import { describe, expect, it } from 'vitest';
import { parseIntake } from '../../src/intake/parse-intake.ts';
import { buildIntakeEvidenceBlocks } from '../../views/intake-evidence-blocks.ts';

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
