/** The approval modal's editable fields, and how a parsed booking fills them. */
import type { Assignment } from '../src/bookings/booking.ts';
import { defaultAssignment } from '../src/bookings/default-assignment.ts';
import type { IntakeResult } from '../src/intake/intake-result.ts';
import { revenueCentsFor } from '../src/pricing/price-charter.ts';
import type { Tenant } from '../src/tenants/tenant-schema.ts';

/** Charter lengths offered: 1 h to 10 h in 30-minute steps (8 h is the "full day"). */
export const DURATION_CHOICES: readonly number[] = Array.from(
  { length: 19 },
  (_, i) => 60 + i * 30,
);
/** Longest charter the modal accepts (a parsed length outside the list is offered as its own option). */
export const MAX_DURATION_MINUTES = 24 * 60;
export const PARTY_SIZE_MIN = 1;
export const PARTY_SIZE_MAX = 99;
/** Longest renter name and boat name the modal takes. */
export const NAME_MAX = 200;
/**
 * Crew rule, the same for every tenant for now: a crewed charter needs at least one crew member
 * besides the captain per this many guests (6 guests: 1, 7 to 12: 2). Bareboat charters (no
 * captain included, none picked, no crew) are exempt.
 */
export const GUESTS_PER_CREW = 6;

/** Crew (besides the captain) a party of `partySize` needs under the rule above. */
export function requiredCrew(partySize: number): number {
  return Math.ceil(partySize / GUESTS_PER_CREW);
}

/** What the approval modal shows; null where nothing is known yet. Raw (unescaped) text. */
export interface ApprovalDraft {
  /** Local date, YYYY-MM-DD. */
  date: string | null;
  /** Local start, HH:mm. */
  startLocal: string | null;
  durationMinutes: number | null;
  guestName: string | null;
  partySize: number | null;
  /** The amount the tenant counts as revenue (`pricing.revenue`: renter total or payout). */
  revenueCents: number | null;
  listingName: string | null;
  /** Whether the booking includes a captain (null: it does not say; treated as yes). */
  captainIncluded: boolean | null;
  captainId: string | null;
  crewIds: string[];
  notes: string | null;
}

/**
 * The modal's starting values: the parse's fields, the tenant's revenue amount, and the
 * assignment given (default: the tenant's first captain and standard crew). `null` intake gives
 * the empty modal of a bare `/charter`.
 *
 * @example approvalDraftFromIntake(await parseIntake(text, opts), tenant).revenueCents // 84075
 */
export function approvalDraftFromIntake(
  intake: IntakeResult | null,
  tenant: Tenant,
  assignment?: Assignment,
): ApprovalDraft {
  const captainIncluded = intake?.captainIncluded ?? null;
  const crew = assignment ?? defaultAssignment(tenant, captainIncluded !== false);
  return {
    date: intake?.date ?? null,
    startLocal: intake?.startLocal ?? null,
    durationMinutes: intake?.durationMinutes ?? null,
    guestName: intake?.guestName ?? null,
    partySize: intake?.partySize ?? null,
    revenueCents: intake ? (revenueCentsFor(intake, tenant.pricing) ?? null) : null,
    listingName: intake?.listingName ?? null,
    captainIncluded,
    captainId: crew.captainId,
    crewIds: [...crew.crewIds],
    notes: intake?.renterNote ?? null,
  };
}
