/**
 * The close-out modal, its form and the thread reply: pre-filled from the plan, the seed charter's
 * actual net beside the quote, every id known, within Slack's limits, values read back and
 * checked with a message per block, typed notes inert.
 */
import type { ModalView } from '@slack/types';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Booking } from '../../src/bookings/booking.ts';
import type { CloseOut } from '../../src/closeout/close-out.ts';
import { computeActual, plannedHours } from '../../src/closeout/compute-actual.ts';
import type { Tenant } from '../../src/tenants/tenant-schema.ts';
import { ACTION_IDS, BLOCK_IDS } from '../../views/block-ids.ts';
import {
  checkCloseOutForm,
  formFromActuals,
  peopleInBlocks,
  readCloseOutForm,
} from '../../views/closeout-form.ts';
import {
  CLOSEOUT_ID_PATTERN,
  costBlockId,
  decodeCloseOutMetadata,
  hoursBlockId,
  noteBlockId,
} from '../../views/closeout-ids.ts';
import { buildCloseOutModal } from '../../views/closeout-modal.ts';
import { buildCloseOutReply } from '../../views/closeout-reply.ts';
import {
  exampleTenant,
  expectWithinLimits,
  INJECTED_NAME,
  idsIn,
  LIVE_SYNTAX,
  mrkdwnTexts,
  seedBooking,
} from '../support/view-fixtures.ts';

type Limited = Parameters<typeof expectWithinLimits>[0];
const A = ACTION_IDS;
const METADATA = {
  tenantId: 'queen-of-san-diego',
  bookingId: 'BKQ7M2XD4KPA',
  version: 0,
  channelId: 'C0QSDOPS',
  replyTs: '1779296400.000200',
};
const KNOWN = new Set<string>([
  ...Object.values(BLOCK_IDS),
  ...Object.values(ACTION_IDS),
  'closeout_modal',
]);
const nothing = { extraCosts: [], tipsCents: 0, refundCents: 0, extraChargeCents: 0 };

let tenant: Tenant;
let booking: Booking;
beforeAll(async () => {
  tenant = await exampleTenant();
  booking = seedBooking(tenant, { status: 'completed' });
});

function planned(): ModalView {
  const actuals = { hours: plannedHours(booking, tenant), ...nothing };
  return buildCloseOutModal({
    tenant,
    booking,
    metadata: METADATA,
    form: formFromActuals(actuals),
    actual: computeActual(booking, tenant, actuals),
  });
}

/** View state as Slack sends it back for the values given (block → action → value). */
function state(values: Record<string, [string, string]>) {
  return Object.fromEntries(
    Object.entries(values).map(([blockId, [actionId, value]]) => [
      blockId,
      { [actionId]: { type: 'number_input', value } },
    ]),
  );
}

describe('buildCloseOutModal', () => {
  it('pre-fills the plan (captain 3 h, crew 5 h each) and shows net $289.41 vs quoted (snapshot)', () => {
    const view = planned();
    const texts = JSON.stringify(view.blocks);
    expect(texts).toContain('"initial_value":"3"');
    expect(texts).toContain('"initial_value":"5"');
    expect(texts).toContain('Actual net $289.41 vs quoted $289.41 (+$0.00)');
    expect(view).toMatchSnapshot();
  });

  it('uses only known ids, fits Slack’s limits and keeps ids in its metadata, never money', () => {
    const view = planned();
    expect(idsIn(view).filter((id) => !KNOWN.has(id) && !CLOSEOUT_ID_PATTERN.test(id))).toEqual([]);
    expectWithinLimits(view as unknown as Limited, 'modal');
    expect(decodeCloseOutMetadata(view.private_metadata ?? '')).toEqual(METADATA);
    expect(view.private_metadata).not.toMatch(/\$|Cents|revenue|net/i);
  });

  it('shows what to fix instead of a breakdown while a value cannot be read', () => {
    const view = buildCloseOutModal({
      tenant,
      booking,
      metadata: METADATA,
      form: formFromActuals({ hours: plannedHours(booking, tenant), ...nothing }),
      actual: undefined,
      problem: 'Tips: enter an amount',
    });
    expect(JSON.stringify(view.blocks)).toContain('Tips: enter an amount');
    expect(JSON.stringify(view.blocks)).not.toContain(BLOCK_IDS.costTotals);
  });
});

describe('the close-out form', () => {
  it('reads the people back from the drawn blocks and the values from the state', () => {
    const view = planned();
    const people = peopleInBlocks(view.blocks);
    expect(people).toEqual([
      { role: 'captain', personId: 'rosa' },
      { role: 'crew', personId: 'marco' },
      { role: 'crew', personId: 'jules' },
    ]);
    const form = readCloseOutForm(
      state({
        [hoursBlockId('captain', 'rosa')]: [A.closeOutHours, '3.5'],
        [hoursBlockId('crew', 'marco')]: [A.closeOutHours, '5'],
        [hoursBlockId('crew', 'jules')]: [A.closeOutHours, '5'],
        [costBlockId('fuel')]: [A.closeOutCost, '45'],
        [noteBlockId('fuel')]: [A.closeOutNote, 'top-up'],
        [BLOCK_IDS.closeOutTips]: [A.closeOutTips, '50'],
      }),
      people,
    );
    const checked = checkCloseOutForm(form, booking, tenant);
    expect(checked.ok).toBe(true);
    if (!checked.ok) return;
    expect(checked.actuals).toMatchObject({
      hours: [{ minutes: 210 }, { minutes: 300 }, { minutes: 300 }],
      extraCosts: [{ kind: 'fuel', cents: 4_500, note: 'top-up' }],
      tipsCents: 5_000,
    });
    // 840.75 − 151.34 − 175.00 − 250.00 − 45.00 − 50.00
    expect(checked.actual.netCents).toBe(16_941);
  });

  it('gives a message per bad block', () => {
    const people = [{ role: 'captain' as const, personId: 'rosa' }];
    const checked = checkCloseOutForm(
      readCloseOutForm(
        state({
          [hoursBlockId('captain', 'rosa')]: [A.closeOutHours, 'three'],
          [costBlockId('damage')]: [A.closeOutCost, '-5'],
          [noteBlockId('cleaning')]: [A.closeOutNote, 'no amount'],
          [BLOCK_IDS.closeOutRefund]: [A.closeOutRefund, 'lots'],
        }),
        people,
      ),
      booking,
      tenant,
    );
    expect(checked).toEqual({
      ok: false,
      errors: {
        [hoursBlockId('captain', 'rosa')]: 'Enter hours worked as a number from 0 to 48, like 3.5.',
        [costBlockId('damage')]: 'Cost: enter an amount in dollars like 45.00, or leave it empty.',
        [costBlockId('cleaning')]: 'This cost has a note but no amount: enter the amount.',
        [BLOCK_IDS.closeOutRefund]:
          'Refund: enter an amount in dollars like 45.00, or leave it empty.',
      },
    });
  });

  it('round-trips a stored close-out into the form (3 h 20 min as 3.33)', () => {
    const form = formFromActuals({
      hours: [{ personId: 'rosa', role: 'captain', minutes: 200 }],
      extraCosts: [{ kind: 'fuel', cents: 4_500, note: 'a' }],
      tipsCents: 0,
      refundCents: 10_000,
      extraChargeCents: 0,
    });
    expect(form.hours[0]?.text).toBe('3.33');
    expect(form.costs.fuel).toEqual({ amount: '45.00', note: 'a' });
    expect(form.refund).toBe('100.00');
    const checked = checkCloseOutForm(form, booking, tenant);
    expect(checked.ok && checked.actuals.hours[0]?.minutes).toBe(200);
  });
});

describe('buildCloseOutReply', () => {
  it('the prompt: a Close out button carrying the booking id (snapshot)', () => {
    const reply = buildCloseOutReply({ booking });
    expect(JSON.stringify(reply.blocks)).toContain(ACTION_IDS.closeOutOpen);
    expect(JSON.stringify(reply.blocks)).toContain(booking.bookingId);
    expectWithinLimits(reply as unknown as Limited, 'message');
    expect(reply).toMatchSnapshot();
  });

  it('once closed out: the actual net vs quoted, who changed what, typed text inert (snapshot)', () => {
    const actuals = {
      hours: plannedHours(booking, tenant),
      ...nothing,
      extraCosts: [{ kind: 'fuel' as const, cents: 4_500, note: INJECTED_NAME }],
    };
    const closeOut: CloseOut = {
      tenantId: tenant.id,
      bookingId: booking.bookingId,
      version: 2,
      ...actuals,
      actual: computeActual(booking, tenant, actuals),
      history: [
        { version: 2, by: 'U0DANAOPS', at: booking.endsAt, summary: `fuel ${INJECTED_NAME}` },
      ],
      closedAt: booking.endsAt,
      updatedAt: booking.endsAt,
    };
    const reply = buildCloseOutReply({ booking, closeOut });
    expect(reply.text).toBe('Closed out: actual net $244.41 vs quoted $289.41 (-$45.00).');
    for (const text of mrkdwnTexts(reply).map((t) => t.replace('<@U0DANAOPS>', ''))) {
      expect(text).not.toMatch(LIVE_SYNTAX);
    }
    expectWithinLimits(reply as unknown as Limited, 'message');
    expect(reply).toMatchSnapshot();
  });
});
