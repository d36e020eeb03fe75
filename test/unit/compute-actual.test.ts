/**
 * Unit tests for a charter's actual breakdown (src/closeout/): exact cents on the seed charter,
 * refunds, extra charges, tips and extra costs, cancellations with the tenant's late-cancellation
 * setting, charterMoney, and properties (net = revenue − costs, every line ≥ 0, the plan's hours
 * give the quote's wages).
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Booking } from '../../src/bookings/booking.ts';
import { charterMoney } from '../../src/closeout/charter-money.ts';
import type { CloseOut } from '../../src/closeout/close-out.ts';
import {
  type CloseOutActuals,
  CloseOutInputError,
  computeActual,
  plannedHours,
} from '../../src/closeout/compute-actual.ts';
import { priceCharter } from '../../src/pricing/price-charter.ts';
import type { Tenant } from '../../src/tenants/tenant-schema.ts';
import { exampleTenant, seedBooking } from '../support/view-fixtures.ts';

let tenant: Tenant;
let booking: Booking;
beforeAll(async () => {
  tenant = await exampleTenant('queen-of-san-diego');
  booking = seedBooking(tenant);
});

const none = (hours: CloseOutActuals['hours']): CloseOutActuals => ({
  hours,
  extraCosts: [],
  tipsCents: 0,
  refundCents: 0,
  extraChargeCents: 0,
});
const cents = (lines: { key: string; cents: number }[]) =>
  Object.fromEntries(lines.map((l) => [l.key, l.cents]));

describe('computeActual on the seed charter ($840.75, 3 h, Rosa captain, Marco and Jules crew)', () => {
  it('the plan pre-fills 3 h for the captain and 5 h for each crew member', () => {
    expect(plannedHours(booking, tenant)).toEqual([
      { personId: 'rosa', role: 'captain', minutes: 180 },
      { personId: 'marco', role: 'crew', minutes: 300 },
      { personId: 'jules', role: 'crew', minutes: 300 },
    ]);
  });

  it('the planned hours give the quote exactly: net $289.41', () => {
    const actual = computeActual(booking, tenant, none(plannedHours(booking, tenant)));
    expect(cents(actual.lines)).toEqual({ port_fee: 15_134, captain: 15_000, crew: 25_000 });
    expect(actual.netCents).toBe(28_941);
    expect(actual.netCents).toBe(booking.price.netCents);
  });

  it('a longer day, fuel and cleaning: captain 3.5 h, Marco 5.5 h, fuel $45.00, cleaning $20.00', () => {
    const actual = computeActual(booking, tenant, {
      ...none([
        { personId: 'rosa', role: 'captain', minutes: 210 },
        { personId: 'marco', role: 'crew', minutes: 330 },
        { personId: 'jules', role: 'crew', minutes: 300 },
      ]),
      extraCosts: [
        { kind: 'fuel', cents: 4_500, note: 'top-up at Shelter Island' },
        { kind: 'cleaning', cents: 2_000, note: '' },
      ],
    });
    expect(cents(actual.lines)).toEqual({
      port_fee: 15_134,
      captain: 17_500,
      crew: 26_250,
      'extra:fuel': 4_500,
      'extra:cleaning': 2_000,
    });
    expect(actual.lines.find((l) => l.key === 'crew')?.detail).toBe(
      'Marco Exemplo 5 h 30 min, Jules Fakename 5 h × $25.00/h',
    );
    expect(actual.lines.find((l) => l.key === 'extra:fuel')?.detail).toBe(
      'top-up at Shelter Island',
    );
    expect(actual.costCents).toBe(65_384);
    expect(actual.netCents).toBe(18_691);
  });

  it('rounds a wage line once, half up: 1 h 1 min at $25/h is $25.42 (2541.67)', () => {
    const actual = computeActual(
      booking,
      tenant,
      none([{ personId: 'marco', role: 'crew', minutes: 61 }]),
    );
    expect(cents(actual.lines).crew).toBe(2_542);
  });

  it('a refund lowers revenue and the port fee with it; an extra charge raises them', () => {
    const refunded = computeActual(booking, tenant, {
      ...none(plannedHours(booking, tenant)),
      refundCents: 10_000,
    });
    expect(refunded.revenueCents).toBe(74_075);
    expect(cents(refunded.lines).port_fee).toBe(13_334); // 740.75 × 18% = 133.335 → 133.34
    expect(refunded.netCents).toBe(74_075 - 13_334 - 15_000 - 25_000);
    const charged = computeActual(booking, tenant, {
      ...none(plannedHours(booking, tenant)),
      extraChargeCents: 2_500,
    });
    expect(charged.revenueCents).toBe(86_575);
    expect(cents(charged.lines).port_fee).toBe(15_584); // 865.75 × 18% = 155.835 → 155.84
  });

  it('tips passed to crew are a cost line of their own', () => {
    const actual = computeActual(booking, tenant, {
      ...none(plannedHours(booking, tenant)),
      tipsCents: 5_000,
    });
    expect(cents(actual.lines)['tips:crew']).toBe(5_000);
    expect(actual.netCents).toBe(23_941);
  });

  it('refuses a refund above what the charter took, naming the field', () => {
    const run = () => computeActual(booking, tenant, { ...none([]), refundCents: 84_076 });
    expect(run).toThrow(CloseOutInputError);
    expect(run).toThrow(/refund \(\$840\.76\) is more than the charter took \(\$840\.75\)/);
  });

  it('refuses negative or fractional amounts and impossible hours', () => {
    expect(() => computeActual(booking, tenant, { ...none([]), tipsCents: -1 })).toThrow(
      CloseOutInputError,
    );
    expect(() =>
      computeActual(booking, tenant, {
        ...none([]),
        extraCosts: [{ kind: 'fuel', cents: 12.5, note: '' }],
      }),
    ).toThrow(/cost 1/);
    expect(() =>
      computeActual(
        booking,
        tenant,
        none([{ personId: 'rosa', role: 'captain', minutes: 49 * 60 }]),
      ),
    ).toThrow(/Rosa Exampleton: hours must be between 0 and 48/);
  });
});

describe('cancellations', () => {
  const lateSettings = { lateCancellationHours: 48, crewPaidOnLateCancellation: true };
  const cancelled = (hoursBeforeStart: number): Booking => ({
    ...booking,
    status: 'cancelled',
    updatedAt: new Date(Date.parse(booking.startsAt) - hoursBeforeStart * 3_600_000).toISOString(),
  });

  it('a cancelled charter plans no hours by default (the tenant does not pay crew then)', () => {
    expect(plannedHours(cancelled(2), tenant).every((h) => h.minutes === 0)).toBe(true);
  });

  it('a late cancellation plans the hours when the tenant pays crew; an early one does not', () => {
    const paying = { ...tenant, closeOut: lateSettings };
    expect(plannedHours(cancelled(2), paying).map((h) => h.minutes)).toEqual([180, 300, 300]);
    expect(plannedHours(cancelled(72), paying).map((h) => h.minutes)).toEqual([0, 0, 0]);
  });

  it('a cancelled close-out with a refund counts the revenue kept, its percentage fee and the wages owed', () => {
    const paying = { ...tenant, closeOut: lateSettings };
    const b = cancelled(2);
    const actual = computeActual(b, paying, {
      ...none(plannedHours(b, paying)),
      refundCents: 42_075,
    });
    expect(actual.revenueCents).toBe(42_000);
    expect(cents(actual.lines)).toEqual({ port_fee: 7_560, captain: 15_000, crew: 25_000 });
    expect(actual.netCents).toBe(42_000 - 7_560 - 40_000);
  });

  it('charterMoney: a cancellation not closed out keeps no revenue and owes wages only when late and paid', () => {
    expect(charterMoney(cancelled(2), undefined).counted).toMatchObject({
      revenueCents: 0,
      costCents: 0,
      netCents: 0,
    });
    const owed = charterMoney(cancelled(2), undefined, lateSettings).counted;
    expect(cents(owed.lines)).toEqual({ captain: 15_000, crew: 25_000 });
    expect(owed.netCents).toBe(-40_000);
    expect(charterMoney(cancelled(72), undefined, lateSettings).counted.netCents).toBe(0);
  });

  it('charterMoney: a close-out counts its actual; a charter not closed out counts the current quote', () => {
    const actual = computeActual(booking, tenant, none([]));
    const closeOut = { actual } as CloseOut;
    expect(charterMoney(booking, closeOut)).toMatchObject({ basis: 'actual', counted: actual });
    const modified = { ...booking, price: { ...booking.price, revenueCents: 90_000 } };
    expect(charterMoney(modified, undefined)).toMatchObject({
      basis: 'quoted',
      counted: { revenueCents: 90_000 },
    });
  });
});

describe('computeActual properties', () => {
  const kinds = ['fuel', 'cleaning', 'provisioning', 'damage', 'other'] as const;
  const actualsArb = fc.record({
    hours: fc.array(
      fc.record({
        personId: fc.constantFrom('rosa', 'marco', 'jules', 'kai'),
        role: fc.constantFrom('captain' as const, 'crew' as const),
        minutes: fc.integer({ min: 0, max: 48 * 60 }),
      }),
      { maxLength: 5 },
    ),
    extraCosts: fc.array(
      fc.record({
        kind: fc.constantFrom(...kinds),
        cents: fc.integer({ min: 0, max: 10_000_000 }),
        note: fc.string({ maxLength: 20 }),
      }),
      { maxLength: 6 },
    ),
    tipsCents: fc.integer({ min: 0, max: 1_000_000 }),
    refundCents: fc.integer({ min: 0, max: 84_075 }),
    extraChargeCents: fc.integer({ min: 0, max: 1_000_000 }),
  });

  it('net = revenue − costs, costs = the sum of the lines, every line ≥ 0, revenue = quote − refund + charge', () => {
    fc.assert(
      fc.property(actualsArb, fc.boolean(), (actuals, isCancelled) => {
        const b: Booking = isCancelled ? { ...booking, status: 'cancelled' } : booking;
        const actual = computeActual(b, tenant, actuals);
        expect(actual.costCents).toBe(actual.lines.reduce((s, l) => s + l.cents, 0));
        expect(actual.netCents).toBe(actual.revenueCents - actual.costCents);
        expect(actual.revenueCents).toBe(84_075 - actuals.refundCents + actuals.extraChargeCents);
        for (const line of actual.lines) {
          expect(Number.isSafeInteger(line.cents)).toBe(true);
          expect(line.cents).toBeGreaterThanOrEqual(0);
        }
      }),
    );
  });

  it('the planned hours reproduce the quote for any revenue and length', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10_000_000 }),
        fc.integer({ min: 30, max: 24 * 60 }),
        (revenueCents, minutes) => {
          const startsAt = booking.startsAt;
          const endsAt = new Date(Date.parse(startsAt) + minutes * 60_000).toISOString();
          const quoted = seedBooking(tenant, { startsAt, endsAt });
          const b: Booking = {
            ...quoted,
            price: computeActual(
              { ...quoted, price: { ...quoted.price, revenueCents } },
              tenant,
              none(plannedHours(quoted, tenant)),
            ),
          };
          const expected = priceCharter(
            { revenueCents, durationMinutes: minutes, captain: true, crewCount: 2, partySize: 6 },
            tenant.pricing,
          );
          expect(cents(b.price.lines)).toEqual(cents(expected.lines));
          expect(b.price.netCents).toBe(expected.netCents);
        },
      ),
    );
  });
});
