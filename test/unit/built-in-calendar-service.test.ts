/** Unit tests for the built-in calendar: auth, validation, idempotency, update and cancel, and the ICS feed. */
import { describe, expect, it } from 'vitest';
import { BuiltInCalendarService } from '../../src/calendar/built-in-calendar-service.ts';
import type { CalendarEntryRequest } from '../../src/calendar/calendar-contract.ts';
import { MemoryCalendarStore } from '../../src/calendar/memory-calendar-store.ts';
import { ConfigError } from '../../src/errors.ts';
import { LeasedIdempotencyStore } from '../../src/server/leased-idempotency-store.ts';
import { MemoryIdempotencyRecordStore } from '../../src/server/memory-idempotency-store.ts';
import type { ServiceResponse } from '../../src/server/service-http.ts';
import { serviceRequest } from '../support/service-request.ts';

const TOKEN = 'calendar-token-3f9a';
const AUTH = { 'X-Dashboard-Token': `Bearer ${TOKEN}` };
const FEED_SECRET = 'feed-secret-9d8c7b6a';
const NOW = Date.parse('2024-05-01T12:00:00Z');

const SEED_ENTRY: CalendarEntryRequest = {
  calendar_id: 'jada-internal',
  title: 'Boatsetter Charter - May 30',
  start: '2024-05-30T16:00:00Z',
  duration_minutes: 180,
  metadata: {
    guest_page: 'https://queenofsandiego.com/g/XHQGMDH',
    revenue: 840.75,
    crew_cost: 250,
    captain_cost: 150,
    port_fee: 151.34,
    net_profit: 289.41,
  },
};

const CALENDARS: Record<string, string> = {
  'jada-internal': 'queen-of-san-diego',
  'other-cal': 'other-tenant',
};

function setup(options: { tokenHeader?: string; now?: () => number } = {}) {
  const store = new MemoryCalendarStore();
  const service = new BuiltInCalendarService({
    token: TOKEN,
    store,
    idempotency: new LeasedIdempotencyStore(new MemoryIdempotencyRecordStore(), { pollMs: 1 }),
    resolveTenantByCalendarId: (id) => CALENDARS[id],
    feedSecretFor: (id) => (id === 'jada-internal' || id === 'other-cal' ? FEED_SECRET : undefined),
    now: options.now ?? (() => NOW),
    ...(options.tokenHeader === undefined ? {} : { tokenHeader: options.tokenHeader }),
  });
  return { store, service };
}

function json(response: ServiceResponse): Record<string, unknown> {
  return JSON.parse(response.body) as Record<string, unknown>;
}

async function create(service: BuiltInCalendarService, entry: unknown = SEED_ENTRY, key?: string) {
  const headers: Record<string, string> = { ...AUTH };
  if (key !== undefined) headers['Idempotency-Key'] = key;
  return service.handle(serviceRequest('POST', '/api/calendar', { body: entry, headers }));
}

describe('BuiltInCalendarService auth', () => {
  it('creates an entry for the right Bearer token and answers 201 {id}', async () => {
    // Arrange
    const { service, store } = setup();

    // Act
    const response = await create(service);

    // Assess
    expect(response.status).toBe(201);
    const { id } = json(response);
    expect(id).toMatch(/^queen-of-san-diego\.[A-Za-z0-9_-]{22}$/);
    const stored = await store.get('queen-of-san-diego', String(id));
    expect(stored?.metadata).toEqual(SEED_ENTRY.metadata);
    expect(stored?.start).toBe('2024-05-30T16:00:00.000Z');
  });

  it.each([
    ['missing', {}],
    ['wrong', { 'X-Dashboard-Token': 'Bearer not-the-token' }],
    ['without Bearer', { 'X-Dashboard-Token': TOKEN }],
    ['lower-case bearer', { 'X-Dashboard-Token': `bearer ${TOKEN}` }],
    ['in another header', { Authorization: `Bearer ${TOKEN}` }],
  ])('answers 401 for a %s token, creating nothing', async (_label, headers) => {
    // Arrange
    const { service, store } = setup();

    // Act
    const response = await service.handle(
      serviceRequest('POST', '/api/calendar', { body: SEED_ENTRY, headers }),
    );

    // Assess
    expect(response.status).toBe(401);
    expect(json(response)).toEqual({
      error: 'unauthorized',
      message: 'Send the calendar token as "x-dashboard-token: Bearer <token>".',
    });
    expect(await store.listByCalendar('queen-of-san-diego', 'jada-internal')).toEqual([]);
  });

  it('reads the token from a configured header', async () => {
    // Arrange
    const { service } = setup({ tokenHeader: 'Authorization' });

    // Act
    const response = await service.handle(
      serviceRequest('POST', '/api/calendar', {
        body: SEED_ENTRY,
        headers: { Authorization: `Bearer ${TOKEN}` },
      }),
    );

    // Assess
    expect(response.status).toBe(201);
  });

  it('refuses to start with an empty token', () => {
    // Assess
    expect(
      () =>
        new BuiltInCalendarService({
          token: ' ',
          store: new MemoryCalendarStore(),
          idempotency: new LeasedIdempotencyStore(new MemoryIdempotencyRecordStore()),
          resolveTenantByCalendarId: () => undefined,
          feedSecretFor: () => undefined,
        }),
    ).toThrow(ConfigError);
  });
});

describe('BuiltInCalendarService validation and routing', () => {
  it('answers 400 invalid_json for a body that is not JSON', async () => {
    // Act
    const response = await create(setup().service, '{"calendar_id":');

    // Assess
    expect(response.status).toBe(400);
    expect(json(response)['error']).toBe('invalid_json');
  });

  it('answers 400 naming every bad field', async () => {
    // Arrange
    const bad = { ...SEED_ENTRY, title: '', start: '2024-05-30 09:00', extra: true };

    // Act
    const response = await create(setup().service, bad);

    // Assess
    expect(response.status).toBe(400);
    const body = json(response);
    expect(body['error']).toBe('invalid_request');
    expect(body['message']).toMatch(/title/);
    expect(body['message']).toMatch(/start/);
    expect(body['message']).toMatch(/extra/);
  });

  it("answers 400 unknown_calendar for a calendar that is no tenant's", async () => {
    // Act
    const response = await create(setup().service, { ...SEED_ENTRY, calendar_id: 'nobody' });

    // Assess
    expect(response.status).toBe(400);
    expect(json(response)['error']).toBe('unknown_calendar');
  });

  it('answers 413 for an oversized body', async () => {
    // Act
    const response = await create(setup().service, { ...SEED_ENTRY, title: 'x'.repeat(70_000) });

    // Assess
    expect(response.status).toBe(413);
    expect(json(response)['error']).toBe('body_too_large');
  });

  it.each([
    ['GET', '/api/calendar', 'POST'],
    ['POST', '/api/calendar/abc', 'PUT, DELETE'],
    ['POST', '/calendar/jada-internal/secret.ics', 'GET'],
  ])('answers 405 for %s %s with Allow: %s', async (method, path, allow) => {
    // Act
    const response = await setup().service.handle(serviceRequest(method, path, { headers: AUTH }));

    // Assess
    expect(response.status).toBe(405);
    expect(response.headers?.['allow']).toBe(allow);
    expect(json(response)['error']).toBe('method_not_allowed');
  });

  it('answers 404 for other paths', async () => {
    // Act
    const response = await setup().service.handle(
      serviceRequest('GET', '/api/other', { headers: AUTH }),
    );

    // Assess
    expect(response.status).toBe(404);
    expect(json(response)['error']).toBe('not_found');
  });
});

describe('BuiltInCalendarService idempotency', () => {
  it('answers a repeated key with the same id and creates no second entry', async () => {
    // Arrange
    const { service, store } = setup();

    // Act
    const first = await create(service, SEED_ENTRY, 'booking-1:calendar');
    const second = await create(service, SEED_ENTRY, 'booking-1:calendar');

    // Assess
    expect(second.status).toBe(201);
    expect(json(second)['id']).toBe(json(first)['id']);
    expect(second.headers?.['idempotent-replayed']).toBe('true');
    expect(await store.listByCalendar('queen-of-san-diego', 'jada-internal')).toHaveLength(1);
  });

  it('answers 409 for a repeated key with a different body', async () => {
    // Arrange
    const { service, store } = setup();
    await create(service, SEED_ENTRY, 'booking-1:calendar');

    // Act
    const response = await create(
      service,
      { ...SEED_ENTRY, title: 'Another charter' },
      'booking-1:calendar',
    );

    // Assess
    expect(response.status).toBe(409);
    expect(json(response)['error']).toBe('idempotency_key_reused');
    expect(await store.listByCalendar('queen-of-san-diego', 'jada-internal')).toHaveLength(1);
  });

  it('treats the same JSON with fields in another order as the same request', async () => {
    // Arrange
    const { service } = setup();
    const first = await create(service, SEED_ENTRY, 'k');
    const { metadata, ...rest } = SEED_ENTRY;

    // Act
    const reordered = await create(service, { metadata, ...rest }, 'k');

    // Assess
    expect(reordered.status).toBe(201);
    expect(json(reordered)['id']).toBe(json(first)['id']);
  });

  it('creates exactly one entry for 10 concurrent identical requests', async () => {
    // Arrange
    const { service, store } = setup();

    // Act
    const responses = await Promise.all(
      Array.from({ length: 10 }, () => create(service, SEED_ENTRY, 'booking-7:calendar')),
    );

    // Assess
    expect(responses.map((r) => r.status)).toEqual(Array(10).fill(201));
    expect(new Set(responses.map((r) => json(r)['id'])).size).toBe(1);
    expect(await store.listByCalendar('queen-of-san-diego', 'jada-internal')).toHaveLength(1);
  });

  it('creates separate entries without a key or with different keys', async () => {
    // Arrange
    const { service, store } = setup();

    // Act
    await create(service);
    await create(service);
    await create(service, SEED_ENTRY, 'a');
    await create(service, SEED_ENTRY, 'b');

    // Assess
    expect(await store.listByCalendar('queen-of-san-diego', 'jada-internal')).toHaveLength(4);
  });

  it('answers 400 for an idempotency key with characters a header cannot carry', async () => {
    // Act
    const response = await create(setup().service, SEED_ENTRY, 'ключ');

    // Assess
    expect(response.status).toBe(400);
    expect(json(response)['error']).toBe('invalid_idempotency_key');
  });
});

describe('BuiltInCalendarService update and cancel', () => {
  it('replaces an entry with PUT and bumps its revision', async () => {
    // Arrange
    const { service, store } = setup();
    const id = String(json(await create(service))['id']);

    // Act
    const response = await service.handle(
      serviceRequest('PUT', `/api/calendar/${encodeURIComponent(id)}`, {
        body: {
          ...SEED_ENTRY,
          title: 'Boatsetter Charter - May 31',
          start: '2024-05-31T16:00:00Z',
        },
        headers: { ...AUTH, 'Idempotency-Key': 'u1' },
      }),
    );

    // Assess
    expect(response.status).toBe(200);
    expect(json(response)).toEqual({ id });
    const stored = await store.get('queen-of-san-diego', id);
    expect(stored?.title).toBe('Boatsetter Charter - May 31');
    expect(stored?.start).toBe('2024-05-31T16:00:00.000Z');
    expect(stored?.revision).toBe(1);
  });

  it("answers 404 for an unknown id, and for another tenant's entry", async () => {
    // Arrange
    const { service } = setup();
    const otherId = String(
      json(await create(service, { ...SEED_ENTRY, calendar_id: 'other-cal' }))['id'],
    );

    // Act
    const unknown = await service.handle(
      serviceRequest('PUT', '/api/calendar/queen-of-san-diego.nope', {
        body: SEED_ENTRY,
        headers: AUTH,
      }),
    );
    const crossTenant = await service.handle(
      serviceRequest('PUT', `/api/calendar/${otherId}`, { body: SEED_ENTRY, headers: AUTH }),
    );

    // Assess
    expect(unknown.status).toBe(404);
    expect(crossTenant.status).toBe(404);
    expect(json(crossTenant)).toEqual(json(unknown));
  });

  it('cancels with DELETE, idempotently, and refuses to update a cancelled entry', async () => {
    // Arrange
    const { service, store } = setup();
    const id = String(json(await create(service))['id']);

    // Act
    const cancelled = await service.handle(
      serviceRequest('DELETE', `/api/calendar/${id}`, { headers: AUTH }),
    );
    const again = await service.handle(
      serviceRequest('DELETE', `/api/calendar/${id}`, { headers: AUTH }),
    );
    const update = await service.handle(
      serviceRequest('PUT', `/api/calendar/${id}`, { body: SEED_ENTRY, headers: AUTH }),
    );

    // Assess
    expect(cancelled.status).toBe(200);
    expect(json(cancelled)).toEqual({ id, status: 'cancelled' });
    expect(again.status).toBe(200);
    expect(update.status).toBe(409);
    expect(json(update)['error']).toBe('entry_cancelled');
    expect((await store.get('queen-of-san-diego', id))?.status).toBe('cancelled');
  });

  it('answers 404 to DELETE of an unknown entry (the client treats that as already gone)', async () => {
    // Act
    const response = await setup().service.handle(
      serviceRequest('DELETE', '/api/calendar/queen-of-san-diego.missing', { headers: AUTH }),
    );

    // Assess
    expect(response.status).toBe(404);
  });

  it('answers 401 to PUT and DELETE without the token', async () => {
    // Arrange
    const { service } = setup();
    const id = String(json(await create(service))['id']);

    // Act
    const put = await service.handle(
      serviceRequest('PUT', `/api/calendar/${id}`, { body: SEED_ENTRY }),
    );
    const del = await service.handle(serviceRequest('DELETE', `/api/calendar/${id}`));

    // Assess
    expect(put.status).toBe(401);
    expect(del.status).toBe(401);
  });
});

describe('BuiltInCalendarService ICS feed', () => {
  async function feed(
    service: BuiltInCalendarService,
    calendarId = 'jada-internal',
    secret = FEED_SECRET,
  ) {
    return service.handle(serviceRequest('GET', `/calendar/${calendarId}/${secret}.ics`));
  }

  it('serves the scheduled entries as an RFC 5545 calendar with CRLF lines', async () => {
    // Arrange
    const { service } = setup();
    const id = String(json(await create(service))['id']);

    // Act
    const response = await feed(service);

    // Assess
    expect(response.status).toBe(200);
    expect(response.headers?.['content-type']).toBe('text/calendar; charset=utf-8');
    const body = response.body;
    expect(body.endsWith('\r\n')).toBe(true);
    expect(body.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    const lines = body.split('\r\n');
    expect(lines.slice(0, 3)).toEqual([
      'BEGIN:VCALENDAR',
      'VERSION:2.0',
      'PRODID:-//deckhand//calendar//EN',
    ]);
    expect(lines).toContain(`UID:${id}@deckhand`);
    expect(lines).toContain('DTSTART:20240530T160000Z');
    expect(lines).toContain('DTEND:20240530T190000Z');
    expect(lines).toContain('DTSTAMP:20240501T120000Z');
    expect(lines).toContain('SUMMARY:Boatsetter Charter - May 30');
    expect(lines).toContain('DESCRIPTION:https://queenofsandiego.com/g/XHQGMDH');
    expect(lines).toContain('SEQUENCE:0');
    expect(lines.at(-2)).toBe('END:VCALENDAR');
  });

  it('never shows the money from the metadata', async () => {
    // Arrange
    const { service } = setup();
    await create(service);

    // Act
    const { body } = await feed(service);

    // Assess
    for (const amount of ['840.75', '250', '150', '151.34', '289.41', 'revenue', 'profit']) {
      expect(body).not.toContain(amount);
    }
  });

  it('escapes backslash, semicolon, comma and newlines in text', async () => {
    // Arrange
    const { service } = setup();
    await create(service, { ...SEED_ENTRY, title: 'Smith; party, of 6\\7\nline two\r\nthree' });

    // Act
    const { body } = await feed(service);

    // Assess
    expect(body).toContain('SUMMARY:Smith\\; party\\, of 6\\\\7\\nline two\\nthree\r\n');
  });

  it('folds lines at 75 octets without splitting a character, and unfolds back to the text', async () => {
    // Arrange
    const { service } = setup();
    const title = `Sunset charter for the Ünlü family ⛵ ${'with a very long description '.repeat(6)}end`;
    await create(service, { ...SEED_ENTRY, title });

    // Act
    const { body } = await feed(service);

    // Assess
    for (const line of body.split('\r\n'))
      expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);
    expect(body).not.toContain('\uFFFD');
    const unfolded = body.replace(/\r\n /g, '');
    expect(unfolded).toContain(`SUMMARY:${title}\r\n`);
  });

  it('leaves out cancelled entries and other calendars', async () => {
    // Arrange
    const { service } = setup();
    const kept = String(json(await create(service))['id']);
    const dropped = String(json(await create(service))['id']);
    const other = String(
      json(await create(service, { ...SEED_ENTRY, calendar_id: 'other-cal' }))['id'],
    );
    await service.handle(serviceRequest('DELETE', `/api/calendar/${dropped}`, { headers: AUTH }));

    // Act
    const { body } = await feed(service);

    // Assess
    expect(body).toContain(`UID:${kept}@deckhand`);
    expect(body).not.toContain(dropped);
    expect(body).not.toContain(other);
  });

  it('answers a wrong secret exactly like an unknown calendar: 404', async () => {
    // Arrange
    const { service } = setup();
    await create(service);

    // Act
    const wrong = await feed(service, 'jada-internal', 'feed-secret-9d8c7b6b');
    const unknown = await feed(service, 'nobody', FEED_SECRET);
    const empty = await service.handle(serviceRequest('GET', '/calendar/jada-internal/.ics'));

    // Assess
    expect(wrong.status).toBe(404);
    expect(unknown.status).toBe(404);
    expect(wrong.body).toBe(unknown.body);
    expect(empty.status).toBe(404);
  });

  it('serves an empty calendar when nothing is scheduled', async () => {
    // Act
    const response = await feed(setup().service);

    // Assess
    expect(response.status).toBe(200);
    expect(response.body).not.toContain('BEGIN:VEVENT');
  });
});
