/**
 * The close-out modal: actual hours for the captain and each crew member, extra costs by kind
 * (amount and note), tips, refund and extra charge, and the actual breakdown beside the quote,
 * redrawn as inputs change. Pure; for approvers only (money).
 */
import type { InputBlock, KnownBlock, ModalView } from '@slack/types';
import type { Booking } from '../src/bookings/booking.ts';
import { extraCostKinds } from '../src/closeout/close-out.ts';
import { extraCostLabels } from '../src/closeout/compute-actual.ts';
import { formatCents } from '../src/money/cents.ts';
import type { PriceBreakdown } from '../src/pricing/price-charter.ts';
import type { Tenant } from '../src/tenants/tenant-schema.ts';
import { formatInZone } from '../src/time/zoned.ts';
import { ACTION_IDS, BLOCK_IDS, CALLBACK_IDS } from './block-ids.ts';
import type { CloseOutForm } from './closeout-form.ts';
import { NOTE_MAX } from './closeout-form.ts';
import {
  type CloseOutMetadata,
  costBlockId,
  encodeCloseOutMetadata,
  hoursBlockId,
  noteBlockId,
} from './closeout-ids.ts';
import { buildCostBreakdownBlocks } from './cost-breakdown-blocks.ts';
import { LIMITS, mrkdwn, plain, safe } from './slack-format.ts';

export interface CloseOutModalInput {
  tenant: Tenant;
  booking: Booking;
  metadata: CloseOutMetadata;
  form: CloseOutForm;
  /** The breakdown of the form's values, or undefined while a value cannot be read. */
  actual: PriceBreakdown | undefined;
  /** Why the breakdown is not shown (a value that cannot be read yet). */
  problem?: string | undefined;
}

function input(
  blockId: string,
  label: string,
  element: InputBlock['element'],
  extra: Partial<Pick<InputBlock, 'optional' | 'dispatch_action' | 'hint'>> = {},
): InputBlock {
  return {
    type: 'input',
    block_id: blockId,
    label: plain(label, LIMITS.inputLabel),
    element,
    ...extra,
  };
}

function decimal(actionId: string, initial: string, placeholder: string): InputBlock['element'] {
  return {
    type: 'number_input',
    action_id: actionId,
    is_decimal_allowed: true,
    min_value: '0',
    placeholder: plain(placeholder, LIMITS.placeholder),
    ...(initial === '' ? {} : { initial_value: initial }),
  };
}

function signed(cents: number): string {
  return cents >= 0 ? `+${formatCents(cents)}` : formatCents(cents);
}

/**
 * @example buildCloseOutModal({ tenant, booking, metadata, form: formFromActuals(planned), actual })
 */
export function buildCloseOutModal(input_: CloseOutModalInput): ModalView {
  const { tenant, booking, metadata, form, actual } = input_;
  const name = (id: string) => tenant.roster.find((m) => m.id === id)?.name ?? id;
  const when = formatInZone(new Date(booking.startsAt), tenant.timezone);
  const title = booking.details.listingName ?? booking.bookingId;
  const blocks: KnownBlock[] = [
    {
      type: 'section',
      block_id: BLOCK_IDS.closeOutSummary,
      text: mrkdwn(
        `*${safe(title, 200)}*, ${safe(when, 100)}\nQuoted: revenue ${formatCents(booking.price.revenueCents)}, net ${formatCents(booking.price.netCents)}. Enter what really happened; the quote stays as it was.${metadata.version > 0 ? `\nEditing close-out version ${metadata.version}.` : ''}`,
      ),
    },
    { type: 'header', text: plain('Hours worked', LIMITS.headerText) },
  ];
  for (const person of form.hours) {
    blocks.push(
      input(
        hoursBlockId(person.role, person.personId),
        `${name(person.personId)} (${person.role === 'captain' ? 'captain' : 'crew'}), hours`,
        decimal(ACTION_IDS.closeOutHours, person.text, 'e.g. 3.5'),
        { dispatch_action: true },
      ),
    );
  }
  if (form.hours.length === 0) {
    blocks.push({
      type: 'context',
      elements: [mrkdwn('No captain or crew were on this charter.', LIMITS.contextText)],
    });
  }
  blocks.push({ type: 'header', text: plain('Extra costs', LIMITS.headerText) });
  for (const kind of extraCostKinds) {
    const label = extraCostLabels[kind];
    blocks.push(
      input(
        costBlockId(kind),
        `${label} ($)`,
        decimal(ACTION_IDS.closeOutCost, form.costs[kind].amount, 'e.g. 45.00'),
        { optional: true, dispatch_action: true },
      ),
      input(
        noteBlockId(kind),
        `${label}: note`,
        {
          type: 'plain_text_input',
          action_id: ACTION_IDS.closeOutNote,
          max_length: NOTE_MAX,
          ...(form.costs[kind].note === '' ? {} : { initial_value: form.costs[kind].note }),
        },
        { optional: true },
      ),
    );
  }
  blocks.push(
    { type: 'header', text: plain('Renter and crew', LIMITS.headerText) },
    input(
      BLOCK_IDS.closeOutTips,
      'Tips passed to crew ($)',
      decimal(ACTION_IDS.closeOutTips, form.tips, '0.00'),
      {
        optional: true,
        dispatch_action: true,
        hint: plain('Collected with the booking and paid out to the crew.', LIMITS.inputHint),
      },
    ),
    input(
      BLOCK_IDS.closeOutRefund,
      'Refund to the renter ($)',
      decimal(ACTION_IDS.closeOutRefund, form.refund, '0.00'),
      { optional: true, dispatch_action: true },
    ),
    input(
      BLOCK_IDS.closeOutCharge,
      'Extra charge to the renter ($)',
      decimal(ACTION_IDS.closeOutCharge, form.charge, '0.00'),
      { optional: true, dispatch_action: true },
    ),
    { type: 'divider' },
  );
  if (actual) {
    blocks.push(...buildCostBreakdownBlocks(actual, { revenueLabel: 'Actual revenue' }), {
      type: 'context',
      block_id: BLOCK_IDS.closeOutNotices,
      elements: [
        mrkdwn(
          `Actual net ${formatCents(actual.netCents)} vs quoted ${formatCents(booking.price.netCents)} (${signed(actual.netCents - booking.price.netCents)}).`,
          LIMITS.contextText,
        ),
      ],
    });
  } else {
    blocks.push({
      type: 'context',
      block_id: BLOCK_IDS.closeOutNotices,
      elements: [
        mrkdwn(
          safe(input_.problem ?? 'Fix the values above to see the breakdown.', LIMITS.contextText),
          LIMITS.contextText,
        ),
      ],
    });
  }
  return {
    type: 'modal',
    callback_id: CALLBACK_IDS.closeOutModal,
    title: plain('Close out', LIMITS.viewTitle),
    submit: plain('Save close-out', LIMITS.viewButton),
    close: plain('Cancel', LIMITS.viewButton),
    private_metadata: encodeCloseOutMetadata(metadata),
    blocks,
  };
}
