/**
 * SCC service keys (bcrypt) and the dashboard token, attacked over real HTTP on the running
 * runtime: wrong, empty, missing, over bcrypt's 72 bytes (also in multi-byte UTF-8, and the real
 * key with junk after it, which bcrypt alone would accept), oversized headers, many wrong in a
 * row. Then a flood of bad keys from many addresses against the SCC service with the real bcrypt
 * hash: bcrypt verifications per second, the latency of good requests meanwhile, and how late
 * timers fire (before BcryptGate, 16 checks in flight held the event loop for ~1.5 s a turn).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LocalSecrets, loadLocalSecrets } from '../../src/runtime/local-secrets.ts';
import { BuiltInSccService } from '../../src/scc/built-in-scc-service.ts';
import { MemorySccStore } from '../../src/scc/memory-scc-store.ts';
import { FailedAttemptLimiter } from '../../src/server/failed-attempt-limiter.ts';
import { LeasedIdempotencyStore } from '../../src/server/leased-idempotency-store.ts';
import { MemoryIdempotencyRecordStore } from '../../src/server/memory-idempotency-store.ts';
import { type Harness, startHarness } from '../support/pipeline-harness.ts';
import { serviceRequest } from '../support/service-request.ts';

let h: Harness;
let secrets: LocalSecrets;
let sccUrl: string;
let keyHeader: string;
let tokenHeader: string;

beforeAll(async () => {
  h = await startHarness();
  secrets = await loadLocalSecrets(h.dataDir);
  sccUrl = `${h.runtime.httpUrl}/scc/${h.tenant.id}`;
  keyHeader = h.runtime.config.builtIn.keyHeader;
  tokenHeader = h.runtime.config.builtIn.tokenHeader;
});
afterAll(async () => {
  await h?.close();
});

const GET_EVENT = JSON.stringify({ action: 'get_event', event_id: 'evt_missing' });

async function scc(key: string | undefined): Promise<{ status: number; error: string }> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (key !== undefined) headers[keyHeader] = key;
  const response = await fetch(sccUrl, { method: 'POST', headers, body: GET_EVENT });
  const body = (await response.json().catch(() => ({}))) as { error?: string };
  return { status: response.status, error: body.error ?? '' };
}

async function dashboard(
  token: string | undefined,
): Promise<{ status: number; ms: number; error: string }> {
  const started = performance.now();
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (token !== undefined) headers[tokenHeader] = token;
  const response = await fetch(`${h.runtime.httpUrl}/dashboard/api/calendar/nobody.x`, {
    method: 'DELETE',
    headers,
  });
  const body = (await response.json().catch(() => ({}))) as { error?: string };
  return { status: response.status, ms: performance.now() - started, error: body.error ?? '' };
}

describe('SCC service keys over HTTP', () => {
  it('refuses missing, empty, over-72-byte and wrong keys, each with its own clear answer', async () => {
    const real = secrets.sccServiceKey;
    const results = {
      missing: await scc(undefined),
      empty: await scc(''),
      // bcrypt reads 72 bytes: the real key with anything after it must not pass.
      realPlusJunk: await scc(`${real}${'x'.repeat(Math.max(1, 73 - real.length))}`),
      seventyThreeBytes: await scc('k'.repeat(73)),
      // 40 characters, 80 bytes in UTF-8 (headers arrive as Latin-1).
      multiByte: await scc('é'.repeat(40)),
      wrong: await scc('not-the-key'),
      right: await scc(real),
    };

    expect(results).toEqual({
      missing: { status: 401, error: 'missing_key' },
      empty: { status: 401, error: 'missing_key' },
      realPlusJunk: { status: 400, error: 'key_too_long' },
      seventyThreeBytes: { status: 400, error: 'key_too_long' },
      multiByte: { status: 400, error: 'key_too_long' },
      wrong: { status: 401, error: 'invalid_key' },
      right: { status: 404, error: 'not_found' },
    });
  });

  it('refuses a header too large to read (431) without a crash', async () => {
    const huge = await fetch(sccUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [keyHeader]: 'k'.repeat(64 * 1024) },
      body: GET_EVENT,
    }).then(
      (r) => r.status,
      () => 'connection closed',
    );
    expect([431, 'connection closed']).toContain(huge);
    expect((await fetch(`${h.runtime.httpUrl}/healthz`)).status).toBe(200);
  });

  it('blocks an address after 10 wrong keys in a row with 429 and Retry-After', async () => {
    const statuses: number[] = [];
    // One wrong key was already counted above.
    for (let i = 0; i < 12; i++) statuses.push((await scc(`wrong-${i}`)).status);
    const blocked = await fetch(sccUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [keyHeader]: secrets.sccServiceKey },
      body: GET_EVENT,
    });

    expect(statuses.filter((s) => s === 401).length).toBeLessThanOrEqual(10);
    expect(statuses.slice(-3)).toEqual([429, 429, 429]);
    // A blocked address is blocked for the right key too: a block cannot be probed.
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
  });
});

describe('the dashboard token over HTTP', () => {
  it('refuses missing, empty, wrong-scheme, wrong and over-long tokens with 401', async () => {
    const real = `Bearer ${secrets.dashboardToken}`;
    const results = await Promise.all(
      [
        undefined,
        '',
        secrets.dashboardToken,
        `Basic ${secrets.dashboardToken}`,
        `Bearer ${secrets.dashboardToken}x`,
        `Bearer ${secrets.dashboardToken.slice(0, -1)}`,
        `bearer ${secrets.dashboardToken}`,
        `Bearer ${'t'.repeat(8000)}`,
      ].map(async (token) => (await dashboard(token)).status),
    );
    const right = await dashboard(real);

    expect(results).toEqual([401, 401, 401, 401, 401, 401, 401, 401]);
    // Past authentication: the entry does not exist.
    expect(right.status).toBe(404);
  });

  it('answers the right token promptly during a flood of 2,000 wrong ones', async () => {
    const flood = 2_000;
    const started = performance.now();
    let refused = 0;
    const queue = Array.from({ length: flood }, (_, i) => i);
    const attackers = Promise.all(
      Array.from({ length: 20 }, async () => {
        while (queue.length > 0) {
          const i = queue.pop() as number;
          if ((await dashboard(`Bearer wrong-${i}`)).status === 401) refused++;
        }
      }),
    );
    const good: number[] = [];
    for (let i = 0; i < 10; i++) {
      const r = await dashboard(`Bearer ${secrets.dashboardToken}`);
      expect(r.status).toBe(404);
      good.push(r.ms);
    }
    await attackers;
    const seconds = (performance.now() - started) / 1000;
    good.sort((a, b) => a - b);
    const report = {
      wrongTokens: flood,
      refused,
      refusedPerSecond: Math.round(flood / seconds),
      goodMedianMs: Math.round(good[5] ?? 0),
      goodMaxMs: Math.round(good.at(-1) ?? 0),
    };
    console.info('dashboard token flood:', JSON.stringify(report));

    expect(refused).toBe(flood);
    expect(report.goodMaxMs).toBeLessThan(3_000);
  });
});

describe('a flood of bad SCC keys from many addresses (real bcrypt, cost 10)', () => {
  it('keeps good requests answered while bad keys are verified', async () => {
    let bcryptRuns = 0;
    const { compare } = await import('bcryptjs');
    const service = new BuiltInSccService({
      tenantId: h.tenant.id,
      serviceKeyHash: secrets.sccServiceKeyHash,
      store: new MemorySccStore(),
      idempotency: new LeasedIdempotencyStore(new MemoryIdempotencyRecordStore()),
      limiter: new FailedAttemptLimiter(),
      compareKey: (key, hash) => {
        bcryptRuns++;
        return compare(key, hash);
      },
    });
    const request = (key: string, clientIp: string) =>
      serviceRequest('POST', '/', {
        body: GET_EVENT,
        headers: { [keyHeader]: key, 'content-type': 'application/json' },
        clientIp,
      });
    // The good client verifies once (then its key is cached, as in production).
    expect((await service.handle(request(secrets.sccServiceKey, '10.0.0.1'))).status).toBe(404);
    bcryptRuns = 0;

    // 400 addresses, each sending 12 wrong keys, 64 requests in flight at a time, for up to 8 s.
    const attempts = Array.from({ length: 400 * 12 }, (_, i) => ({
      key: `wrong-key-${i}`,
      ip: `198.51.${Math.floor(i / 12 / 250)}.${Math.floor(i / 12) % 250}`,
    }));
    const deadline = performance.now() + 8_000;
    const statuses: Record<number, number> = {};
    const started = performance.now();
    let stop = false;
    const flood = Promise.all(
      Array.from({ length: 64 }, async () => {
        while (!stop && attempts.length > 0 && performance.now() < deadline) {
          const next = attempts.shift() as { key: string; ip: string };
          const status = (await service.handle(request(next.key, next.ip))).status;
          statuses[status] = (statuses[status] ?? 0) + 1;
        }
      }),
    );
    const good: number[] = [];
    // How late a 100 ms timer fires: bcrypt slices hold the event loop.
    let timerLagMaxMs = 0;
    while (performance.now() < deadline - 500) {
      const t = performance.now();
      const status = (await service.handle(request(secrets.sccServiceKey, '10.0.0.1'))).status;
      good.push(performance.now() - t);
      expect(status).toBe(404);
      const slept = performance.now();
      await new Promise((resolve) => setTimeout(resolve, 100));
      timerLagMaxMs = Math.max(timerLagMaxMs, performance.now() - slept - 100);
    }
    stop = true;
    await flood;
    const seconds = (performance.now() - started) / 1000;
    good.sort((a, b) => a - b);
    const report = {
      seconds: Math.round(seconds * 10) / 10,
      badRequests: Object.values(statuses).reduce((a, b) => a + b, 0),
      statuses,
      bcryptPerSecond: Math.round(bcryptRuns / seconds),
      goodRequests: good.length,
      goodMedianMs: Math.round(good[Math.floor(good.length / 2)] ?? 0),
      goodP95Ms: Math.round(good[Math.floor(good.length * 0.95)] ?? 0),
      goodMaxMs: Math.round(good.at(-1) ?? 0),
      timerLagMaxMs: Math.round(timerLagMaxMs),
    };
    console.info('bad SCC key flood:', JSON.stringify(report));

    expect(report.bcryptPerSecond).toBeGreaterThan(0);
    // Beyond the queue the flood is told to come back (503), not queued without end.
    expect(statuses[503] ?? 0).toBeGreaterThan(0);
    // Timers still fire: one bcrypt slice (100 ms) at a time, generous for 2 shared cores.
    expect(report.timerLagMaxMs).toBeLessThan(600);
    expect(good.length).toBeGreaterThan(20);
    // A good request with a verified key never waits behind the bcrypt queue for long.
    expect(report.goodP95Ms).toBeLessThan(1_000);
  });
});
