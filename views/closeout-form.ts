/**
 * The close-out modal's values: drawn from a close-out (or the plan), read back from the view's
 * state as typed, and checked into actuals with errors keyed by block id for
 * `response_action: 'errors'`. Pure.
 */
import type { Booking } from '../src/bookings/booking.ts';
import type { ActualHours, ExtraCost, ExtraCostKind } from '../src/closeout/close-out.ts';
import { extraCostKinds } from '../src/closeout/close-out.ts';
import {
  type CloseOutActuals,
  CloseOutInputError,
  computeActual,
} from '../src/closeout/compute-actual.ts';
import { parseAmountToCents, parseHoursToMinutes } from '../src/money/cents.ts';
import type { PriceBreakdown } from '../src/pricing/price-charter.ts';
import type { Tenant } from '../src/tenants/tenant-schema.ts';
import type { ViewStateValues } from './approval-submission.ts';
import { ACTION_IDS, BLOCK_IDS } from './block-ids.ts';
import { costBlockId, hoursBlockId, noteBlockId } from './closeout-ids.ts';
import { centsToDollarsInput } from './slack-format.ts';

export const NOTE_MAX = 200;

/** The modal's fields as text, the way a person typed them. */
export interface CloseOutForm {
  hours: { personId: string; role: 'captain' | 'crew'; text: string }[];
  costs: Record<ExtraCostKind, { amount: string; note: string }>;
  tips: string;
  refund: string;
  charge: string;
}

function hoursInput(minutes: number): string {
  // Hours with up to two decimals, exactly: 210 → "3.5", 200 → "3.33" (read back as 200 min).
  const whole = Math.trunc(minutes / 60);
  const rest = minutes % 60;
  if (rest === 0) return String(whole);
  const hundredths = Math.round((rest * 100) / 60);
  return `${whole}.${String(hundredths).padStart(2, '0').replace(/0$/, '')}`;
}

const money = (cents: number): string => (cents === 0 ? '' : centsToDollarsInput(cents));

/** The form for `actuals` (a stored close-out, or the plan with nothing else). */
export function formFromActuals(actuals: CloseOutActuals): CloseOutForm {
  const costs = Object.fromEntries(
    extraCostKinds.map((kind) => {
      const lines = actuals.extraCosts.filter((c) => c.kind === kind);
      const cents = lines.reduce((sum, c) => sum + c.cents, 0);
      const note = lines
        .map((c) => c.note)
        .filter(Boolean)
        .join('; ');
      return [kind, { amount: lines.length > 0 ? centsToDollarsInput(cents) : '', note }];
    }),
  ) as CloseOutForm['costs'];
  return {
    hours: actuals.hours.map((h) => ({
      personId: h.personId,
      role: h.role,
      text: hoursInput(h.minutes),
    })),
    costs,
    tips: money(actuals.tipsCents),
    refund: money(actuals.refundCents),
    charge: money(actuals.extraChargeCents),
  };
}

function value(values: ViewStateValues, blockId: string, actionId: string): string {
  return values[blockId]?.[actionId]?.value?.trim() ?? '';
}

/** The people rows of a drawn modal, in order, from its blocks' ids. */
export function peopleInBlocks(
  blocks: readonly { block_id?: string | undefined }[],
): Pick<ActualHours, 'personId' | 'role'>[] {
  const people: Pick<ActualHours, 'personId' | 'role'>[] = [];
  for (const block of blocks) {
    const match = /^closeout_hours_(captain|crew)_([a-z0-9-]+)$/.exec(block.block_id ?? '');
    if (match) people.push({ role: match[1] as 'captain' | 'crew', personId: match[2] as string });
  }
  return people;
}

/** Reads the form back from a view's state; `people` are the rows the modal was drawn with. */
export function readCloseOutForm(
  values: ViewStateValues,
  people: readonly Pick<ActualHours, 'personId' | 'role'>[],
): CloseOutForm {
  return {
    hours: people.map((p) => ({
      personId: p.personId,
      role: p.role,
      text: value(values, hoursBlockId(p.role, p.personId), ACTION_IDS.closeOutHours),
    })),
    costs: Object.fromEntries(
      extraCostKinds.map((kind) => [
        kind,
        {
          amount: value(values, costBlockId(kind), ACTION_IDS.closeOutCost),
          note: value(values, noteBlockId(kind), ACTION_IDS.closeOutNote),
        },
      ]),
    ) as CloseOutForm['costs'],
    tips: value(values, BLOCK_IDS.closeOutTips, ACTION_IDS.closeOutTips),
    refund: value(values, BLOCK_IDS.closeOutRefund, ACTION_IDS.closeOutRefund),
    charge: value(values, BLOCK_IDS.closeOutCharge, ACTION_IDS.closeOutCharge),
  };
}

export type CloseOutFormResult =
  | { ok: true; actuals: CloseOutActuals; actual: PriceBreakdown }
  | { ok: false; errors: Record<string, string> };

/** Checks the form: actuals and their breakdown, or a message per block that says what to fix. */
export function checkCloseOutForm(
  form: CloseOutForm,
  booking: Booking,
  tenant: Tenant,
): CloseOutFormResult {
  const errors: Record<string, string> = {};
  const amount = (blockId: string, text: string, what: string): number => {
    if (text === '') return 0;
    const cents = parseAmountToCents(text);
    if (cents === undefined || cents < 0) {
      errors[blockId] = `${what}: enter an amount in dollars like 45.00, or leave it empty.`;
      return 0;
    }
    return cents;
  };
  const hours: ActualHours[] = form.hours.map((h) => {
    const minutes = h.text === '' ? 0 : parseHoursToMinutes(h.text);
    if (minutes === undefined || minutes > 48 * 60) {
      errors[hoursBlockId(h.role, h.personId)] =
        'Enter hours worked as a number from 0 to 48, like 3.5.';
    }
    return { personId: h.personId, role: h.role, minutes: minutes ?? 0 };
  });
  const extraCosts: ExtraCost[] = [];
  for (const kind of extraCostKinds) {
    const { amount: text, note } = form.costs[kind];
    const cents = amount(costBlockId(kind), text, 'Cost');
    if (note.length > NOTE_MAX)
      errors[noteBlockId(kind)] = `Keep the note under ${NOTE_MAX} characters.`;
    if (text !== '' && cents > 0) extraCosts.push({ kind, cents, note });
    else if (text === '' && note !== '') {
      errors[costBlockId(kind)] = 'This cost has a note but no amount: enter the amount.';
    }
  }
  const actuals: CloseOutActuals = {
    hours,
    extraCosts,
    tipsCents: amount(BLOCK_IDS.closeOutTips, form.tips, 'Tips'),
    refundCents: amount(BLOCK_IDS.closeOutRefund, form.refund, 'Refund'),
    extraChargeCents: amount(BLOCK_IDS.closeOutCharge, form.charge, 'Extra charge'),
  };
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  try {
    return { ok: true, actuals, actual: computeActual(booking, tenant, actuals) };
  } catch (error) {
    if (!(error instanceof CloseOutInputError)) throw error;
    const blockId = error.field === 'refund' ? BLOCK_IDS.closeOutRefund : BLOCK_IDS.closeOutTips;
    return { ok: false, errors: { [blockId]: error.message } };
  }
}
