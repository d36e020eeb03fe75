/**
 * Block Kit builders: snapshots make escaping changes visible in review, and the assertions
 * pin what must never regress (no live mention, no unescaped link, Slack's limits).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXAMPLE_TENANTS_FILE } from '../../src/config/config.ts';
import { parseIntake } from '../../src/intake/parse-intake.ts';
import { priceCharter } from '../../src/pricing/price-charter.ts';
import { loadTenantsFile } from '../../src/tenants/tenant-registry.ts';
import { buildBookingSummaryBlocks } from '../../views/booking-summary-blocks.ts';
import { buildCostBreakdownBlocks } from '../../views/cost-breakdown-blocks.ts';

const EMAILS = join(import.meta.dirname, '..', 'fixtures', 'emails');
const NOW = new Date('2026-11-26T15:00:00Z');
const ZONE = 'America/Los_Angeles';

async function parseFixture(name: string) {
  return parseIntake(readFileSync(join(EMAILS, name)), { now: NOW, timeZone: ZONE });
}

describe('buildBookingSummaryBlocks', () => {
  it('shows the booking in the tenant zone', async () => {
    const blocks = buildBookingSummaryBlocks(
      await parseFixture('01-plain-text-confirmed.eml'),
      ZONE,
    );

    expect(blocks).toMatchSnapshot();
    expect(JSON.stringify(blocks)).toContain('Sat, May 30, 2026, 9:00 AM PDT');
  });

  it('escapes a renter name and a listing carrying mentions, links and HTML', async () => {
    const renter = buildBookingSummaryBlocks(
      await parseFixture('12-injection-renter-name.eml'),
      ZONE,
    );
    const listing = buildBookingSummaryBlocks(
      await parseFixture('42-injection-listing-and-departure.eml'),
      ZONE,
    );

    for (const blocks of [renter, listing]) {
      const json = JSON.stringify(blocks);
      expect(json).not.toMatch(/<!(?:channel|here)>|<@U|<https?:/);
      expect(json).toContain('&lt;');
    }
    expect(renter).toMatchSnapshot();
    expect(listing).toMatchSnapshot();
  });

  it('lists what is missing by name', async () => {
    const result = await parseIntake('sun 2pm', { now: NOW, timeZone: ZONE, source: 'command' });

    const context = buildBookingSummaryBlocks(result, ZONE).at(-1);

    expect(JSON.stringify(context)).toContain('Missing: Duration, Renter, Guests, Renter paid');
  });

  it('keeps every field within Slack limits for absurdly long values', async () => {
    const result = {
      ...(await parseFixture('01-plain-text-confirmed.eml')),
      guestName: 'A'.repeat(5000),
    };

    const section = buildBookingSummaryBlocks(result, ZONE)[1] as { fields: { text: string }[] };

    expect(section.fields.length).toBeLessThanOrEqual(10);
    for (const f of section.fields) expect(f.text.length).toBeLessThanOrEqual(2000);
  });
});

describe('buildCostBreakdownBlocks', () => {
  it('shows the seed charter breakdown', async () => {
    const tenant = (await loadTenantsFile(EXAMPLE_TENANTS_FILE)).get('queen-of-san-diego');
    const breakdown = priceCharter(
      { revenueCents: 84_075, durationMinutes: 180, captain: true, crewCount: 2 },
      tenant.pricing,
    );

    const blocks = buildCostBreakdownBlocks(breakdown);

    expect(blocks).toMatchSnapshot();
    expect(JSON.stringify(blocks)).toContain('*Net*\\n$289.41');
  });
});
