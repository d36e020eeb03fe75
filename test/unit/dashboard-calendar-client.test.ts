/** Unit tests for the Dashboard calendar client: exact wire format and every error mapping, with nock at the transport. */
import nock from 'nock';
import { afterEach, describe, expect, it } from 'vitest';
import type { CalendarEntryRequest } from '../../src/calendar/calendar-contract.ts';
import { DashboardCalendarClient } from '../../src/calendar/dashboard-calendar-client.ts';
import { ConfigError } from '../../src/errors.ts';
import { PermanentError, TransientError } from '../../src/external-errors.ts';
import { captureRequests } from '../support/capture-requests.ts';

const BASE = 'https://dashboard.example.test';
const TOKEN = 'dash-token-7f3a9c';

/** The seed's payload, with `start` as the real instant of 09:00 in San Diego. */
const SEED_ENTRY: CalendarEntryRequest = {
  calendar_id: 'jada-internal',
  title: 'Boatsetter Charter - May 30',
  start: '2024-05-30T16:00:00Z',
  duration_minutes: 180,
  metadata: {
    guest_page: 'https://queenofsandiego.com/g/XHQGMDH',
    revenue: 840.75,
    crew_cost: 250.0,
    captain_cost: 150.0,
    port_fee: 151.34,
    net_profit: 289.41,
  },
};

function client(options: Partial<ConstructorParameters<typeof DashboardCalendarClient>[0]> = {}) {
  return new DashboardCalendarClient({ baseUrl: BASE, token: TOKEN, ...options });
}

/** Runs `fn`, expecting it to reject; returns the error. */
async function failure(fn: () => Promise<unknown>): Promise<Error> {
  try {
    await fn();
  } catch (error) {
    expect(String((error as Error).message)).not.toContain(TOKEN);
    return error as Error;
  }
  throw new Error('expected a rejection');
}

afterEach(() => {
  nock.cleanAll();
});

describe('DashboardCalendarClient.createEntry', () => {
  it('POSTs the seed payload with the Bearer token, JSON content type and idempotency key', async () => {
    // Arrange
    const scope = nock(BASE).post('/api/calendar').reply(201, { id: 'cal-123' });
    const requests = captureRequests(scope);

    // Act
    const result = await client().createEntry(SEED_ENTRY, 'booking-42:calendar_entry:1');

    // Assess
    expect(result).toEqual({ id: 'cal-123' });
    expect(scope.isDone()).toBe(true);
    expect(requests).toHaveLength(1);
    const [request] = requests;
    expect(request?.method).toBe('POST');
    expect(request?.path).toBe('/api/calendar');
    expect(request?.headers['x-dashboard-token']).toBe(`Bearer ${TOKEN}`);
    expect(request?.headers['content-type']).toBe('application/json');
    expect(request?.headers['idempotency-key']).toBe('booking-42:calendar_entry:1');
    // Byte for byte: the seed's field order, nothing added.
    expect(request?.body).toBe(JSON.stringify(SEED_ENTRY));
  });

  it("sends the seed's money in dollars exactly as given", async () => {
    // Arrange
    const scope = nock(BASE).post('/api/calendar').reply(201, { id: 'cal-1' });
    const requests = captureRequests(scope);

    // Act
    await client().createEntry(SEED_ENTRY, 'k1');

    // Assess
    const body = requests[0]?.body ?? '';
    expect(body).toContain('"revenue":840.75');
    expect(body).toContain('"crew_cost":250');
    expect(body).toContain('"captain_cost":150');
    expect(body).toContain('"port_fee":151.34');
    expect(body).toContain('"net_profit":289.41');
  });

  it('uses a configured header name instead of X-Dashboard-Token', async () => {
    // Arrange
    const scope = nock(BASE).post('/api/calendar').reply(201, { id: 'cal-2' });
    const requests = captureRequests(scope);

    // Act
    await client({ tokenHeader: 'Authorization' }).createEntry(SEED_ENTRY, 'k2');

    // Assess
    expect(requests[0]?.headers['authorization']).toBe(`Bearer ${TOKEN}`);
    expect(requests[0]?.headers['x-dashboard-token']).toBeUndefined();
  });

  it('keeps a path prefix in the base URL and ignores its trailing slash', async () => {
    // Arrange
    const scope = nock(BASE).post('/prod/api/calendar').reply(201, { id: 'cal-3' });

    // Act
    const result = await client({ baseUrl: `${BASE}/prod/` }).createEntry(SEED_ENTRY, 'k3');

    // Assess
    expect(result.id).toBe('cal-3');
    expect(scope.isDone()).toBe(true);
  });

  it('refuses an invalid entry before sending anything', async () => {
    // Arrange
    const scope = nock(BASE).post('/api/calendar').reply(201, { id: 'never' });
    const bad = { ...SEED_ENTRY, duration_minutes: -5 };

    // Act
    const error = await failure(() => client().createEntry(bad, 'k4'));

    // Assess
    expect(error).toBeInstanceOf(PermanentError);
    expect(error.message).toMatch(/duration_minutes/);
    expect(scope.isDone()).toBe(false);
  });

  it('refuses an idempotency key that cannot travel in a header', async () => {
    // Act
    const error = await failure(() => client().createEntry(SEED_ENTRY, 'line\nbreak'));

    // Assess
    expect(error).toBeInstanceOf(PermanentError);
    expect(error.message).toMatch(/idempotency key/);
  });
});

describe('DashboardCalendarClient.updateEntry and cancelEntry', () => {
  it('PUTs the entry to its URL-encoded id with the idempotency key', async () => {
    // Arrange
    const scope = nock(BASE).put('/api/calendar/a%2Fb%20c').reply(200, { id: 'a/b c' });
    const requests = captureRequests(scope);

    // Act
    const result = await client().updateEntry('a/b c', SEED_ENTRY, 'k5');

    // Assess
    expect(result).toEqual({ id: 'a/b c' });
    expect(requests[0]?.headers['idempotency-key']).toBe('k5');
    expect(requests[0]?.headers['x-dashboard-token']).toBe(`Bearer ${TOKEN}`);
    expect(JSON.parse(requests[0]?.body ?? '')).toEqual(SEED_ENTRY);
  });

  it('accepts a 204 with no body as an update of the same id', async () => {
    // Arrange
    nock(BASE).put('/api/calendar/cal-9').reply(204);

    // Act
    const result = await client().updateEntry('cal-9', SEED_ENTRY, 'k6');

    // Assess
    expect(result).toEqual({ id: 'cal-9' });
  });

  it('reports a 404 on update as a permanent "not found"', async () => {
    // Arrange
    nock(BASE).put('/api/calendar/gone').reply(404, { error: 'not_found' });

    // Act
    const error = await failure(() => client().updateEntry('gone', SEED_ENTRY, 'k7'));

    // Assess
    expect(error).toBeInstanceOf(PermanentError);
    expect((error as PermanentError).status).toBe(404);
    expect(error.message).toMatch(/calendar entry "gone" not found/);
  });

  it('DELETEs the entry with the token and idempotency key, and no body', async () => {
    // Arrange
    const scope = nock(BASE)
      .delete('/api/calendar/cal-10')
      .reply(200, { id: 'cal-10', status: 'cancelled' });
    const requests = captureRequests(scope);

    // Act
    await client().cancelEntry('cal-10', 'k8');

    // Assess
    expect(scope.isDone()).toBe(true);
    expect(requests[0]?.headers['idempotency-key']).toBe('k8');
    expect(requests[0]?.headers['x-dashboard-token']).toBe(`Bearer ${TOKEN}`);
    expect(requests[0]?.body ?? '').toBe('');
  });

  it('treats a 404 on cancel as already gone', async () => {
    // Arrange
    const scope = nock(BASE).delete('/api/calendar/cal-11').reply(404, { error: 'not_found' });

    // Act
    await client().cancelEntry('cal-11', 'k9');

    // Assess
    expect(scope.isDone()).toBe(true);
  });
});

describe('DashboardCalendarClient error mapping', () => {
  it.each([401, 403])(
    'reports %i as a rejected token, naming DASHBOARD_TOKEN but never its value',
    async (status) => {
      // Arrange
      nock(BASE)
        .post('/api/calendar')
        .reply(status, { error: 'forbidden', message: `bad token ${TOKEN}` });

      // Act
      const error = await failure(() => client().createEntry(SEED_ENTRY, 'k'));

      // Assess
      expect(error).toBeInstanceOf(PermanentError);
      expect(error.message).toMatch(/rejected the token/);
      expect(error.message).toMatch(/check DASHBOARD_TOKEN/);
      expect((error as PermanentError).hint).toMatch(/DASHBOARD_TOKEN_HEADER/);
    },
  );

  it("includes the service's own message for a 400", async () => {
    // Arrange
    nock(BASE)
      .post('/api/calendar')
      .reply(400, { error: 'invalid_request', message: 'title: too long' });

    // Act
    const error = await failure(() => client().createEntry(SEED_ENTRY, 'k'));

    // Assess
    expect(error).toBeInstanceOf(PermanentError);
    expect(error.message).toMatch(/HTTP 400/);
    expect(error.message).toMatch(/invalid_request: title: too long/);
  });

  it('truncates a long 422 message to 300 characters and redacts an echoed token', async () => {
    // Arrange
    const long = `${TOKEN} ${'x'.repeat(1000)}`;
    nock(BASE).post('/api/calendar').reply(422, long);

    // Act
    const error = await failure(() => client().createEntry(SEED_ENTRY, 'k'));

    // Assess
    expect(error).toBeInstanceOf(PermanentError);
    const detail = error.message.slice(error.message.indexOf('): ') + 3);
    expect(detail.length).toBeLessThanOrEqual(300);
    expect(detail.startsWith('[redacted] xxx')).toBe(true);
    expect(detail.endsWith('…')).toBe(true);
  });

  it.each([408, 425, 429, 500, 502, 503, 504])('reports HTTP %i as transient', async (status) => {
    // Arrange
    nock(BASE).post('/api/calendar').reply(status, 'busy');

    // Act
    const error = await failure(() => client().createEntry(SEED_ENTRY, 'k'));

    // Assess
    expect(error).toBeInstanceOf(TransientError);
    expect(error.message).toMatch(new RegExp(`HTTP ${status}`));
  });

  it('carries Retry-After seconds as retryAfterMs', async () => {
    // Arrange
    nock(BASE).post('/api/calendar').reply(429, { error: 'slow_down' }, { 'Retry-After': '7' });

    // Act
    const error = await failure(() => client().createEntry(SEED_ENTRY, 'k'));

    // Assess
    expect(error).toBeInstanceOf(TransientError);
    expect((error as TransientError).retryAfterMs).toBe(7000);
    expect(error.message).toMatch(/retry after 7 s/);
  });

  it('reads a Retry-After HTTP date too', async () => {
    // Arrange
    const at = new Date(Date.now() + 30_000).toUTCString();
    nock(BASE).post('/api/calendar').reply(503, '', { 'Retry-After': at });

    // Act
    const error = (await failure(() => client().createEntry(SEED_ENTRY, 'k'))) as TransientError;

    // Assess
    expect(error.retryAfterMs).toBeGreaterThan(25_000);
    expect(error.retryAfterMs).toBeLessThanOrEqual(30_000);
  });

  it('leaves retryAfterMs undefined without the header', async () => {
    // Arrange
    nock(BASE).post('/api/calendar').reply(500);

    // Act
    const error = (await failure(() => client().createEntry(SEED_ENTRY, 'k'))) as TransientError;

    // Assess
    expect(error.retryAfterMs).toBeUndefined();
  });

  it('reports a 409 with Retry-After (request still in progress) as transient, a plain 409 as permanent', async () => {
    // Arrange
    nock(BASE)
      .post('/api/calendar')
      .reply(409, { error: 'idempotency_in_progress' }, { 'Retry-After': '1' })
      .post('/api/calendar')
      .reply(409, { error: 'idempotency_key_reused', message: 'use a new key' });

    // Act
    const inProgress = await failure(() => client().createEntry(SEED_ENTRY, 'k'));
    const reused = await failure(() => client().createEntry(SEED_ENTRY, 'k'));

    // Assess
    expect(inProgress).toBeInstanceOf(TransientError);
    expect(reused).toBeInstanceOf(PermanentError);
    expect(reused.message).toMatch(/use a new key/);
  });

  it('times out a slow answer as transient', async () => {
    // Arrange
    nock(BASE).post('/api/calendar').delay(2_000).reply(201, { id: 'late' });
    const startedAt = Date.now();

    // Act
    const error = await failure(() => client({ timeoutMs: 50 }).createEntry(SEED_ENTRY, 'k'));

    // Assess
    expect(error).toBeInstanceOf(TransientError);
    expect(error.message).toMatch(/did not answer within 50 ms/);
    expect(Date.now() - startedAt).toBeLessThan(1_500);
  });

  it('reports a connection error as transient', async () => {
    // Arrange
    nock(BASE).post('/api/calendar').replyWithError('connect ECONNREFUSED 10.0.0.1:443');

    // Act
    const error = await failure(() => client().createEntry(SEED_ENTRY, 'k'));

    // Assess
    expect(error).toBeInstanceOf(TransientError);
    expect(error.message).toMatch(/could not be reached/);
    expect(error.message).toMatch(/ECONNREFUSED/);
  });

  it('reports a success answer that is not JSON as permanent', async () => {
    // Arrange
    nock(BASE).post('/api/calendar').reply(200, '<html>proxy login</html>');

    // Act
    const error = await failure(() => client().createEntry(SEED_ENTRY, 'k'));

    // Assess
    expect(error).toBeInstanceOf(PermanentError);
    expect(error.message).toMatch(/not JSON/);
  });

  it('reports a success answer without an id as permanent', async () => {
    // Arrange
    nock(BASE).post('/api/calendar').reply(200, { ok: true });

    // Act
    const error = await failure(() => client().createEntry(SEED_ENTRY, 'k'));

    // Assess
    expect(error).toBeInstanceOf(PermanentError);
    expect(error.message).toMatch(/without the entry id/);
  });

  it('does not follow a redirect (it would carry the token elsewhere)', async () => {
    // Arrange
    nock(BASE)
      .post('/api/calendar')
      .reply(302, '', { Location: 'https://elsewhere.example.test/api/calendar' });

    // Act
    const error = await failure(() => client().createEntry(SEED_ENTRY, 'k'));

    // Assess
    expect(error).toBeInstanceOf(PermanentError);
    expect(error.message).toMatch(/redirected to https:\/\/elsewhere/);
  });

  it('reports other 4xx answers as permanent with the HTTP status', async () => {
    // Arrange
    nock(BASE).post('/api/calendar').reply(404, { error: 'not_found' });

    // Act
    const error = await failure(() => client().createEntry(SEED_ENTRY, 'k'));

    // Assess
    expect(error).toBeInstanceOf(PermanentError);
    expect(error.message).toMatch(/check DASHBOARD_URL/);
  });
});

describe('DashboardCalendarClient settings', () => {
  it('refuses an empty token or one that cannot be a header value, without echoing it', () => {
    // Act
    const empty = () => client({ token: '' });
    const multiline = () => client({ token: 'abc\r\nX-Evil: 1' });

    // Assess
    expect(empty).toThrow(ConfigError);
    expect(multiline).toThrow(/DASHBOARD_TOKEN must be non-empty printable ASCII/);
    expect(multiline).not.toThrow(/X-Evil/);
  });
});
