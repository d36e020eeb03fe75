/**
 * The actual breakdown of a charter from its close-out: the tenant's pricing applied to what
 * really happened. Wages and fees come from `priceCharter` itself (same rounding: half up, once
 * per line), so this file adds lines but no wage or fee arithmetic of its own. Pure.
 */
import type { Booking } from '../bookings/booking.ts';
import { formatCents } from '../money/cents.ts';
import {
  type CostLine,
  type PriceBreakdown,
  paidMinutes,
  priceCharter,
} from '../pricing/price-charter.ts';
import type { Pricing, Tenant } from '../tenants/tenant-schema.ts';
import type { ActualHours, ExtraCost, ExtraCostKind } from './close-out.ts';
import { type CloseOutSettings, closeOutSettingsOf } from './closeout-settings.ts';

/** What a person enters at close-out (everything but the computed breakdown and the history). */
export interface CloseOutActuals {
  hours: ActualHours[];
  extraCosts: ExtraCost[];
  tipsCents: number;
  refundCents: number;
  extraChargeCents: number;
}

export const extraCostLabels: Record<ExtraCostKind, string> = {
  fuel: 'Fuel',
  cleaning: 'Cleaning',
  provisioning: 'Provisioning',
  damage: 'Damage',
  other: 'Other',
};

/** Cost-line keys of the close-out's own lines; a `:` never occurs in a tenant's fee keys. */
export const TIPS_KEY = 'tips:crew';
export const extraCostKey = (kind: ExtraCostKind): string => `extra:${kind}`;

/** A bad close-out value, with the field it is about (`refund`, `hours.rosa`, `cost.0`). */
export class CloseOutInputError extends Error {
  override readonly name = 'CloseOutInputError';
  readonly field: string;
  constructor(field: string, message: string) {
    super(message);
    this.field = field;
  }
}

export function charterMinutes(booking: Pick<Booking, 'startsAt' | 'endsAt'>): number {
  return Math.round((Date.parse(booking.endsAt) - Date.parse(booking.startsAt)) / 60_000);
}

/** True when `booking` was cancelled late (within the tenant's `lateCancellationHours` of its start). */
export function isLateCancellation(booking: Booking, settings: CloseOutSettings): boolean {
  if (booking.status !== 'cancelled') return false;
  const before = Date.parse(booking.startsAt) - Date.parse(booking.updatedAt);
  return before <= settings.lateCancellationHours * 3_600_000;
}

/**
 * The hours the plan pays (captain and each assigned crew member), which pre-fill the close-out.
 * A cancelled charter plans none, unless it was cancelled late and the tenant pays crew then.
 */
export function plannedHours(booking: Booking, tenant: Tenant): ActualHours[] {
  const settings = closeOutSettingsOf(tenant);
  const paid =
    booking.status !== 'cancelled' ||
    (settings.crewPaidOnLateCancellation && isLateCancellation(booking, settings));
  const duration = charterMinutes(booking);
  const hours: ActualHours[] = [];
  const { captainId, crewIds } = booking.assignment;
  if (captainId !== null) {
    hours.push({
      personId: captainId,
      role: 'captain',
      minutes: paid ? paidMinutes(tenant.pricing.captain, duration) : 0,
    });
  }
  for (const personId of crewIds) {
    hours.push({
      personId,
      role: 'crew',
      minutes: paid ? paidMinutes(tenant.pricing.crew, duration) : 0,
    });
  }
  return hours;
}

function formatMinutes(minutes: number): string {
  const h = Math.trunc(minutes / 60);
  const rest = minutes % 60;
  if (rest === 0) return `${h} h`;
  return h === 0 ? `${rest} min` : `${h} h ${rest} min`;
}

/** Pricing that pays exactly the minutes given: no time before or after, no minimum, no fees. */
function flat(pricing: Pricing): Pricing {
  const none = { paidMinutesBefore: 0, paidMinutesAfter: 0, minimumPaidMinutes: 0 };
  return {
    ...pricing,
    fees: [],
    captain: { ...pricing.captain, ...none },
    crew: { ...pricing.crew, ...none },
  };
}

/** One wage line for people paid their own minutes at one rate: one line, one rounding. */
function wageLine(
  role: 'captain' | 'crew',
  people: ActualHours[],
  pricing: Pricing,
  names: (personId: string) => string,
): CostLine | undefined {
  if (people.length === 0) return undefined;
  const total = people.reduce((sum, person) => sum + person.minutes, 0);
  // priceCharter with flat pricing is rate × minutes / 60 rounded half up: the quote's arithmetic.
  const priced = priceCharter(
    role === 'captain'
      ? { revenueCents: 0, durationMinutes: total, captain: true, crewCount: 0 }
      : { revenueCents: 0, durationMinutes: total, captain: false, crewCount: 1 },
    flat(pricing),
  );
  const line = priced.lines[0];
  if (!line) return undefined;
  const rate = role === 'captain' ? pricing.captain.rateCents : pricing.crew.rateCents;
  const who = people.map((p) => `${names(p.personId)} ${formatMinutes(p.minutes)}`).join(', ');
  return {
    key: role,
    label: role === 'captain' ? 'Captain' : 'Crew',
    cents: line.cents,
    detail: `${who} × ${formatCents(rate)}/h`,
  };
}

function assertCents(field: string, value: number): void {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new CloseOutInputError(field, `${field} must be a whole, non-negative number of cents`);
  }
}

/**
 * What a close-out starts from before anyone has entered anything: the plan's hours, no extra
 * costs, and for a cancelled charter a full refund, which is what counting it without a
 * close-out assumes (`charterMoney`). Saving it unchanged therefore changes no figure; the
 * person enters what was really refunded.
 */
export function plannedActuals(booking: Booking, tenant: Tenant): CloseOutActuals {
  return {
    hours: plannedHours(booking, tenant),
    extraCosts: [],
    tipsCents: 0,
    refundCents: booking.status === 'cancelled' ? booking.price.revenueCents : 0,
    extraChargeCents: 0,
  };
}

/**
 * The breakdown of what the charter really made. Revenue is the quote's, less the refund, plus
 * the extra charge. A charter that ran pays its fees as quoted (percentage fees on the actual
 * revenue); a cancelled one owes only the percentage fees on what it kept. Wages are the hours
 * entered; extra costs and tips passed to crew are lines of their own.
 *
 * @example
 * computeActual(booking, tenant, { hours, extraCosts: [{ kind: 'fuel', cents: 4_500, note: '' }],
 *   tipsCents: 0, refundCents: 0, extraChargeCents: 0 })
 * // the seed charter: port fee 15134, captain 15000, crew 25000, fuel 4500 → net 24441
 */
export function computeActual(
  booking: Booking,
  tenant: Tenant,
  actuals: CloseOutActuals,
  names: (personId: string) => string = (id) => tenant.roster.find((m) => m.id === id)?.name ?? id,
): PriceBreakdown {
  assertCents('tips', actuals.tipsCents);
  assertCents('refund', actuals.refundCents);
  assertCents('extra charge', actuals.extraChargeCents);
  actuals.extraCosts.forEach((cost, index) => {
    assertCents(`cost ${index + 1}`, cost.cents);
  });
  for (const person of actuals.hours) {
    if (!Number.isSafeInteger(person.minutes) || person.minutes < 0 || person.minutes > 48 * 60) {
      throw new CloseOutInputError(
        `hours.${person.personId}`,
        `${names(person.personId)}: hours must be between 0 and 48`,
      );
    }
  }
  const quoted = booking.price.revenueCents;
  const revenueCents = quoted - actuals.refundCents + actuals.extraChargeCents;
  if (revenueCents < 0) {
    throw new CloseOutInputError(
      'refund',
      `The refund (${formatCents(actuals.refundCents)}) is more than the charter took (${formatCents(quoted + actuals.extraChargeCents)})`,
    );
  }
  const ran = booking.status !== 'cancelled';
  const fees = priceCharter(
    {
      revenueCents,
      durationMinutes: charterMinutes(booking),
      captain: false,
      crewCount: 0,
      partySize: booking.details.partySize ?? undefined,
    },
    ran
      ? tenant.pricing
      : { ...tenant.pricing, fees: tenant.pricing.fees.filter((f) => f.type === 'percent') },
  );
  const percent = fees.lines.filter((line) =>
    tenant.pricing.fees.some((f) => f.key === line.key && f.type === 'percent'),
  );
  const others = fees.lines.filter((line) => !percent.includes(line));
  const wages = [
    wageLine(
      'captain',
      actuals.hours.filter((h) => h.role === 'captain'),
      tenant.pricing,
      names,
    ),
    wageLine(
      'crew',
      actuals.hours.filter((h) => h.role === 'crew'),
      tenant.pricing,
      names,
    ),
  ].filter((line): line is CostLine => line !== undefined);
  const extras: CostLine[] = actuals.extraCosts.map((cost) => ({
    key: extraCostKey(cost.kind),
    label: extraCostLabels[cost.kind],
    cents: cost.cents,
    detail: cost.note.trim() === '' ? 'close-out' : cost.note.trim(),
  }));
  const tips: CostLine[] =
    actuals.tipsCents > 0
      ? [{ key: TIPS_KEY, label: 'Tips to crew', cents: actuals.tipsCents, detail: 'passed on' }]
      : [];
  const lines = [...percent, ...wages, ...others, ...extras, ...tips];
  const costCents = lines.reduce((sum, line) => sum + line.cents, 0);
  return {
    revenueCents,
    lines,
    costCents,
    netCents: revenueCents - costCents,
    warnings: fees.warnings,
  };
}
