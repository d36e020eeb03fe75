/**
 * Data and checks shared by the Block Kit builder tests: the example tenant, a booking shaped
 * like the seed charter, the injection fixture, and scans for ids, limits and escaping.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type BlockSurface, checkBlocks, checkView } from '@deckhand/slack-standin';
import { expect } from 'vitest';
import type { Booking } from '../../src/bookings/booking.ts';
import { EXAMPLE_TENANTS_FILE } from '../../src/config/config.ts';
import type { IntakeResult } from '../../src/intake/intake-result.ts';
import { parseIntake } from '../../src/intake/parse-intake.ts';
import type { PipelineOutcome } from '../../src/pipeline/run-pipeline.ts';
import { priceCharter } from '../../src/pricing/price-charter.ts';
import { loadTenantsFile } from '../../src/tenants/tenant-registry.ts';
import type { Tenant } from '../../src/tenants/tenant-schema.ts';
import { ACTION_IDS, BLOCK_IDS, CALLBACK_IDS } from '../../views/block-ids.ts';

/** Wednesday, May 20, 2026, 10:00 in San Diego: before every fixture charter. */
export const NOW = new Date('2026-05-20T17:00:00Z');
export const ZONE = 'America/Los_Angeles';

const EMAILS = join(import.meta.dirname, '..', 'fixtures', 'emails');

export async function exampleTenant(id = 'queen-of-san-diego'): Promise<Tenant> {
  return (await loadTenantsFile(EXAMPLE_TENANTS_FILE)).get(id);
}

export async function parseEmail(name: string, timeZone = ZONE): Promise<IntakeResult> {
  return parseIntake(readFileSync(join(EMAILS, name)), { now: NOW, timeZone });
}

/** The renter name of fixture 12, as the parser returns it (raw). */
export const INJECTED_NAME =
  'Sam <script>alert(1)</script>"><img src=x onerror=alert(1)> <!channel>';

/**
 * The seed charter as an approved booking: Sea Breeze, Tue Jun 2 2026 10:00 PDT, 3 h, $840.75,
 * Rosa captain, Marco and Jules crew.
 */
export function seedBooking(tenant: Tenant, overrides: Partial<Booking> = {}): Booking {
  return {
    tenantId: tenant.id,
    bookingId: 'BKQ7M2XD4KPA',
    marketplaceId: '90412776',
    status: 'approved',
    version: 3,
    details: {
      bookingId: '90412776',
      listingName: "Sea Breeze 32' Sportfish",
      date: '2026-06-02',
      startLocal: '10:00',
      durationMinutes: 180,
      guestName: 'Avery Sampleton',
      partySize: 6,
      grossAmountCents: 84_075,
      payoutCents: null,
      captainIncluded: true,
      departure: null,
    },
    startsAt: '2026-06-02T17:00:00.000Z',
    endsAt: '2026-06-02T20:00:00.000Z',
    guestSlug: 'K7QM2XDA',
    crewSlug: 'R4TW9PLC',
    assignment: { captainId: 'rosa', crewIds: ['marco', 'jules'] },
    price: priceCharter(
      { revenueCents: 84_075, durationMinutes: 180, captain: true, crewCount: 2 },
      tenant.pricing,
    ),
    renterNote: null,
    createdAt: '2026-05-20T16:55:00.000Z',
    updatedAt: '2026-05-20T16:56:00.000Z',
    ...overrides,
  };
}

type Steps = PipelineOutcome['steps'];

/** Step states: every step done unless overridden. */
export function steps(overrides: Partial<Steps> = {}): Pick<PipelineOutcome, 'steps'> {
  const done = (result: Record<string, unknown> = {}) => ({
    status: 'done' as const,
    result,
    error: null,
  });
  return {
    steps: {
      guest_page: done({ key: 'g/K7QM2XDA.html' }),
      crew_page: done({ key: 'c/R4TW9PLC.html' }),
      calendar_entry: done({ entryId: 'cal-1' }),
      crew_event: done({ eventId: 'evt-1' }),
      revenue_scrub: done(),
      crew_notify: done(),
      ...overrides,
    },
  };
}

export const LINKS = {
  guestPageUrl: 'https://queenofsandiego.com/g/K7QM2XDA',
  crewPageUrl: 'https://queenofsandiego.com/c/R4TW9PLC',
};

/** Every value of an object tree, depth first, with its key. */
function walk(value: unknown, visit: (key: string, value: unknown, owner: unknown) => void): void {
  if (Array.isArray(value)) {
    value.forEach((item, i) => {
      visit(String(i), item, value);
      walk(item, visit);
    });
  } else if (value && typeof value === 'object') {
    for (const [key, inner] of Object.entries(value)) {
      visit(key, inner, value);
      walk(inner, visit);
    }
  }
}

const KNOWN_IDS = new Set<string>([
  ...Object.values(BLOCK_IDS),
  ...Object.values(ACTION_IDS),
  ...Object.values(CALLBACK_IDS),
]);

/** Every block_id, action_id and callback_id in the payload. */
export function idsIn(payload: unknown): string[] {
  const ids: string[] = [];
  walk(payload, (key, value) => {
    if (
      (key === 'block_id' || key === 'action_id' || key === 'callback_id') &&
      typeof value === 'string'
    )
      ids.push(value);
  });
  return ids;
}

/** Fails on any id that block-ids.ts does not define. */
export function expectKnownIds(payload: unknown): void {
  expect(idsIn(payload).filter((id) => !KNOWN_IDS.has(id))).toEqual([]);
}

/** The text of every mrkdwn object, plus a message's top-level `text` (also mrkdwn). */
export function mrkdwnTexts(payload: unknown): string[] {
  const texts: string[] = [];
  const top = (payload as { text?: unknown } | null)?.text;
  if (typeof top === 'string') texts.push(top);
  walk(payload, (_key, value) => {
    const object = value as { type?: unknown; text?: unknown } | null;
    if (
      object &&
      typeof object === 'object' &&
      object.type === 'mrkdwn' &&
      typeof object.text === 'string'
    )
      texts.push(object.text);
  });
  return texts;
}

/** Live Slack syntax that typed text must never produce: mentions, broadcasts, links. */
export const LIVE_SYNTAX = /<!(?:channel|here|everyone)|<@[UW]|<#C|<!subteam|<https?:/;

/** Slack's limits on the payload (the stand-in's rules) plus the ones the brief names. */
export function expectWithinLimits(
  payload: { blocks: unknown[] } & Record<string, unknown>,
  surface: BlockSurface,
): void {
  const problems =
    surface === 'message' ? checkBlocks(payload.blocks, 'message') : checkView(payload);
  expect(problems).toEqual([]);
  expect(payload.blocks.length).toBeLessThanOrEqual(surface === 'message' ? 50 : 100);
  if (surface === 'modal') {
    expect((payload.title as { text: string }).text.length).toBeLessThanOrEqual(24);
    expect(String(payload.private_metadata ?? '').length).toBeLessThanOrEqual(3000);
  }
  walk(payload.blocks, (key, value, owner) => {
    const type = (owner as { type?: unknown }).type;
    if (key === 'text' && type === 'section' && value && typeof value === 'object')
      expect((value as { text: string }).text.length).toBeLessThanOrEqual(3000);
    if (key === 'value' && type === 'button')
      expect(String(value).length).toBeLessThanOrEqual(2000);
    if (key === 'options' && Array.isArray(value)) {
      for (const option of value as { text: { text: string }; value: string }[]) {
        expect(option.text.text.length).toBeLessThanOrEqual(75);
        expect(option.value.length).toBeLessThanOrEqual(150);
      }
    }
  });
}
