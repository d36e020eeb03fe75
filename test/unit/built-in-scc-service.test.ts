/** Unit tests for the built-in SCC: service-key auth (bcrypt, cache, rate limit), validation, idempotency, patch/get and the scrub. */
import { compare, hashSync } from 'bcryptjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/errors.ts';
import { BuiltInSccService } from '../../src/scc/built-in-scc-service.ts';
import { MemorySccStore } from '../../src/scc/memory-scc-store.ts';
import { findMoneyInRecord, stripMoneyFromText } from '../../src/scc/money-scrub.ts';
import { FailedAttemptLimiter } from '../../src/server/failed-attempt-limiter.ts';
import { LeasedIdempotencyStore } from '../../src/server/leased-idempotency-store.ts';
import { MemoryIdempotencyRecordStore } from '../../src/server/memory-idempotency-store.ts';
import type { ServiceResponse } from '../../src/server/service-http.ts';
import { serviceRequest } from '../support/service-request.ts';

const KEY = 'scc-service-key-5b2e1d';
const TENANT = 'queen-of-san-diego';
let keyHash = '';

beforeAll(() => {
  // Cost 4 keeps the tests fast; production hashes use 10+.
  keyHash = hashSync(KEY, 4);
});

const SEED_CREATE = {
  action: 'create_event',
  event_name: 'Boatsetter Charter - May 30',
  start_time: '2024-05-30T16:00:00Z',
  duration_hours: 3,
  crew_ids: ['crew1', 'crew2'],
  captain_id: 'captain1',
  notes: 'Guest checklist at queenofsandiego.com/g/XHQGMDH\nRevenue $840.75, captain rate $50/h',
  revenue: 840.75,
  crew_rate: 25,
  captain_rate: 50,
};

function setup(
  options: { store?: MemorySccStore; tenantId?: string; limiter?: FailedAttemptLimiter } = {},
) {
  let now = Date.parse('2024-05-01T12:00:00Z');
  let bcryptCalls = 0;
  const store = options.store ?? new MemorySccStore();
  const service = new BuiltInSccService({
    tenantId: options.tenantId ?? TENANT,
    serviceKeyHash: keyHash,
    store,
    idempotency: new LeasedIdempotencyStore(new MemoryIdempotencyRecordStore(), { pollMs: 1 }),
    now: () => now,
    compareKey: (key, hash) => {
      bcryptCalls += 1;
      return compare(key, hash);
    },
    ...(options.limiter === undefined ? {} : { limiter: options.limiter }),
  });
  return {
    service,
    store,
    bcryptCalls: () => bcryptCalls,
    advance: (ms: number) => {
      now += ms;
    },
  };
}

function call(
  service: BuiltInSccService,
  body: unknown,
  options: { key?: string | null; idempotencyKey?: string; clientIp?: string } = {},
): Promise<ServiceResponse> {
  const headers: Record<string, string> = {};
  if (options.key !== null) headers['X-Service-Key'] = options.key ?? KEY;
  if (options.idempotencyKey !== undefined) headers['Idempotency-Key'] = options.idempotencyKey;
  return service.handle(
    serviceRequest('POST', '/', {
      body,
      headers,
      ...(options.clientIp ? { clientIp: options.clientIp } : {}),
    }),
  );
}

function json(response: ServiceResponse): Record<string, unknown> {
  return JSON.parse(response.body) as Record<string, unknown>;
}

describe('BuiltInSccService service key', () => {
  it('accepts the right key and answers create_event with 201 {event_id}', async () => {
    // Arrange
    const { service } = setup();

    // Act
    const response = await call(service, SEED_CREATE);

    // Assess
    expect(response.status).toBe(201);
    expect(json(response)['event_id']).toMatch(/^evt_[A-Za-z0-9_-]{22}$/);
  });

  it('answers 401 invalid_key for a wrong key', async () => {
    // Act
    const response = await call(setup().service, SEED_CREATE, { key: 'wrong-key' });

    // Assess
    expect(response.status).toBe(401);
    expect(json(response)).toEqual({
      error: 'invalid_key',
      message: 'The service key is not valid.',
    });
  });

  it('answers 401 missing_key for a missing or empty key, without running bcrypt', async () => {
    // Arrange
    const { service, bcryptCalls } = setup();

    // Act
    const missing = await call(service, SEED_CREATE, { key: null });
    const empty = await call(service, SEED_CREATE, { key: '' });

    // Assess
    expect(missing.status).toBe(401);
    expect(empty.status).toBe(401);
    expect(json(missing)['error']).toBe('missing_key');
    expect(json(missing)['message']).toMatch(/x-service-key/);
    expect(bcryptCalls()).toBe(0);
  });

  it('answers 400 for a key over 72 bytes (bcrypt would only read its prefix), without running bcrypt', async () => {
    // Arrange
    const { service, bcryptCalls } = setup();
    // The right key plus anything: bcrypt alone would accept it once the prefix fills 72 bytes.
    const padded = KEY + 'x'.repeat(73 - KEY.length);
    const multibyte = '€'.repeat(25); // 25 characters, 75 bytes

    // Act
    const long = await call(service, SEED_CREATE, { key: padded });
    const wide = await call(service, SEED_CREATE, { key: multibyte });

    // Assess
    expect(long.status).toBe(400);
    expect(json(long)['error']).toBe('key_too_long');
    expect(wide.status).toBe(400);
    expect(bcryptCalls()).toBe(0);
  });

  it('caches a verified key: the second request does not run bcrypt, until the cache expires', async () => {
    // Arrange
    const { service, bcryptCalls, advance } = setup();

    // Act
    await call(service, SEED_CREATE);
    await call(service, SEED_CREATE);
    const cached = bcryptCalls();
    advance(5 * 60 * 1000 + 1);
    await call(service, SEED_CREATE);

    // Assess
    expect(cached).toBe(1);
    expect(bcryptCalls()).toBe(2);
  });

  it('does not cache failures', async () => {
    // Arrange
    const { service, bcryptCalls } = setup();

    // Act
    await call(service, SEED_CREATE, { key: 'wrong-key' });
    await call(service, SEED_CREATE, { key: 'wrong-key' });

    // Assess
    expect(bcryptCalls()).toBe(2);
  });

  it('shares one bcrypt run between concurrent requests with the same key', async () => {
    // Arrange
    const { service, bcryptCalls } = setup();

    // Act
    const responses = await Promise.all(
      Array.from({ length: 5 }, () => call(service, { action: 'get_event', event_id: 'evt_x' })),
    );

    // Assess
    expect(responses.map((r) => r.status)).toEqual([404, 404, 404, 404, 404]);
    expect(bcryptCalls()).toBe(1);
  });

  it('limits wrong keys to 10 a minute per address with 429 + Retry-After, then recovers', async () => {
    // Arrange
    const { service, bcryptCalls, advance } = setup();
    const attacker = '198.51.100.9';

    // Act
    const wrong: number[] = [];
    for (let i = 0; i < 10; i += 1) {
      wrong.push(
        (await call(service, SEED_CREATE, { key: `guess-${i}`, clientIp: attacker })).status,
      );
      advance(1_000);
    }
    const blocked = await call(service, SEED_CREATE, { key: 'guess-10', clientIp: attacker });
    const blockedRight = await call(service, SEED_CREATE, { clientIp: attacker });
    const otherAddress = await call(service, SEED_CREATE, { clientIp: '192.0.2.1' });
    const callsWhileBlocked = bcryptCalls();
    advance(50_001);
    const recovered = await call(service, SEED_CREATE, { clientIp: attacker });

    // Assess
    expect(wrong).toEqual(Array(10).fill(401));
    expect(blocked.status).toBe(429);
    expect(json(blocked)['error']).toBe('too_many_failures');
    // The oldest failure leaves the 60 s window 50 s from now.
    expect(blocked.headers?.['retry-after']).toBe('50');
    expect(blockedRight.status).toBe(429);
    expect(otherAddress.status).toBe(201);
    expect(callsWhileBlocked).toBe(11);
    expect(recovered.status).toBe(201);
  });

  it('counts concurrent wrong guesses before bcrypt finishes, so a burst runs bcrypt at most 10 times', async () => {
    // Arrange
    const { service, bcryptCalls } = setup();

    // Act
    const responses = await Promise.all(
      Array.from({ length: 25 }, (_, i) =>
        call(service, SEED_CREATE, { key: `burst-${i}`, clientIp: '198.51.100.20' }),
      ),
    );

    // Assess
    expect(bcryptCalls()).toBe(10);
    expect(responses.filter((r) => r.status === 401)).toHaveLength(10);
    expect(responses.filter((r) => r.status === 429)).toHaveLength(15);
  });

  it('shares a limiter across per-tenant services, so more tenants do not mean more guesses', async () => {
    // Arrange
    const limiter = new FailedAttemptLimiter({ maxFailures: 2 });
    const a = setup({ tenantId: 'tenant-a', limiter }).service;
    const b = setup({ tenantId: 'tenant-b', limiter }).service;

    // Act
    await call(a, SEED_CREATE, { key: 'g1' });
    await call(b, SEED_CREATE, { key: 'g2' });
    const third = await call(a, SEED_CREATE, { key: 'g3' });

    // Assess
    expect(third.status).toBe(429);
  });

  it('refuses to start with something that is not a bcrypt hash', () => {
    // Assess
    expect(
      () =>
        new BuiltInSccService({
          tenantId: TENANT,
          serviceKeyHash: KEY,
          store: new MemorySccStore(),
          idempotency: new LeasedIdempotencyStore(new MemoryIdempotencyRecordStore()),
        }),
    ).toThrow(ConfigError);
  });
});

describe('BuiltInSccService validation and routing', () => {
  it.each([
    ['not JSON', '{"action":', 'invalid_json'],
    ['an unknown action', { action: 'delete_event', event_id: 'evt_1' }, 'invalid_request'],
    ['a create without event_name', { ...SEED_CREATE, event_name: undefined }, 'invalid_request'],
    ['a create with an unknown field', { ...SEED_CREATE, crew_pay: 1 }, 'invalid_request'],
    [
      'a patch that sets money',
      { action: 'patch_event', event_id: 'evt_1', revenue: 100 },
      'invalid_request',
    ],
  ])('answers 400 for %s', async (_label, body, error) => {
    // Act
    const response = await call(setup().service, body);

    // Assess
    expect(response.status).toBe(400);
    expect(json(response)['error']).toBe(error);
  });

  it('names the bad fields in the message', async () => {
    // Act
    const response = await call(setup().service, {
      ...SEED_CREATE,
      duration_hours: -1,
      start_time: 'tomorrow',
    });

    // Assess
    expect(json(response)['message']).toMatch(/duration_hours/);
    expect(json(response)['message']).toMatch(/start_time/);
  });

  it('answers 413 for an oversized body', async () => {
    // Act
    const response = await call(setup().service, { ...SEED_CREATE, notes: 'n'.repeat(70_000) });

    // Assess
    expect(response.status).toBe(413);
  });

  it('answers 405 to GET and 404 to other paths', async () => {
    // Arrange
    const { service } = setup();

    // Act
    const get = await service.handle(
      serviceRequest('GET', '/', { headers: { 'X-Service-Key': KEY } }),
    );
    const other = await service.handle(
      serviceRequest('POST', '/events', { headers: { 'X-Service-Key': KEY } }),
    );

    // Assess
    expect(get.status).toBe(405);
    expect(get.headers?.['allow']).toBe('POST');
    expect(other.status).toBe(404);
  });

  it('checks the key before reading the body', async () => {
    // Act
    const response = await call(setup().service, 'not json at all', { key: 'wrong' });

    // Assess
    expect(response.status).toBe(401);
  });
});

describe('BuiltInSccService events', () => {
  it('stores the event for its tenant and returns it from get_event, money included until scrubbed', async () => {
    // Arrange
    const { service } = setup();
    const eventId = String(json(await call(service, SEED_CREATE))['event_id']);

    // Act
    const response = await call(service, { action: 'get_event', event_id: eventId });

    // Assess
    expect(response.status).toBe(200);
    expect(json(response)).toEqual({
      event_id: eventId,
      tenant_id: TENANT,
      event_name: 'Boatsetter Charter - May 30',
      start_time: '2024-05-30T16:00:00.000Z',
      duration_hours: 3,
      crew_ids: ['crew1', 'crew2'],
      captain_id: 'captain1',
      notes: SEED_CREATE.notes,
      status: 'scheduled',
      revenue: 840.75,
      crew_rate: 25,
      captain_rate: 50,
      created_at: '2024-05-01T12:00:00.000Z',
      updated_at: '2024-05-01T12:00:00.000Z',
    });
  });

  it('answers a repeated create with the same event_id and stores one event', async () => {
    // Arrange
    const { service, store } = setup();

    // Act
    const first = await call(service, SEED_CREATE, { idempotencyKey: 'booking-1:crew_event' });
    const second = await call(service, SEED_CREATE, { idempotencyKey: 'booking-1:crew_event' });

    // Assess
    expect(second.status).toBe(201);
    expect(json(second)['event_id']).toBe(json(first)['event_id']);
    expect(store.list(TENANT)).toHaveLength(1);
  });

  it('answers 409 for a repeated key with a different body', async () => {
    // Arrange
    const { service, store } = setup();
    await call(service, SEED_CREATE, { idempotencyKey: 'k' });

    // Act
    const response = await call(
      service,
      { ...SEED_CREATE, duration_hours: 4 },
      { idempotencyKey: 'k' },
    );

    // Assess
    expect(response.status).toBe(409);
    expect(json(response)['error']).toBe('idempotency_key_reused');
    expect(store.list(TENANT)).toHaveLength(1);
  });

  it('creates exactly one event for 10 concurrent identical requests', async () => {
    // Arrange
    const { service, store } = setup();

    // Act
    const responses = await Promise.all(
      Array.from({ length: 10 }, () =>
        call(service, SEED_CREATE, { idempotencyKey: 'booking-9:crew_event' }),
      ),
    );

    // Assess
    expect(responses.map((r) => r.status)).toEqual(Array(10).fill(201));
    expect(new Set(responses.map((r) => json(r)['event_id'])).size).toBe(1);
    expect(store.list(TENANT)).toHaveLength(1);
  });

  it('patches fields, removes money given as null, and answers 200 {ok: true}', async () => {
    // Arrange
    const { service, advance } = setup();
    const eventId = String(json(await call(service, SEED_CREATE))['event_id']);
    advance(60_000);

    // Act
    const patched = await call(
      service,
      {
        action: 'patch_event',
        event_id: eventId,
        crew_ids: ['crew1'],
        captain_id: null,
        status: 'cancelled',
        revenue: null,
      },
      { idempotencyKey: 'p1' },
    );
    const event = json(await call(service, { action: 'get_event', event_id: eventId }));

    // Assess
    expect(patched.status).toBe(200);
    expect(json(patched)).toEqual({ ok: true });
    expect(event['crew_ids']).toEqual(['crew1']);
    expect(event['captain_id']).toBeNull();
    expect(event['status']).toBe('cancelled');
    expect('revenue' in event).toBe(false);
    expect(event['crew_rate']).toBe(25);
    expect(event['updated_at']).toBe('2024-05-01T12:01:00.000Z');
  });

  it('scrubs the seed event so that findMoneyInRecord finds nothing on read-back', async () => {
    // Arrange
    const { service } = setup();
    const eventId = String(json(await call(service, SEED_CREATE))['event_id']);
    const before = json(await call(service, { action: 'get_event', event_id: eventId }));

    // Act
    await call(
      service,
      {
        action: 'patch_event',
        event_id: eventId,
        notes: stripMoneyFromText(String(before['notes'])),
        revenue: null,
        crew_rate: null,
        captain_rate: null,
      },
      { idempotencyKey: 'scrub-1' },
    );
    const after = json(await call(service, { action: 'get_event', event_id: eventId }));

    // Assess
    expect(findMoneyInRecord(before)).toEqual(['notes', 'revenue', 'crew_rate', 'captain_rate']);
    expect(findMoneyInRecord(after)).toEqual([]);
    expect(after['notes']).toBe('Guest checklist at queenofsandiego.com/g/XHQGMDH');
  });

  it('answers 404 to get or patch of an unknown event', async () => {
    // Arrange
    const { service } = setup();

    // Act
    const get = await call(service, { action: 'get_event', event_id: 'evt_missing' });
    const patch = await call(service, {
      action: 'patch_event',
      event_id: 'evt_missing',
      status: 'cancelled',
    });

    // Assess
    expect(get.status).toBe(404);
    expect(patch.status).toBe(404);
    expect(json(patch)['error']).toBe('not_found');
  });

  it("keeps tenants apart: one tenant's service cannot read or patch another's event", async () => {
    // Arrange
    const store = new MemorySccStore();
    const a = setup({ store, tenantId: 'tenant-a' }).service;
    const b = setup({ store, tenantId: 'tenant-b' }).service;
    const eventId = String(json(await call(a, SEED_CREATE))['event_id']);

    // Act
    const get = await call(b, { action: 'get_event', event_id: eventId });
    const patch = await call(b, { action: 'patch_event', event_id: eventId, status: 'cancelled' });

    // Assess
    expect(get.status).toBe(404);
    expect(patch.status).toBe(404);
    expect(store.list('tenant-a')[0]?.status).toBe('scheduled');
  });

  it('answers 500 with a JSON error when the store fails, and lets a retry with the same key run again', async () => {
    // Arrange
    const store = new MemorySccStore();
    const original = store.create.bind(store);
    let failNext = true;
    store.create = async (event) => {
      if (failNext) {
        failNext = false;
        throw new Error('table unavailable');
      }
      return original(event);
    };
    const { service } = setup({ store });

    // Act
    const failed = await call(service, SEED_CREATE, { idempotencyKey: 'k' });
    const retried = await call(service, SEED_CREATE, { idempotencyKey: 'k' });

    // Assess
    expect(failed.status).toBe(500);
    expect(json(failed)['error']).toBe('internal_error');
    expect(retried.status).toBe(201);
    expect(store.list(TENANT)).toHaveLength(1);
  });
});
