/**
 * The cost breakdown of one charter: revenue, one line per cost, total cost and net.
 * Pure and exact: integer cents, basis points, each line rounded half up once.
 */
import { BPS_PER_UNIT, formatBps, formatCents, mulDivRoundHalfUp } from '../money/cents.ts';
import type { Fee, Pricing } from '../tenants/tenant-schema.ts';

/** What the breakdown depends on. */
export interface PriceInput {
  /** Revenue in cents (see `revenueCentsFor`). */
  revenueCents: number;
  /** Charter length in minutes. */
  durationMinutes: number;
  /** Whether the operator supplies (and pays) a captain. */
  captain: boolean;
  /** Number of paid crew besides the captain. */
  crewCount: number;
  /** Number of guests, needed only by per-guest fees. */
  partySize?: number | undefined;
}

export interface CostLine {
  /** Stable key: a fee's key from the tenants file, or `captain` / `crew`. */
  key: string;
  label: string;
  cents: number;
  /** How the amount was computed, for people ("18% of $840.75"). */
  detail: string;
  /**
   * Why a wage line's hours are not the trip's ("3 h + 1 h before + 1 h after", "4 h minimum"),
   * when they differ; absent otherwise (and on prices stored before it existed).
   */
  hoursWhy?: string;
}

export interface PriceBreakdown {
  revenueCents: number;
  lines: CostLine[];
  costCents: number;
  netCents: number;
  /** Things a person should know, e.g. a per-guest fee without a guest count. */
  warnings: string[];
}

function assertCount(name: string, value: number): void {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new RangeError(`${name} must be a non-negative integer, got ${value}`);
  }
}

function formatMinutes(minutes: number): string {
  const hours = Math.trunc(minutes / 60);
  const rest = minutes % 60;
  if (rest === 0) return `${hours} h`;
  return hours === 0 ? `${rest} min` : `${hours} h ${rest} min`;
}

/** Paid minutes of one person for a charter of `durationMinutes` (before/after and minimum included). */
export function paidMinutes(
  wage: { paidMinutesBefore: number; paidMinutesAfter: number; minimumPaidMinutes: number },
  durationMinutes: number,
): number {
  return Math.max(
    durationMinutes + wage.paidMinutesBefore + wage.paidMinutesAfter,
    wage.minimumPaidMinutes,
  );
}

/** Why the paid time differs from the trip's, or undefined when it does not. */
function paidWhy(
  wage: { paidMinutesBefore: number; paidMinutesAfter: number; minimumPaidMinutes: number },
  durationMinutes: number,
): string | undefined {
  const paid = paidMinutes(wage, durationMinutes);
  if (paid === durationMinutes) return undefined;
  const worked = durationMinutes + wage.paidMinutesBefore + wage.paidMinutesAfter;
  if (paid > worked) return `${formatMinutes(paid)} minimum`;
  return [
    `${formatMinutes(durationMinutes)} trip`,
    wage.paidMinutesBefore > 0 ? `${formatMinutes(wage.paidMinutesBefore)} before` : null,
    wage.paidMinutesAfter > 0 ? `${formatMinutes(wage.paidMinutesAfter)} after` : null,
  ]
    .filter(Boolean)
    .join(' + ');
}

function withWhy(hoursWhy: string | undefined): { hoursWhy?: string } {
  return hoursWhy === undefined ? {} : { hoursWhy };
}

function feeLine(fee: Fee, input: PriceInput, warnings: string[]): CostLine {
  switch (fee.type) {
    case 'percent':
      return {
        key: fee.key,
        label: fee.label,
        cents: mulDivRoundHalfUp(input.revenueCents, fee.bps, BPS_PER_UNIT),
        detail: `${formatBps(fee.bps)} of ${formatCents(input.revenueCents)}`,
      };
    case 'fixed':
      return { key: fee.key, label: fee.label, cents: fee.cents, detail: 'per charter' };
    case 'per_hour':
      return {
        key: fee.key,
        label: fee.label,
        cents: mulDivRoundHalfUp(fee.cents, input.durationMinutes, 60),
        detail: `${formatMinutes(input.durationMinutes)} × ${formatCents(fee.cents)}/h`,
      };
    case 'per_guest': {
      const guests = input.partySize ?? 0;
      if (input.partySize === undefined) {
        warnings.push(
          `${fee.label} is charged per guest and the guest count is unknown; it is counted as 0.`,
        );
      }
      return {
        key: fee.key,
        label: fee.label,
        cents: fee.cents * guests,
        detail: `${guests} guest${guests === 1 ? '' : 's'} × ${formatCents(fee.cents)}`,
      };
    }
  }
}

/**
 * Prices a charter for a tenant. Percentage fees come first, then captain and crew wages,
 * then the other fees, each in the tenants file's order.
 *
 * @example
 * priceCharter({ revenueCents: 84_075, durationMinutes: 180, captain: true, crewCount: 2 }, qsdPricing)
 * // lines: port_fee 15134, captain 15000, crew 25000; costCents 55134; netCents 28941
 */
export function priceCharter(input: PriceInput, pricing: Pricing): PriceBreakdown {
  assertCount('revenueCents', input.revenueCents);
  assertCount('durationMinutes', input.durationMinutes);
  assertCount('crewCount', input.crewCount);
  if (input.partySize !== undefined) assertCount('partySize', input.partySize);

  const warnings: string[] = [];
  const lines: CostLine[] = [];
  for (const fee of pricing.fees)
    if (fee.type === 'percent') lines.push(feeLine(fee, input, warnings));

  if (input.captain) {
    const minutes = paidMinutes(pricing.captain, input.durationMinutes);
    lines.push({
      key: 'captain',
      label: 'Captain',
      cents: mulDivRoundHalfUp(pricing.captain.rateCents, minutes, 60),
      detail: `${formatMinutes(minutes)} × ${formatCents(pricing.captain.rateCents)}/h`,
      ...withWhy(paidWhy(pricing.captain, input.durationMinutes)),
    });
  }
  if (input.crewCount > 0) {
    const minutes = paidMinutes(pricing.crew, input.durationMinutes);
    lines.push({
      key: 'crew',
      label: 'Crew',
      // One line, one rounding: count × rate × minutes / 60.
      cents: mulDivRoundHalfUp(pricing.crew.rateCents * input.crewCount, minutes, 60),
      detail: `${input.crewCount} × ${formatMinutes(minutes)} × ${formatCents(pricing.crew.rateCents)}/h`,
      ...withWhy(paidWhy(pricing.crew, input.durationMinutes)),
    });
  }
  for (const fee of pricing.fees)
    if (fee.type !== 'percent') lines.push(feeLine(fee, input, warnings));

  const costCents = lines.reduce((sum, line) => sum + line.cents, 0);
  return {
    revenueCents: input.revenueCents,
    lines,
    costCents,
    netCents: input.revenueCents - costCents,
    warnings,
  };
}

/**
 * The booking amount that counts as revenue for this tenant (gross or payout), or undefined
 * when the booking does not state it.
 */
export function revenueCentsFor(
  amounts: { grossAmountCents: number | null; payoutCents: number | null },
  pricing: Pricing,
): number | undefined {
  const value = pricing.revenue === 'gross' ? amounts.grossAmountCents : amounts.payoutCents;
  return value ?? undefined;
}
