/** The cards posted in an email's thread: review, request, modification and cancellation. */
import type { ActionsBlock, Button } from '@slack/types';
import { describe, expect, it } from 'vitest';
import type { IntakeResult } from '../../src/intake/intake-result.ts';
import { priceCharter } from '../../src/pricing/price-charter.ts';
import { buildAlreadyBookedCard } from '../../views/already-booked-card.ts';
import { ACTION_IDS, BLOCK_IDS } from '../../views/block-ids.ts';
import { buildCancellationCard } from '../../views/cancellation-card.ts';
import { buildModificationCard, modificationChanges } from '../../views/modification-card.ts';
import { buildRequestCard } from '../../views/request-card.ts';
import { buildReviewCard } from '../../views/review-card.ts';
import type { SlackMessage } from '../../views/slack-format.ts';
import {
  exampleTenant,
  expectKnownIds,
  expectWithinLimits,
  LIVE_SYNTAX,
  NOW,
  parseEmail,
  seedBooking,
} from '../support/view-fixtures.ts';

function buttons(message: SlackMessage): Button[] {
  const actions = message.blocks.find((b) => b.block_id === BLOCK_IDS.cardActions) as
    | ActionsBlock
    | undefined;
  return (actions?.elements ?? []) as Button[];
}

function expectValid(message: SlackMessage): void {
  expectWithinLimits(message as unknown as { blocks: unknown[] }, 'message');
  expectKnownIds(message);
  expect(message.text.length).toBeGreaterThan(0);
}

describe('buildReviewCard', () => {
  it('shows summary, missing fields, breakdown and the two buttons', async () => {
    const tenant = await exampleTenant();
    const intake = await parseEmail('01-plain-text-confirmed.eml');
    const breakdown = priceCharter(
      { revenueCents: 164_400, durationMinutes: 240, captain: true, crewCount: 2, partySize: 6 },
      tenant.pricing,
    );

    const card = buildReviewCard({ intake, tenant, breakdown, draftId: 'DR7K2M', now: NOW });

    expect(card).toMatchSnapshot();
    expect(card.blocks[0]).toMatchObject({ type: 'header', text: { text: 'New booking' } });
    expect(JSON.stringify(card)).toContain('Nothing missing');
    expect(JSON.stringify(card)).toContain('*Revenue (renter total):* $1,644.00');
    expect(buttons(card).map((b) => [b.action_id, b.value, b.style])).toEqual([
      [ACTION_IDS.reviewApprove, 'DR7K2M', 'primary'],
      [ACTION_IDS.reviewDismiss, 'DR7K2M', undefined],
    ]);
    expect(buttons(card)[0]?.text.text).toBe('Review & approve');
    expectValid(card);
  });

  it('keeps the summary and breakdown once approved; only the buttons go', async () => {
    const tenant = await exampleTenant();
    const intake = await parseEmail('01-plain-text-confirmed.eml');
    const breakdown = priceCharter(
      { revenueCents: 164_400, durationMinutes: 240, captain: true, crewCount: 2, partySize: 6 },
      tenant.pricing,
    );
    const open = buildReviewCard({ intake, tenant, breakdown, draftId: 'DR7K2M', now: NOW });
    const card = buildReviewCard({
      intake,
      tenant,
      breakdown,
      draftId: 'DR7K2M',
      now: NOW,
      approvedBy: 'U0DANAOPS',
    });

    expect(card).toMatchSnapshot();
    expect(buttons(card)).toEqual([]);
    expect(card.blocks.slice(0, -1)).toEqual(
      open.blocks.filter((b) => b.block_id !== BLOCK_IDS.cardActions),
    );
    expect(JSON.stringify(card.blocks.at(-1))).toContain('Approved by <@U0DANAOPS>');
    expect(card.text).toMatch(/^Approved: .* \(by <@U0DANAOPS>\)\.$/);
    expectValid(card);
  });

  it('escapes an injected renter name everywhere, the notification text included', async () => {
    const tenant = await exampleTenant();
    const intake = await parseEmail('12-injection-renter-name.eml');

    const card = buildReviewCard({ intake, tenant, breakdown: null, draftId: 'DR1', now: NOW });

    const json = JSON.stringify(card);
    expect(json).not.toMatch(/<!channel>|<!here>|<@U|<http/);
    expect(card.text).toContain('Sam &lt;script&gt;');
    expect(json).toContain('*Cost breakdown:* shown in the review.');
    expect(card).toMatchSnapshot();
    expectValid(card);
  });

  it('says what is missing and warns about a date in the past', async () => {
    const tenant = await exampleTenant();
    const intake = {
      ...(await parseEmail('01-plain-text-confirmed.eml')),
      guestName: null,
      grossAmountCents: null,
      missing: ['guestName' as const, 'grossAmountCents' as const],
    };

    const card = buildReviewCard({
      intake,
      tenant,
      breakdown: null,
      draftId: 'DR1',
      now: new Date('2026-06-01T00:00:00Z'),
    });

    const json = JSON.stringify(card);
    expect(json).toContain('Missing: Renter, Renter paid');
    expect(json).toContain(
      '*Cost breakdown:* needs the renter total (what Queen of San Diego Charters counts as revenue); add it in the review.',
    );
    expect(json).toContain('This charter starts in the past');
    expect(card.text).toBe('New booking on Sat, May 30, 2026, 9:00 AM PDT: review and approve.');
  });
});

describe('buildRequestCard', () => {
  it('gives the marketplace deadline, 72 hours after the email, and only Dismiss', async () => {
    const tenant = await exampleTenant();
    const intake = await parseEmail('32-request-payment-held.eml');
    const receivedAt = new Date('2026-07-09T13:14:00Z');

    const card = buildRequestCard({
      intake,
      tenant,
      breakdown: null,
      receivedAt,
      draftId: 'DR2',
      now: new Date('2026-07-10T13:14:00Z'),
    });

    expect(card).toMatchSnapshot();
    const json = JSON.stringify(card);
    expect(json).toContain(
      '*Approve this request on the marketplace by Sun, Jul 12, 2026, 6:14 AM PDT* (2 d left)',
    );
    expect(card.blocks[0]).toMatchObject({
      text: { text: 'Booking request (payment held, not yet approved)' },
    });
    expect(buttons(card).map((b) => b.action_id)).toEqual([ACTION_IDS.reviewDismiss]);
    expectValid(card);
  });

  it('says when the approval window has ended', async () => {
    const tenant = await exampleTenant();
    const intake = await parseEmail('32-request-payment-held.eml');

    const card = buildRequestCard({
      intake,
      tenant,
      breakdown: null,
      receivedAt: new Date('2026-07-09T13:14:00Z'),
      draftId: 'DR2',
      now: new Date('2026-07-13T00:00:00Z'),
    });

    expect(JSON.stringify(card)).toContain('*The 72 hours to approve ended');
    expect(card.text).toContain('the approval window has ended');
  });
});

describe('buildModificationCard', () => {
  async function fixture() {
    const tenant = await exampleTenant();
    const intake = await parseEmail('09-modification-date-changed.eml');
    const booking = seedBooking(tenant, {
      marketplaceId: '90413311',
      startsAt: '2026-06-05T17:00:00.000Z',
      endsAt: '2026-06-05T21:00:00.000Z',
      details: {
        ...seedBooking(tenant).details,
        bookingId: '90413311',
        date: '2026-06-05',
        durationMinutes: 240,
        guestName: "Jamie O'Example",
        partySize: 5,
        grossAmountCents: 164_400,
        payoutCents: 108_000,
        departure: 'Example Harbor Marina, Slip C-14, 100 Dock Rd, Fort Lauderdale, FL 33316',
      },
      price: priceCharter(
        { revenueCents: 164_400, durationMinutes: 240, captain: true, crewCount: 2, partySize: 5 },
        tenant.pricing,
      ),
    });
    return { tenant, intake, booking };
  }

  it('shows each changed field old → new and Apply changes', async () => {
    const { tenant, intake, booking } = await fixture();

    const card = buildModificationCard({ intake, booking, tenant, draftId: 'DR3', now: NOW });

    expect(modificationChanges(intake, booking, tenant.timezone)).toEqual([
      { field: 'date', label: 'Date', from: 'Fri, Jun 5, 2026', to: 'Sun, Jun 7, 2026' },
    ]);
    expect(card).toMatchSnapshot();
    expect(JSON.stringify(card)).toContain('*Date:* Fri, Jun 5, 2026 → Sun, Jun 7, 2026');
    expect(buttons(card).map((b) => [b.action_id, b.text.text, b.value])).toEqual([
      [ACTION_IDS.applyChanges, 'Apply changes', 'DR3'],
      [ACTION_IDS.reviewDismiss, 'Dismiss', 'DR3'],
    ]);
    expectValid(card);
  });

  it('shows the net before and after when the change is priced', async () => {
    const { tenant, booking, ...rest } = await fixture();
    const intake = { ...rest.intake, durationMinutes: 300 };
    const breakdown = priceCharter(
      { revenueCents: 164_400, durationMinutes: 300, captain: true, crewCount: 2, partySize: 5 },
      tenant.pricing,
    );

    const card = buildModificationCard({
      intake,
      booking,
      tenant,
      draftId: 'DR3',
      now: NOW,
      breakdown,
    });

    // $1,644 − 18% ($295.92) − captain 5 h ($250) − 2 crew × 7 h ($350) = $748.08.
    expect(JSON.stringify(card)).toContain('*Duration:* 4 h → 5 h\\n*Net:* $848.08 → $748.08');
    expect(JSON.stringify(card)).toContain('*Net*\\n$748.08');
    expectValid(card);
  });

  it('labels a start-time change with the tenant zone, as every other operator time', async () => {
    const { tenant, booking, ...rest } = await fixture();
    const intake = { ...rest.intake, date: null, startLocal: '11:00' };
    const before = { ...booking, details: { ...booking.details, startLocal: '10:00' } };

    const card = buildModificationCard({
      intake,
      booking: before,
      tenant,
      draftId: 'DR4',
      now: NOW,
    });

    expect(tenant.timezone).toBe('America/Los_Angeles');
    expect(modificationChanges(intake, before, tenant.timezone)).toEqual([
      { field: 'startLocal', label: 'Start time', from: '10:00 AM PDT', to: '11:00 AM PDT' },
    ]);
    expect(JSON.stringify(card)).toContain('10:00 AM PDT → 11:00 AM PDT');
    expect(card).toMatchSnapshot();
    expectValid(card);
  });

  it('offers nothing to apply for an unknown or cancelled booking', async () => {
    const { tenant, intake, booking } = await fixture();

    const unknown = buildModificationCard({
      intake,
      booking: null,
      tenant,
      draftId: 'D',
      now: NOW,
    });
    const cancelled = buildModificationCard({
      intake,
      booking: { ...booking, status: 'cancelled' },
      tenant,
      draftId: 'D',
      now: NOW,
    });

    expect(JSON.stringify(unknown)).toContain('deckhand has no booking *90413311*');
    expect(JSON.stringify(cancelled)).toContain('this charter is cancelled');
    for (const card of [unknown, cancelled]) {
      expect(buttons(card).map((b) => b.action_id)).toEqual([ACTION_IDS.reviewDismiss]);
      expectValid(card);
    }
  });
});

describe('buildCancellationCard', () => {
  async function fixture() {
    const tenant = await exampleTenant();
    const intake = await parseEmail('10-cancellation.eml');
    const booking = seedBooking(tenant, {
      marketplaceId: '90413950',
      details: {
        ...seedBooking(tenant).details,
        bookingId: '90413950',
        listingName: 'Lagoon 42 Catamaran – Island Time',
        guestName: 'Taylor Notreal',
      },
    });
    return { tenant, intake, booking };
  }

  it('has a danger button behind a confirm dialog', async () => {
    const { tenant, intake, booking } = await fixture();

    const card = buildCancellationCard({ intake, booking, tenant, draftId: 'DR4', now: NOW });

    expect(card).toMatchSnapshot();
    const cancel = buttons(card)[0];
    expect(cancel).toMatchObject({
      action_id: ACTION_IDS.cancelCharter,
      value: 'DR4',
      style: 'danger',
      text: { text: 'Cancel charter' },
      confirm: { style: 'danger', confirm: { text: 'Cancel charter' }, deny: { text: 'Keep it' } },
    });
    expect(cancel?.confirm?.text.text.length).toBeLessThanOrEqual(300);
    expectValid(card);
  });

  it('asks to confirm for /charter cancel, and offers nothing when already cancelled', async () => {
    const { tenant, booking } = await fixture();

    const asked = buildCancellationCard({
      intake: null,
      booking,
      tenant,
      draftId: booking.bookingId,
      now: NOW,
    });
    const done = buildCancellationCard({
      intake: null,
      booking: { ...booking, status: 'cancelled' },
      tenant,
      draftId: booking.bookingId,
      now: NOW,
    });
    const none = buildCancellationCard({
      intake: null,
      booking: null,
      tenant,
      draftId: 'X',
      now: NOW,
    });

    expect(asked.blocks[0]).toMatchObject({ text: { text: 'Cancel this charter?' } });
    expect(buttons(asked)[0]?.value).toBe(booking.bookingId);
    expect(JSON.stringify(done)).toContain('already cancelled');
    expect(buttons(done).map((b) => b.action_id)).toEqual([ACTION_IDS.reviewDismiss]);
    expect(JSON.stringify(none)).toContain('nothing to cancel');
    for (const card of [asked, done, none]) expectValid(card);
  });

  it('escapes what the email typed', async () => {
    const { tenant, booking } = await fixture();
    const intake = await parseEmail('12-injection-renter-name.eml');

    const card = buildCancellationCard({
      intake,
      booking: { ...booking, details: { ...booking.details, guestName: intake.guestName } },
      tenant,
      draftId: 'D',
      now: NOW,
    });

    expect(JSON.stringify(card)).not.toMatch(/<!channel>|<@U|<http/);
    for (const text of [card.text]) expect(text).not.toMatch(LIVE_SYNTAX);
  });
});

describe('buildAlreadyBookedCard', () => {
  // The booking's own confirmation, as the parser would give it.
  const confirmation = (tenant: Awaited<ReturnType<typeof exampleTenant>>) => {
    const booking = seedBooking(tenant);
    const intake: IntakeResult = {
      ...booking.details,
      kind: 'booking',
      missing: [],
      source: 'email',
      subject: null,
      startsAt: booking.startsAt,
      endsAt: booking.endsAt,
      renterNote: null,
      warnings: [],
    };
    return { booking, intake };
  };

  it('links the charter thread and offers nothing when the email matches the booking', async () => {
    const tenant = await exampleTenant();
    const { booking, intake } = confirmation(tenant);
    const card = buildAlreadyBookedCard({
      intake,
      booking,
      tenant,
      matchedBy: 'marketplace_id',
      threadUrl: 'https://queen.slack.com/archives/C0OPS/p1780000000000100',
      draftId: 'DR9',
    });
    expect(card).toMatchSnapshot();
    expect(card.blocks[0]).toMatchObject({ type: 'header', text: { text: 'Already booked' } });
    expect(buttons(card).map((b) => b.action_id)).toEqual([ACTION_IDS.reviewDismiss]);
    expect(JSON.stringify(card)).toContain(
      '<https://queen.slack.com/archives/C0OPS/p1780000000000100|its thread>',
    );
    expect(JSON.stringify(card)).not.toContain(booking.bookingId);
    expectValid(card);
  });

  it('lists what differs and offers Apply changes', async () => {
    const tenant = await exampleTenant();
    const { booking, intake } = confirmation(tenant);
    const card = buildAlreadyBookedCard({
      intake: { ...intake, bookingId: null, partySize: 8 },
      booking,
      tenant,
      matchedBy: 'boat_date_renter',
      threadUrl: null,
      draftId: 'DR9',
    });
    expect(card).toMatchSnapshot();
    expect(JSON.stringify(card)).toContain('*Guests:* 6 → 8');
    expect(JSON.stringify(card)).toContain('(same boat, date and renter)');
    expect(buttons(card).map((b) => [b.action_id, b.value])).toEqual([
      [ACTION_IDS.applyChanges, 'DR9'],
      [ACTION_IDS.reviewDismiss, 'DR9'],
    ]);
    expect(card.text).toContain('This email differs (Guests)');
    expectValid(card);
  });
});

describe('a charter booked by /charter (no marketplace id, no boat) on the cards', () => {
  it('names it by boat, date and renter, never by deckhand id', async () => {
    const tenant = await exampleTenant();
    const seed = seedBooking(tenant);
    const booking = seedBooking(tenant, {
      marketplaceId: null,
      details: { ...seed.details, bookingId: null, listingName: null },
    });
    const cancel = buildCancellationCard({
      intake: null,
      booking,
      tenant,
      draftId: booking.bookingId,
      now: NOW,
    });
    const change = buildModificationCard({
      intake: { ...(await parseEmail('09-modification-date-changed.eml')) },
      booking,
      tenant,
      draftId: 'DR5',
      now: NOW,
    });

    for (const card of [cancel, change]) {
      const visible = JSON.stringify(card.blocks.filter((b) => b.type !== 'actions'));
      expect(visible).not.toContain(booking.bookingId);
      expect(visible).toContain('Boat not set');
      expect(visible).toContain('Avery Sampleton');
    }
  });
});
