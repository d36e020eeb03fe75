/**
 * Guest photo uploads attacked over real HTTP on the running runtime (dynalite counter, s3rver
 * signing): before and after the window, over the size cap, 250 concurrent requests against a
 * cap of 200, types that are not photos, bodies that are not the page's JSON, slug tricks, and
 * the signed policy that stops a guest writing under another booking's key prefix.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runPipeline } from '../../src/pipeline/run-pipeline.ts';
import { type Harness, startHarness } from '../support/pipeline-harness.ts';

let h: Harness;
// The charter: 2027-06-02 09:00 PDT, 3 h; the window opens 1 h before and closes 7 days after.
const DURING = Date.parse('2027-06-02T18:00:00Z');
let now = DURING;
let guestSlug: string;
let crewSlug: string;
let otherSlug: string;

beforeAll(async () => {
  h = await startHarness({ clock: () => new Date(now) });
  const id = await h.book('June 2 9am 3h $840.75 for Sam Lee party of 4 #UPLOAD01');
  await runPipeline(h.tenant, id, h.runtime.deps);
  const booking = await h.runtime.store.get(h.tenant.id, id);
  guestSlug = booking?.guestSlug ?? '';
  crewSlug = booking?.crewSlug ?? '';
  const other = await h.book('June 3 9am 3h $500 for Ana Ruiz party of 2 #UPLOAD02');
  otherSlug = (await h.runtime.store.get(h.tenant.id, other))?.guestSlug ?? '';
});
afterAll(async () => {
  await h?.close();
});

async function ask(
  body: unknown,
  options: { slug?: string; contentType?: string; raw?: string } = {},
): Promise<{ status: number; json: Record<string, unknown> }> {
  const response = await fetch(`${h.runtime.httpUrl}/g/${options.slug ?? guestSlug}/uploads`, {
    method: 'POST',
    headers: { 'content-type': options.contentType ?? 'application/json' },
    body: options.raw ?? JSON.stringify(body),
  });
  return {
    status: response.status,
    json: (await response.json().catch(() => ({}))) as Record<string, unknown>,
  };
}

const PHOTO = { contentType: 'image/jpeg', size: 2_000_000 };

describe('guest uploads', () => {
  it('refuses before and after the window, saying when it opens or closed', async () => {
    now = Date.parse('2027-06-02T14:00:00Z'); // 7:00 PDT, an hour before the window
    const before = await ask(PHOTO);
    now = Date.parse('2027-06-09T20:00:01Z'); // 7 days and a second after the end
    const after = await ask(PHOTO);
    now = DURING;

    expect([before.status, before.json.error]).toEqual([403, 'uploads_not_open']);
    expect(before.json.message).toMatch(/open Wednesday, June 2, 2027 at 8:00/);
    expect([after.status, after.json.error]).toEqual([403, 'uploads_closed']);
    expect(after.json.message).toMatch(/closed Wednesday, June 9, 2027/);
  });

  it('refuses photos over the size cap, empty ones and impossible sizes', async () => {
    const cases = [
      [{ contentType: 'image/jpeg', size: 15 * 1024 * 1024 + 1 }, 413, 'photo_too_large'],
      [{ contentType: 'image/jpeg', size: 0 }, 400, 'empty_photo'],
      [{ contentType: 'image/jpeg', size: -5 }, 400, 'invalid_request'],
      [{ contentType: 'image/jpeg', size: 1.5 }, 400, 'invalid_request'],
      [{ contentType: 'image/jpeg', size: 1e300 }, 400, 'invalid_request'],
      [{ contentType: 'image/jpeg', size: '1000' }, 400, 'invalid_request'],
      [{ contentType: 'image/jpeg' }, 400, 'invalid_request'],
    ] as const;
    const results = await Promise.all(cases.map(([body]) => ask(body)));
    expect(results.map((r) => [r.status, r.json.error])).toEqual(
      cases.map(([, status, error]) => [status, error]),
    );
    for (const r of results) expect(String(r.json.message)).not.toBe('');
  });

  it('refuses every type that is not an accepted photo', async () => {
    const types = [
      'image/svg+xml',
      'text/html',
      'application/x-msdownload',
      'application/octet-stream',
      'image/gif',
      '',
      'image/jpeg\r\nx-amz-acl: public-read',
      'image/png, text/html',
      `image/${'x'.repeat(180)}`,
    ];
    const results = await Promise.all(types.map((contentType) => ask({ ...PHOTO, contentType })));
    expect(results.map((r) => r.status)).toEqual(types.map(() => 415));
    // Case and parameters are read as the browser meant them.
    expect((await ask({ ...PHOTO, contentType: 'IMAGE/PNG; charset=binary' })).status).toBe(200);
  });

  it('refuses what the page never sends: forms, text, oversized and broken JSON', async () => {
    const form = await ask(undefined, {
      contentType: 'application/x-www-form-urlencoded',
      raw: 'contentType=image%2Fjpeg&size=100',
    });
    const text = await ask(undefined, { contentType: 'text/plain', raw: JSON.stringify(PHOTO) });
    const big = await ask({ ...PHOTO, pad: 'x'.repeat(5000) });
    const broken = await ask(undefined, { raw: '{"contentType": "image/jpeg", ' });
    expect([form.status, text.status, big.status, broken.status]).toEqual([415, 415, 413, 400]);
  });

  it('answers unknown, crew and tricked slugs like an unknown page', async () => {
    const slugs = [
      'ZZZZZZZZ',
      crewSlug,
      `${guestSlug}/..`,
      `..%2F${guestSlug}`,
      `${guestSlug}%00`,
      `${guestSlug.slice(0, -1)}`,
    ];
    const results = await Promise.all(slugs.map((slug) => ask(PHOTO, { slug })));
    // Paths the upload route does not claim ("/g/<slug>/../uploads" is resolved by fetch to
    // "/g/uploads") reach the page site, which answers a POST with 405 and nothing else.
    expect(results.map((r) => r.status)).toEqual([404, 404, 405, 405, 405, 404]);
    for (const r of results) expect(r.json.url).toBeUndefined();
    // Letter case is not a trick: the slug is case-insensitive by design.
    expect((await ask(PHOTO, { slug: guestSlug.toLowerCase() })).status).toBe(200);
  });

  it("signs only this booking's exact key: another booking's prefix cannot be written", async () => {
    const { status, json } = await ask(PHOTO);
    expect(status).toBe(200);
    const key = String(json.key);
    expect(key.startsWith(`uploads/${h.tenant.id}/${guestSlug}/`)).toBe(true);
    const fields = json.fields as Record<string, string>;
    const policy = JSON.parse(Buffer.from(fields.Policy ?? '', 'base64').toString('utf8')) as {
      conditions: unknown[];
    };
    const text = JSON.stringify(policy.conditions);
    // The key is an exact match (S3 refuses any other key, e.g. uploads/<tenant>/<other slug>/…).
    expect(policy.conditions).toContainEqual({ key });
    expect(text).not.toMatch(/starts-with/);
    expect(text).not.toContain(otherSlug);
    expect(policy.conditions).toContainEqual(['content-length-range', 1, 15 * 1024 * 1024]);
    expect(policy.conditions).toContainEqual({ 'Content-Type': 'image/jpeg' });
  });

  it('never passes the per-booking cap of 200 under 250 concurrent requests', async () => {
    const id = await h.book('June 4 9am 3h $500 for Cap Test party of 2 #UPLOAD03');
    const slug = (await h.runtime.store.get(h.tenant.id, id))?.guestSlug ?? '';
    now = Date.parse('2027-06-04T18:00:00Z');
    const statuses: Record<number, number> = {};
    let left = 250;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: 20 }, async () => {
        while (left-- > 0) {
          const { status } = await ask(PHOTO, { slug });
          statuses[status] = (statuses[status] ?? 0) + 1;
        }
      }),
    );
    console.info(
      'upload cap race:',
      JSON.stringify({ statuses, ms: Math.round(performance.now() - started) }),
    );
    now = DURING;
    expect(statuses).toEqual({ 200: 200, 409: 50 });
  });
});
