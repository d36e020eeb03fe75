/** Unit tests for the charter cost breakdown: the PRODUCT.md golden test, fee types and invariants. */
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type PriceInput, priceCharter, revenueCentsFor } from '../../src/pricing/price-charter.ts';
import { loadTenantsFile } from '../../src/tenants/tenant-registry.ts';
import { type Pricing, pricingSchema } from '../../src/tenants/tenant-schema.ts';

const EXAMPLE_FILE = fileURLToPath(new URL('../../config/tenants.example.yml', import.meta.url));

/** The two example tenants' pricing, mirrored here so fee logic is tested on its own. */
const queenPricing: Pricing = pricingSchema.parse({
  revenue: 'gross',
  captain: { rateCents: 5_000 },
  crew: { rateCents: 2_500, paidMinutesBefore: 60, paidMinutesAfter: 60, standardCount: 2 },
  fees: [{ key: 'port_fee', label: 'Port fee', type: 'percent', bps: 1_800 }],
});
const keysPricing: Pricing = pricingSchema.parse({
  revenue: 'payout',
  captain: { rateCents: 6_000, minimumPaidMinutes: 240 },
  crew: { rateCents: 3_000, paidMinutesBefore: 30, paidMinutesAfter: 30, standardCount: 1 },
  fees: [
    { key: 'dock_fee', label: 'Dock fee', type: 'fixed', cents: 4_000 },
    { key: 'fuel', label: 'Fuel', type: 'per_hour', cents: 4_500 },
    { key: 'cleaning', label: 'Cleaning', type: 'per_guest', cents: 500 },
  ],
});

const goldenInput: PriceInput = {
  revenueCents: 84_075,
  durationMinutes: 180,
  captain: true,
  crewCount: 2,
};

describe('priceCharter golden test (PRODUCT.md "Money")', () => {
  it('prices the seed charter for queen-of-san-diego loaded from the example file', async () => {
    // Prepare
    const tenant = (await loadTenantsFile(EXAMPLE_FILE)).get('queen-of-san-diego');

    // Act
    const result = priceCharter(goldenInput, tenant.pricing);

    // Assess
    expect(result.lines.map(({ key, cents }) => [key, cents])).toEqual([
      ['port_fee', 15_134],
      ['captain', 15_000],
      ['crew', 25_000],
    ]);
    expect(result.costCents).toBe(55_134);
    expect(result.netCents).toBe(28_941);
  });

  it('mirrors in this file equal the example file pricing', async () => {
    const registry = await loadTenantsFile(EXAMPLE_FILE);
    expect(registry.get('queen-of-san-diego').pricing).toEqual(queenPricing);
    expect(registry.get('keys-reef-runner').pricing).toEqual(keysPricing);
  });

  it('prices the seed charter with the same pricing: $151.34 + $150 + $250, net $289.41', () => {
    // Act
    const result = priceCharter(goldenInput, queenPricing);

    // Assess
    expect(result).toEqual({
      revenueCents: 84_075,
      lines: [
        { key: 'port_fee', label: 'Port fee', cents: 15_134, detail: '18% of $840.75' },
        { key: 'captain', label: 'Captain', cents: 15_000, detail: '3 h × $50.00/h' },
        {
          key: 'crew',
          label: 'Crew',
          cents: 25_000,
          detail: '2 × 5 h × $25.00/h',
          hoursWhy: '3 h trip + 1 h before + 1 h after',
        },
      ],
      costCents: 55_134,
      netCents: 28_941,
      warnings: [],
    });
  });
});

describe('priceCharter for keys-reef-runner (minimums, paid time around the trip, fee types)', () => {
  it('pays the captain the 4-hour minimum on a 2-hour trip and crew 30 min before and after', () => {
    // Act
    const result = priceCharter(
      { revenueCents: 100_000, durationMinutes: 120, captain: true, crewCount: 1, partySize: 4 },
      keysPricing,
    );

    // Assess
    expect(result.lines).toEqual([
      {
        key: 'captain',
        label: 'Captain',
        cents: 24_000,
        detail: '4 h × $60.00/h',
        hoursWhy: '4 h minimum',
      },
      {
        key: 'crew',
        label: 'Crew',
        cents: 9_000,
        detail: '1 × 3 h × $30.00/h',
        hoursWhy: '2 h trip + 30 min before + 30 min after',
      },
      { key: 'dock_fee', label: 'Dock fee', cents: 4_000, detail: 'per charter' },
      { key: 'fuel', label: 'Fuel', cents: 9_000, detail: '2 h × $45.00/h' },
      { key: 'cleaning', label: 'Cleaning', cents: 2_000, detail: '4 guests × $5.00' },
    ]);
    expect(result.costCents).toBe(48_000);
    expect(result.netCents).toBe(52_000);
    expect(result.warnings).toEqual([]);
  });

  it('prorates per-hour fuel and crew by the minute on a 90-minute trip', () => {
    // Act
    const result = priceCharter(
      { revenueCents: 50_000, durationMinutes: 90, captain: true, crewCount: 3, partySize: 1 },
      keysPricing,
    );

    // Assess
    const byKey = Object.fromEntries(result.lines.map((l) => [l.key, [l.cents, l.detail]]));
    expect(byKey).toEqual({
      captain: [24_000, '4 h × $60.00/h'],
      crew: [22_500, '3 × 2 h 30 min × $30.00/h'],
      dock_fee: [4_000, 'per charter'],
      fuel: [6_750, '1 h 30 min × $45.00/h'],
      cleaning: [500, '1 guest × $5.00'],
    });
  });

  it('pays the captain for the trip itself once it is longer than the minimum', () => {
    // Act
    const result = priceCharter(
      { revenueCents: 0, durationMinutes: 300, captain: true, crewCount: 0, partySize: 2 },
      keysPricing,
    );

    // Assess
    expect(result.lines[0]).toEqual({
      key: 'captain',
      label: 'Captain',
      cents: 30_000,
      detail: '5 h × $60.00/h',
    });
  });

  it('counts a per-guest fee as 0 and warns when the party size is unknown', () => {
    // Act
    const result = priceCharter(
      { revenueCents: 100_000, durationMinutes: 120, captain: false, crewCount: 0 },
      keysPricing,
    );

    // Assess
    expect(result.lines.find((l) => l.key === 'cleaning')).toEqual({
      key: 'cleaning',
      label: 'Cleaning',
      cents: 0,
      detail: '0 guests × $5.00',
    });
    expect(result.warnings).toEqual([
      'Cleaning is charged per guest and the guest count is unknown; it is counted as 0.',
    ]);
  });

  it('leaves out the captain and crew lines when there is no captain and zero crew', () => {
    // Act
    const result = priceCharter(
      { revenueCents: 100_000, durationMinutes: 300, captain: false, crewCount: 0, partySize: 6 },
      keysPricing,
    );

    // Assess
    expect(result.lines.map((l) => [l.key, l.cents])).toEqual([
      ['dock_fee', 4_000],
      ['fuel', 22_500],
      ['cleaning', 3_000],
    ]);
    expect(result.costCents).toBe(29_500);
    expect(result.netCents).toBe(70_500);
  });
});

describe('priceCharter input checks', () => {
  const base: PriceInput = {
    revenueCents: 1_000,
    durationMinutes: 60,
    captain: true,
    crewCount: 1,
  };

  it.each([
    [{ revenueCents: 1.5 }, /revenueCents must be a non-negative integer/],
    [{ revenueCents: Number.NaN }, /revenueCents must be a non-negative integer/],
    [{ durationMinutes: -1 }, /durationMinutes must be a non-negative integer/],
    [{ durationMinutes: 90.5 }, /durationMinutes must be a non-negative integer/],
    [{ crewCount: 1.5 }, /crewCount must be a non-negative integer/],
    [{ crewCount: -1 }, /crewCount must be a non-negative integer/],
    [{ partySize: -2 }, /partySize must be a non-negative integer/],
  ])('throws RangeError for %o', (override, message) => {
    // Act + Assess
    expect(() => priceCharter({ ...base, ...override }, queenPricing)).toThrow(RangeError);
    expect(() => priceCharter({ ...base, ...override }, queenPricing)).toThrow(message);
  });
});

describe('priceCharter invariants (property-based)', () => {
  const inputs = fc.record({
    revenueCents: fc.integer({ min: 0, max: 1_000_000_000 }),
    durationMinutes: fc.integer({ min: 0, max: 72 * 60 }),
    captain: fc.boolean(),
    crewCount: fc.integer({ min: 0, max: 20 }),
    partySize: fc.option(fc.integer({ min: 0, max: 500 }), { nil: undefined }),
  });
  const pricings = fc.constantFrom(queenPricing, keysPricing);

  it('lines are integers, sum to costCents, and net is revenue minus cost', () => {
    fc.assert(
      fc.property(inputs, pricings, (input, pricing) => {
        const result = priceCharter(input, pricing);
        for (const line of result.lines) expect(Number.isSafeInteger(line.cents)).toBe(true);
        expect(result.lines.reduce((sum, l) => sum + l.cents, 0)).toBe(result.costCents);
        expect(result.netCents).toBe(input.revenueCents - result.costCents);
        expect(result.revenueCents).toBe(input.revenueCents);
      }),
      { numRuns: 1_000 },
    );
  });

  it('the percent line is the exact rational revenue × bps / 10000 rounded half up', () => {
    fc.assert(
      fc.property(inputs, fc.integer({ min: 0, max: 10_000 }), (input, bps) => {
        const pricing: Pricing = {
          ...queenPricing,
          fees: [{ key: 'pct', label: 'Pct', type: 'percent', bps }],
        };
        const numerator = BigInt(input.revenueCents) * BigInt(bps);
        const magnitude = ((numerator < 0n ? -numerator : numerator) * 2n + 10_000n) / 20_000n;
        const expected = Number(numerator < 0n ? -magnitude : magnitude);

        const line = priceCharter(input, pricing).lines.find((l) => l.key === 'pct');

        expect(line?.cents).toBe(expected);
      }),
      { numRuns: 1_000 },
    );
  });

  it('is pure: the same input gives the same breakdown twice', () => {
    fc.assert(
      fc.property(inputs, pricings, (input, pricing) => {
        const before = structuredClone(pricing);
        expect(priceCharter(input, pricing)).toEqual(priceCharter(input, pricing));
        expect(pricing).toEqual(before);
      }),
      { numRuns: 500 },
    );
  });
});

describe('revenueCentsFor', () => {
  const amounts = { grossAmountCents: 131_250, payoutCents: 94_500 };

  it('takes the gross amount for a gross tenant and the payout for a payout tenant', () => {
    // Act + Assess
    expect(revenueCentsFor(amounts, queenPricing)).toBe(131_250);
    expect(revenueCentsFor(amounts, keysPricing)).toBe(94_500);
  });

  it('is undefined when the amount the tenant counts is missing, even if the other is known', () => {
    // Act + Assess
    expect(revenueCentsFor({ ...amounts, grossAmountCents: null }, queenPricing)).toBeUndefined();
    expect(revenueCentsFor({ ...amounts, payoutCents: null }, keysPricing)).toBeUndefined();
  });

  it('keeps a zero amount (0 is not missing)', () => {
    // Act + Assess
    expect(revenueCentsFor({ grossAmountCents: 0, payoutCents: null }, queenPricing)).toBe(0);
  });
});
