/**
 * Tenancy: with one booking set up for each of the two example tenants on one running runtime,
 * every request made with tenant A's identity or path against tenant B's things is refused, and
 * the same idempotency key used by both tenants never hands one tenant the other's answer.
 *
 * A = queen-of-san-diego, B = keys-reef-runner. Both use the deployment's one SCC service key
 * and one dashboard token (the seed's contract has one of each); what separates them is the
 * tenant in the path (/scc/<tenant>), the calendar id, the entry ids, slugs, link tokens and keys.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Booking } from '../../src/bookings/booking.ts';
import { parseIntake } from '../../src/intake/parse-intake.ts';
import { approveBooking } from '../../src/pipeline/book-from-intake.ts';
import { runPipeline } from '../../src/pipeline/run-pipeline.ts';
import {
  feedSecretFor,
  type LocalSecrets,
  loadLocalSecrets,
} from '../../src/runtime/local-secrets.ts';
import type { Tenant } from '../../src/tenants/tenant-schema.ts';
import { type Harness, startHarness } from '../support/pipeline-harness.ts';

let h: Harness;
let secrets: LocalSecrets;
let a: Tenant;
let b: Tenant;
let bookingA: Booking;
let bookingB: Booking;
/** SCC event ids and calendar entry ids per tenant. */
const eventOf: Record<string, string> = {};
const entryOf: Record<string, string> = {};
const NOW = new Date('2027-06-02T18:00:00Z');

beforeAll(async () => {
  h = await startHarness({ clock: () => NOW });
  secrets = await loadLocalSecrets(h.dataDir);
  a = h.runtime.tenants.get('queen-of-san-diego');
  b = h.runtime.tenants.get('keys-reef-runner');
  const idA = await h.book('June 2 9am 3h $840.75 for Sam Lee party of 4 #TENANTA1');
  await runPipeline(a, idA, h.runtime.deps);
  const intakeB = await parseIntake('June 2 9am 4h $900 for Robin Reef party of 3 #TENANTB1', {
    now: new Date('2026-11-26T15:00:00Z'),
    timeZone: b.timezone,
    source: 'command',
  });
  // B counts the marketplace payout as revenue; typed lines carry only the renter total.
  const { booking } = await approveBooking(
    h.runtime.store,
    b,
    { ...intakeB, payoutCents: 70_000 },
    { now: new Date() },
  );
  await runPipeline(b, booking.bookingId, h.runtime.deps);
  bookingA = (await h.runtime.store.get(a.id, idA)) as Booking;
  bookingB = (await h.runtime.store.get(b.id, booking.bookingId)) as Booking;
  for (const item of await h.scan('scc_event'))
    eventOf[String(item.tenant_id)] = String(item.event_id);
  for (const item of await h.scan('calendar_entry'))
    entryOf[String(item.tenantId)] = String(item.id);
});
afterAll(async () => {
  await h?.close();
});

async function scc(
  tenantId: string,
  body: Record<string, unknown>,
  headers: Record<string, string> = {},
): Promise<{ status: number; json: Record<string, unknown> }> {
  const response = await fetch(`${h.runtime.httpUrl}/scc/${tenantId}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      [h.runtime.config.builtIn.keyHeader]: secrets.sccServiceKey,
      ...headers,
    },
    body: JSON.stringify(body),
  });
  return { status: response.status, json: (await response.json()) as Record<string, unknown> };
}

async function calendar(
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; json: Record<string, unknown> }> {
  const response = await fetch(`${h.runtime.httpUrl}/dashboard${path}`, {
    method,
    headers: {
      'content-type': 'application/json',
      [h.runtime.config.builtIn.tokenHeader]: `Bearer ${secrets.dashboardToken}`,
      ...headers,
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: response.status, json: (await response.json()) as Record<string, unknown> };
}

describe('the set-up', () => {
  it('has one booking, SCC event and calendar entry per tenant', () => {
    expect(bookingA.tenantId).toBe(a.id);
    expect(bookingB.tenantId).toBe(b.id);
    expect(Object.keys(eventOf).sort()).toEqual([b.id, a.id].sort());
    expect(Object.keys(entryOf).sort()).toEqual([b.id, a.id].sort());
  });
});

describe("SCC: tenant A's path cannot reach tenant B's events", () => {
  it('get, patch and presign_upload of B’s event through /scc/A are 404 and change nothing', async () => {
    const eventB = eventOf[b.id] as string;
    const before = await scc(b.id, { action: 'get_event', event_id: eventB });
    const results = [
      await scc(a.id, { action: 'get_event', event_id: eventB }),
      await scc(a.id, { action: 'patch_event', event_id: eventB, status: 'cancelled' }),
      await scc(a.id, { action: 'patch_event', event_id: eventB, notes: 'hijacked' }),
      await scc(a.id, {
        action: 'presign_upload',
        event_id: eventB,
        content_type: 'image/jpeg',
        size: 1000,
      }),
    ];
    const after = await scc(b.id, { action: 'get_event', event_id: eventB });

    expect(results.map((r) => r.status)).toEqual([404, 404, 404, 404]);
    expect(before.status).toBe(200);
    expect(after.json).toEqual(before.json);
  });

  it('the same Idempotency-Key on both tenants creates two events, never replays the other’s', async () => {
    const event = {
      action: 'create_event',
      event_name: 'Shared key',
      start_time: '2027-07-01T16:00:00Z',
      duration_hours: 2,
      crew_ids: [],
      captain_id: null,
      notes: '',
    };
    const key = { 'idempotency-key': 'same-key-for-both-tenants' };
    const first = await scc(a.id, event, key);
    const second = await scc(b.id, event, key);
    expect([first.status, second.status]).toEqual([201, 201]);
    expect(first.json.event_id).not.toBe(second.json.event_id);
    expect((await scc(a.id, { action: 'get_event', event_id: second.json.event_id })).status).toBe(
      404,
    );
  });

  it('a tenant that does not exist has no SCC', async () => {
    expect((await scc('no-such-tenant', { action: 'get_event', event_id: 'x' })).status).toBe(404);
    expect((await scc(`${a.id}/../${b.id}`, { action: 'get_event', event_id: 'x' })).status).toBe(
      404,
    );
  });
});

describe("calendar: A's calendar id cannot touch B's entries", () => {
  const entry = (calendarId: string) => ({
    calendar_id: calendarId,
    title: 'hijacked',
    start: '2027-06-02T16:00:00Z',
    duration_minutes: 60,
    metadata: {
      guest_page: 'https://evil.example/',
      revenue: 0,
      crew_cost: 0,
      captain_cost: 0,
      port_fee: 0,
      net_profit: 0,
    },
  });

  it("updating B's entry with A's calendar id is 404", async () => {
    const entryB = entryOf[b.id] as string;
    const put = await calendar(
      'PUT',
      `/api/calendar/${encodeURIComponent(entryB)}`,
      entry(a.calendarId),
    );
    expect(put.status).toBe(404);
    const stored = (await h.scan('calendar_entry')).find((e) => e.id === entryB);
    expect(stored?.title).not.toBe('hijacked');
  });

  it('an entry id naming another tenant, or none, is 404', async () => {
    const entryA = entryOf[a.id] as string;
    const forged = `${b.id}.${entryA.split('.').slice(1).join('.')}`;
    const results = [
      await calendar('PUT', `/api/calendar/${encodeURIComponent(forged)}`, entry(b.calendarId)),
      await calendar('DELETE', `/api/calendar/${encodeURIComponent(forged)}`),
      await calendar('DELETE', `/api/calendar/${encodeURIComponent(entryA.split('.')[1] ?? 'x')}`),
    ];
    expect(results.map((r) => r.status)).toEqual([404, 404, 404]);
  });

  it("A's feed secret does not open B's feed, and B's feed does not list A's entries", async () => {
    const secretA = feedSecretFor(secrets, a.calendarId);
    const secretB = feedSecretFor(secrets, b.calendarId);
    const crossed = await fetch(`${h.runtime.httpUrl}/calendar/${b.calendarId}/${secretA}.ics`);
    const own = await fetch(`${h.runtime.httpUrl}/calendar/${b.calendarId}/${secretB}.ics`);
    const feedB = await own.text();

    expect(crossed.status).toBe(404);
    expect(own.status).toBe(200);
    expect(feedB).toContain(`/g/${bookingB.guestSlug}`);
    expect(feedB).not.toContain(`/g/${bookingA.guestSlug}`);
    expect(feedB).not.toContain(a.name);
    expect(feedB).not.toContain(entryOf[a.id] as string);
  });
});

describe('pages, links and uploads', () => {
  it("a guest slug under /c/ and a crew slug under /g/ are not pages; B's pages are B's", async () => {
    const get = (path: string) => fetch(`${h.runtime.httpUrl}${path}`).then((r) => r.status);
    expect(await get(`/g/${bookingB.guestSlug}`)).toBe(200);
    expect(await get(`/c/${bookingB.crewSlug}`)).toBe(200);
    expect(await get(`/c/${bookingB.guestSlug}`)).toBe(404);
    expect(await get(`/g/${bookingB.crewSlug}`)).toBe(404);
    expect(await get(`/g/${bookingB.guestSlug}.ics`)).toBe(200);
    expect(await get(`/c/${bookingB.crewSlug}.ics`)).toBe(404);
    const page = await (await fetch(`${h.runtime.httpUrl}/g/${bookingB.guestSlug}`)).text();
    expect(page).toContain(b.name);
    expect(page).not.toContain(a.name);
  });

  it("A's magic link under B's path, and B's under A's, get the invalid-link page", async () => {
    const outbox = join(h.dataDir, 'outbox');
    const paths = readdirSync(outbox)
      .map((f) => readFileSync(join(outbox, f), 'utf8').replace(/=\r?\n/g, ''))
      .map((text) => /https?:\/\/[^/\s]+(\/crew\/[^\s]+)/.exec(text)?.[1])
      .filter((p): p is string => p !== undefined);
    const ofA = paths.find((p) => p.startsWith(`/crew/${a.id}/`)) as string;
    const ofB = paths.find((p) => p.startsWith(`/crew/${b.id}/`)) as string;
    expect(ofA).toMatch(new RegExp(`^/crew/${a.id}/[A-Za-z0-9_-]{22,}`));
    expect(ofB).toMatch(new RegExp(`^/crew/${b.id}/[A-Za-z0-9_-]{22,}`));
    const crossed = [
      ofA.replace(`/crew/${a.id}/`, `/crew/${b.id}/`),
      ofB.replace(`/crew/${b.id}/`, `/crew/${a.id}/`),
    ];
    const statuses = await Promise.all(
      crossed.map((p) => fetch(`${h.runtime.httpUrl}${p}`).then((r) => r.status)),
    );
    expect(statuses).toEqual([404, 404]);
    expect((await fetch(`${h.runtime.httpUrl}${ofB}`)).status).toBe(200);
  });

  it("B's guest page presigns only into B's bucket, under B's prefix", async () => {
    const response = await fetch(`${h.runtime.httpUrl}/g/${bookingB.guestSlug}/uploads`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ contentType: 'image/jpeg', size: 1000 }),
    });
    const upload = (await response.json()) as { url: string; key: string };
    expect(response.status).toBe(200);
    expect(upload.key.startsWith(`uploads/${b.id}/${bookingB.guestSlug}/`)).toBe(true);
    expect(upload.url).toContain(b.bucket);
    expect(upload.url).not.toContain(a.bucket);
  });
});
