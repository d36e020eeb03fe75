/**
 * A charter's close-out: what it really cost and earned, recorded after its end beside the quote
 * (`Booking.price` stays as approved). Each save is a new version; `history` says who changed
 * what and when. Integer cents; minutes for hours.
 */
import type { PriceBreakdown } from '../pricing/price-charter.ts';

export const extraCostKinds = ['fuel', 'cleaning', 'provisioning', 'damage', 'other'] as const;
export type ExtraCostKind = (typeof extraCostKinds)[number];

/** Hours one person actually worked (the plan pre-fills them). */
export interface ActualHours {
  /** The roster person id (`captain` role or crew). */
  personId: string;
  role: 'captain' | 'crew';
  minutes: number;
}

export interface ExtraCost {
  kind: ExtraCostKind;
  cents: number;
  note: string;
}

export interface CloseOutChange {
  version: number;
  /** Slack user id or `cli:<name>` of who saved this version. */
  by: string;
  at: string;
  /** For people: "fuel $45.00 added; captain 3 h → 3 h 30 min". */
  summary: string;
  /** The submission that saved it (a Slack view or a CLI run): its retry finds it saved. */
  requestId?: string;
}

export interface CloseOut {
  tenantId: string;
  bookingId: string;
  /** 1 for the first close-out; bumped by every re-close (conditional write on it). */
  version: number;
  hours: ActualHours[];
  extraCosts: ExtraCost[];
  /** Tips passed to crew (paid out, so a cost to the operator when collected as revenue). */
  tipsCents: number;
  /** Money returned to the renter. */
  refundCents: number;
  /** Money charged to the renter on top of the booking. */
  extraChargeCents: number;
  /** The breakdown recomputed from the actuals: what the charter really made. */
  actual: PriceBreakdown;
  history: CloseOutChange[];
  closedAt: string;
  updatedAt: string;
}
