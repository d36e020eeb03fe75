/**
 * Saving a close-out: computes the actual breakdown, records who changed what, and writes it
 * with one conditional write on the version the person started from. A concurrent save makes
 * this throw VersionConflictError: the person re-opens and sees the other's figures; nothing is
 * merged. Used by the Slack job, the CLI and the load test.
 */
import type { Booking } from '../bookings/booking.ts';
import { VersionConflictError } from '../bookings/booking.ts';
import { formatCents } from '../money/cents.ts';
import type { CloseOutRepository } from '../storage/ports/closeout-repository.ts';
import type { Tenant } from '../tenants/tenant-schema.ts';
import { formatInZone } from '../time/zoned.ts';
import type { CloseOut } from './close-out.ts';
import {
  type CloseOutActuals,
  CloseOutInputError,
  computeActual,
  extraCostLabels,
} from './compute-actual.ts';

function hoursText(minutes: number): string {
  const h = Math.trunc(minutes / 60);
  const rest = minutes % 60;
  if (rest === 0) return `${h} h`;
  return h === 0 ? `${rest} min` : `${h} h ${rest} min`;
}

/** What changed from `before` (undefined: the first close-out) to `after`, for people. */
export function changeSummary(
  before: CloseOutActuals | undefined,
  after: CloseOutActuals,
  names: (personId: string) => string,
): string {
  const parts: string[] = [];
  const old = before ?? {
    hours: [],
    extraCosts: [],
    tipsCents: 0,
    refundCents: 0,
    extraChargeCents: 0,
  };
  for (const person of after.hours) {
    const was = old.hours.find((h) => h.personId === person.personId && h.role === person.role);
    if (!before) parts.push(`${names(person.personId)} ${hoursText(person.minutes)}`);
    else if (was?.minutes !== person.minutes) {
      parts.push(
        `${names(person.personId)} ${was ? hoursText(was.minutes) : 'none'} → ${hoursText(person.minutes)}`,
      );
    }
  }
  const costs = (list: CloseOutActuals['extraCosts']) =>
    list.map((c) => `${extraCostLabels[c.kind].toLowerCase()} ${formatCents(c.cents)}`).join(', ');
  if (costs(old.extraCosts) !== costs(after.extraCosts)) {
    parts.push(
      after.extraCosts.length > 0 ? `costs: ${costs(after.extraCosts)}` : 'no extra costs',
    );
  }
  const money = [
    ['tips', old.tipsCents, after.tipsCents],
    ['refund', old.refundCents, after.refundCents],
    ['extra charge', old.extraChargeCents, after.extraChargeCents],
  ] as const;
  for (const [label, was, now] of money) {
    if (was !== now) parts.push(`${label} ${formatCents(now)}`);
  }
  return parts.length > 0 ? parts.join('; ') : 'no change';
}

export interface RecordCloseOutInput {
  booking: Booking;
  tenant: Tenant;
  actuals: CloseOutActuals;
  /** The version the person started from: 0 for a first close-out. */
  expectedVersion: number;
  /** Slack user id or `cli:<name>`. */
  by: string;
  now: Date;
  /** Identifies this submission: a retry of the same one finds its save done, not a conflict. */
  requestId?: string;
}

/** Computes and saves; throws CloseOutInputError for bad values, VersionConflictError on a race. */
export async function recordCloseOut(
  store: CloseOutRepository,
  input: RecordCloseOutInput,
): Promise<CloseOut> {
  const { booking, tenant, actuals, expectedVersion, by, now } = input;
  const names = (id: string) => tenant.roster.find((m) => m.id === id)?.name ?? id;
  if (booking.status !== 'cancelled' && Date.parse(booking.endsAt) > now.getTime()) {
    throw new CloseOutInputError(
      'booking',
      `${booking.bookingId} has not ended yet (it ends ${formatInZone(new Date(booking.endsAt), tenant.timezone)}); close it out after the charter.`,
    );
  }
  const actual = computeActual(booking, tenant, actuals, names);
  const current = await store.get(tenant.id, booking.bookingId);
  const last = current?.history.at(-1);
  if (
    current &&
    input.requestId !== undefined &&
    current.version === expectedVersion + 1 &&
    last?.requestId === input.requestId
  ) {
    return current; // this very submission was saved before its job was retried
  }
  if ((current?.version ?? 0) !== expectedVersion) {
    throw new VersionConflictError(
      `the close-out was changed (version ${current?.version ?? 0}) since it was opened (version ${expectedVersion})`,
    );
  }
  const at = now.toISOString();
  const version = expectedVersion + 1;
  const closeOut: CloseOut = {
    tenantId: tenant.id,
    bookingId: booking.bookingId,
    version,
    hours: actuals.hours,
    extraCosts: actuals.extraCosts,
    tipsCents: actuals.tipsCents,
    refundCents: actuals.refundCents,
    extraChargeCents: actuals.extraChargeCents,
    actual,
    history: [
      ...(current?.history ?? []),
      {
        version,
        by,
        at,
        summary: changeSummary(current, actuals, names),
        ...(input.requestId === undefined ? {} : { requestId: input.requestId }),
      },
    ],
    closedAt: current?.closedAt ?? at,
    updatedAt: at,
  };
  return store.save(closeOut, expectedVersion);
}
