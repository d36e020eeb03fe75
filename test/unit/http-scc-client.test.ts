/** Unit tests for the HTTP SCC client: exact wire format for each action and every error mapping, with nock at the transport. */
import nock from 'nock';
import { afterEach, describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/errors.ts';
import { PermanentError, TransientError } from '../../src/external-errors.ts';
import { HttpSccClient } from '../../src/scc/http-scc-client.ts';
import type { SccCreateEvent } from '../../src/scc/scc-contract.ts';
import { captureRequests } from '../support/capture-requests.ts';

const ORIGIN = 'https://scc.example.test';
const URL_PATH = '/prod/scc';
const KEY = 'scc-service-key-5b2e1d';

/** The seed's create_event payload, with start_time as the real instant of 09:00 in San Diego. */
const SEED_EVENT: Omit<SccCreateEvent, 'action'> = {
  event_name: 'Boatsetter Charter - May 30',
  start_time: '2024-05-30T16:00:00Z',
  duration_hours: 3,
  crew_ids: ['crew1', 'crew2'],
  captain_id: 'captain1',
  notes: 'Guest checklist at queenofsandiego.com/g/XHQGMDH',
  revenue: 840.75,
  crew_rate: 25,
  captain_rate: 50,
};

const SEED_RECORD = {
  event_id: 'evt_1',
  event_name: 'Boatsetter Charter - May 30',
  start_time: '2024-05-30T16:00:00.000Z',
  duration_hours: 3,
  crew_ids: ['crew1', 'crew2'],
  captain_id: 'captain1',
  notes: 'Guest checklist at queenofsandiego.com/g/XHQGMDH',
  status: 'scheduled',
  tenant_id: 'queen-of-san-diego',
};

function client(options: Partial<ConstructorParameters<typeof HttpSccClient>[0]> = {}) {
  return new HttpSccClient({ url: `${ORIGIN}${URL_PATH}`, serviceKey: KEY, ...options });
}

async function failure(fn: () => Promise<unknown>): Promise<Error> {
  try {
    await fn();
  } catch (error) {
    expect(String((error as Error).message)).not.toContain(KEY);
    return error as Error;
  }
  throw new Error('expected a rejection');
}

afterEach(() => {
  nock.cleanAll();
});

describe('HttpSccClient.createEvent', () => {
  it('POSTs create_event with the service key, JSON content type and idempotency key', async () => {
    // Arrange
    const scope = nock(ORIGIN).post(URL_PATH).reply(201, { event_id: 'evt_abc' });
    const requests = captureRequests(scope);

    // Act
    const result = await client().createEvent(SEED_EVENT, 'booking-42:crew_event:1');

    // Assess
    expect(result).toEqual({ eventId: 'evt_abc' });
    const [request] = requests;
    expect(request?.method).toBe('POST');
    expect(request?.path).toBe(URL_PATH);
    expect(request?.headers['x-service-key']).toBe(KEY);
    expect(request?.headers['content-type']).toBe('application/json');
    expect(request?.headers['idempotency-key']).toBe('booking-42:crew_event:1');
    // Byte for byte: action first, then the seed's fields in its order.
    expect(request?.body).toBe(JSON.stringify({ action: 'create_event', ...SEED_EVENT }));
  });

  it("sends the seed's money in dollars exactly as given", async () => {
    // Arrange
    const scope = nock(ORIGIN).post(URL_PATH).reply(201, { event_id: 'evt_abc' });
    const requests = captureRequests(scope);

    // Act
    await client().createEvent(SEED_EVENT, 'k');

    // Assess
    const body = requests[0]?.body ?? '';
    expect(body).toContain('"revenue":840.75');
    expect(body).toContain('"crew_rate":25');
    expect(body).toContain('"captain_rate":50');
  });

  it('sends the key raw (no Bearer) under a configured header name', async () => {
    // Arrange
    const scope = nock(ORIGIN).post(URL_PATH).reply(201, { event_id: 'evt_abc' });
    const requests = captureRequests(scope);

    // Act
    await client({ keyHeader: 'X-Api-Key' }).createEvent(SEED_EVENT, 'k');

    // Assess
    expect(requests[0]?.headers['x-api-key']).toBe(KEY);
    expect(requests[0]?.headers['x-service-key']).toBeUndefined();
  });

  it('refuses an invalid event before sending anything', async () => {
    // Arrange
    const scope = nock(ORIGIN).post(URL_PATH).reply(201, { event_id: 'never' });

    // Act
    const error = await failure(() => client().createEvent({ ...SEED_EVENT, event_name: '' }, 'k'));

    // Assess
    expect(error).toBeInstanceOf(PermanentError);
    expect(error.message).toMatch(/event_name/);
    expect(scope.isDone()).toBe(false);
  });

  it('reports an answer without event_id as permanent', async () => {
    // Arrange
    nock(ORIGIN).post(URL_PATH).reply(201, { id: 'wrong-field' });

    // Act
    const error = await failure(() => client().createEvent(SEED_EVENT, 'k'));

    // Assess
    expect(error).toBeInstanceOf(PermanentError);
    expect(error.message).toMatch(/without an event id/);
  });
});

describe('HttpSccClient.patchEvent and getEvent', () => {
  it('POSTs patch_event with nulls that remove the money, and the idempotency key', async () => {
    // Arrange
    const scope = nock(ORIGIN).post(URL_PATH).reply(200, { ok: true });
    const requests = captureRequests(scope);

    // Act
    await client().patchEvent(
      {
        event_id: 'evt_1',
        notes: 'Guest checklist',
        revenue: null,
        crew_rate: null,
        captain_rate: null,
      },
      'booking-42:revenue_scrub:1',
    );

    // Assess
    expect(JSON.parse(requests[0]?.body ?? '')).toEqual({
      action: 'patch_event',
      event_id: 'evt_1',
      notes: 'Guest checklist',
      revenue: null,
      crew_rate: null,
      captain_rate: null,
    });
    expect(requests[0]?.headers['idempotency-key']).toBe('booking-42:revenue_scrub:1');
    expect(requests[0]?.headers['x-service-key']).toBe(KEY);
  });

  it('accepts an empty success answer to a patch', async () => {
    // Arrange
    const scope = nock(ORIGIN).post(URL_PATH).reply(204);

    // Act
    await client().patchEvent({ event_id: 'evt_1', status: 'cancelled' }, 'k');

    // Assess
    expect(scope.isDone()).toBe(true);
  });

  it('reports a 404 on patch as a permanent "not found"', async () => {
    // Arrange
    nock(ORIGIN).post(URL_PATH).reply(404, { error: 'not_found' });

    // Act
    const error = await failure(() =>
      client().patchEvent({ event_id: 'evt_gone', status: 'cancelled' }, 'k'),
    );

    // Assess
    expect(error).toBeInstanceOf(PermanentError);
    expect((error as PermanentError).status).toBe(404);
    expect(error.message).toMatch(/SCC event "evt_gone" not found/);
  });

  it('POSTs get_event without an idempotency key and parses the record', async () => {
    // Arrange
    const scope = nock(ORIGIN)
      .post(URL_PATH)
      .reply(200, { ...SEED_RECORD, revenue: 840.75 });
    const requests = captureRequests(scope);

    // Act
    const event = await client().getEvent('evt_1');

    // Assess
    expect(JSON.parse(requests[0]?.body ?? '')).toEqual({ action: 'get_event', event_id: 'evt_1' });
    expect(requests[0]?.headers['idempotency-key']).toBeUndefined();
    expect(event.event_id).toBe('evt_1');
    expect(event.revenue).toBe(840.75);
    expect(event['tenant_id']).toBe('queen-of-san-diego');
  });

  it('reports a record that does not fit the event schema as permanent, naming the fields', async () => {
    // Arrange
    nock(ORIGIN)
      .post(URL_PATH)
      .reply(200, { ...SEED_RECORD, status: 'done', crew_ids: 'crew1' });

    // Act
    const error = await failure(() => client().getEvent('evt_1'));

    // Assess
    expect(error).toBeInstanceOf(PermanentError);
    expect(error.message).toMatch(/status/);
    expect(error.message).toMatch(/crew_ids/);
  });
});

describe('HttpSccClient error mapping', () => {
  it.each([401, 403])(
    'reports %i as a rejected key, naming SCC_SERVICE_KEY but never its value',
    async (status) => {
      // Arrange
      nock(ORIGIN)
        .post(URL_PATH)
        .reply(status, { error: 'invalid_key', message: `key ${KEY} is wrong` });

      // Act
      const error = await failure(() => client().createEvent(SEED_EVENT, 'k'));

      // Assess
      expect(error).toBeInstanceOf(PermanentError);
      expect(error.message).toMatch(/rejected the service key/);
      expect(error.message).toMatch(/check SCC_SERVICE_KEY/);
    },
  );

  it.each([400, 422])(
    "includes the service's message for %i, cut to 300 characters",
    async (status) => {
      // Arrange
      nock(ORIGIN)
        .post(URL_PATH)
        .reply(status, {
          error: 'invalid_request',
          message: `Fix these fields: ${'y'.repeat(500)}`,
        });

      // Act
      const error = await failure(() => client().createEvent(SEED_EVENT, 'k'));

      // Assess
      expect(error).toBeInstanceOf(PermanentError);
      expect(error.message).toMatch(/invalid_request: Fix these fields: y+…$/);
      expect(error.message.slice(error.message.indexOf('): ') + 3).length).toBe(300);
    },
  );

  it.each([408, 425, 429, 500, 503])('reports HTTP %i as transient', async (status) => {
    // Arrange
    nock(ORIGIN).post(URL_PATH).reply(status);

    // Act
    const error = await failure(() => client().getEvent('evt_1'));

    // Assess
    expect(error).toBeInstanceOf(TransientError);
  });

  it('carries Retry-After as retryAfterMs', async () => {
    // Arrange
    nock(ORIGIN).post(URL_PATH).reply(429, { error: 'too_many_failures' }, { 'Retry-After': '60' });

    // Act
    const error = (await failure(() => client().createEvent(SEED_EVENT, 'k'))) as TransientError;

    // Assess
    expect(error).toBeInstanceOf(TransientError);
    expect(error.retryAfterMs).toBe(60_000);
  });

  it('times out a slow answer as transient', async () => {
    // Arrange
    nock(ORIGIN).post(URL_PATH).delay(2_000).reply(201, { event_id: 'late' });

    // Act
    const error = await failure(() => client({ timeoutMs: 40 }).createEvent(SEED_EVENT, 'k'));

    // Assess
    expect(error).toBeInstanceOf(TransientError);
    expect(error.message).toMatch(/did not answer within 40 ms/);
  });

  it('reports a connection error as transient', async () => {
    // Arrange
    nock(ORIGIN).post(URL_PATH).replyWithError('socket hang up');

    // Act
    const error = await failure(() =>
      client().patchEvent({ event_id: 'evt_1', status: 'cancelled' }, 'k'),
    );

    // Assess
    expect(error).toBeInstanceOf(TransientError);
    expect(error.message).toMatch(/could not be reached.*socket hang up/);
  });

  it('reports a success answer that is not JSON as permanent', async () => {
    // Arrange
    nock(ORIGIN).post(URL_PATH).reply(200, 'OK');

    // Act
    const error = await failure(() => client().getEvent('evt_1'));

    // Assess
    expect(error).toBeInstanceOf(PermanentError);
    expect(error.message).toMatch(/not JSON/);
  });

  it('refuses a service key that cannot be a header value', () => {
    // Assess
    expect(() => client({ serviceKey: '' })).toThrow(ConfigError);
    expect(() => client({ serviceKey: 'ключ' })).toThrow(/SCC_SERVICE_KEY/);
  });
});
