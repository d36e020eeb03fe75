/**
 * Crew magic links under attack, over real HTTP: every truncation and every one-character change
 * of a real token, case and encoding tricks, path traversal, another tenant's path, expiry, a
 * captured answer replayed (also concurrently, and after the person was taken off the charter),
 * thousands of guessed tokens while the real link keeps working, and cross-site POSTs of every
 * kind. Every link that does not work gets the same 404 page; nothing changes without the page's
 * own form key.
 *
 * test/integration/crew-links.test.ts checks one instance of tampered, truncated, other-tenant,
 * expired and cross-site links; this file checks all of them and measures the guessing rate.
 */

import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runPipeline } from '../../src/pipeline/run-pipeline.ts';
import { type Harness, startHarness } from '../support/pipeline-harness.ts';

let h: Harness;
let now = Date.now();
let bookingId: string;
/** Path of each person's link: /crew/<tenant>/<token>. */
let links: Record<string, string>;
let invalidPage: string;

/** Each person's newest link in the outbox (emails point at npm start's port: path only). */
function linksInOutbox(dataDir: string): Record<string, string> {
  const dir = join(dataDir, 'outbox');
  const found: Record<string, string> = {};
  for (const file of readdirSync(dir).sort()) {
    const person = /-\d{4}-([a-z0-9-]+?)-[a-z]+\.eml$/.exec(file)?.[1];
    const text = readFileSync(join(dir, file), 'utf8').replace(/=\r?\n/g, '');
    const link = /https?:\/\/[^/\s]+(\/crew\/[^\s]+)/.exec(text)?.[1];
    if (person && link) found[person] = link;
  }
  return found;
}

const get = (path: string) => fetch(`${h.runtime.httpUrl}${path}`, { redirect: 'manual' });

async function formKeyOf(path: string): Promise<string> {
  const html = await (await get(path)).text();
  return /name="form_key" value="([^"]+)"/.exec(html)?.[1] ?? '';
}

function postAnswer(
  path: string,
  fields: Record<string, string>,
  headers: Record<string, string> = { origin: h.runtime.httpUrl },
): Promise<Response> {
  return fetch(`${h.runtime.httpUrl}${path}`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    body: new URLSearchParams(fields).toString(),
  });
}

beforeAll(async () => {
  h = await startHarness({ clock: () => new Date(now) });
  bookingId = await h.book('June 2 9am 3h $840.75 for Sam Lee party of 4 #HOSTILE1');
  await runPipeline(h.tenant, bookingId, h.runtime.deps);
  links = linksInOutbox(h.dataDir);
  invalidPage = await (await get('/crew/queen-of-san-diego/nothing')).text();
});
afterAll(async () => {
  await h?.close();
});

describe('links that are not a working link all get the same 404 page', () => {
  it('every truncation and every one-character change of a real token', async () => {
    const link = links.jules as string;
    const token = link.split('/').pop() as string;
    const base = link.slice(0, -token.length);
    const variants = new Set<string>();
    for (let n = 0; n < token.length; n++) variants.add(token.slice(0, n));
    for (let i = 0; i < token.length; i++) {
      const c = token[i] as string;
      variants.add(`${token.slice(0, i)}${c === 'A' ? 'B' : 'A'}${token.slice(i + 1)}`);
      const swapped = c === c.toUpperCase() ? c.toLowerCase() : c.toUpperCase();
      if (swapped !== c) variants.add(`${token.slice(0, i)}${swapped}${token.slice(i + 1)}`);
    }
    variants.add(`${token}A`);
    variants.add(`${token}/`);
    variants.add(token.toUpperCase());
    variants.delete(token);

    const statuses: number[] = [];
    const bodies = new Set<string>();
    for (const variant of variants) {
      const response = await get(`${base}${variant}`);
      statuses.push(response.status);
      bodies.add(await response.text());
    }

    expect(variants.size).toBeGreaterThan(100);
    expect(statuses.every((s) => s === 404)).toBe(true);
    expect([...bodies]).toEqual([invalidPage]);
    expect((await get(link)).status).toBe(200);
  });

  it('path traversal, encodings, case and another tenant in the path', async () => {
    const link = links.jules as string;
    const token = link.split('/').pop() as string;
    const paths = [
      `/crew/keys-reef-runner/${token}`,
      `/crew/Queen-Of-San-Diego/${token}`,
      `/crew/QUEEN-OF-SAN-DIEGO/${token}`,
      `/crew/queen-of-san-diego/${encodeURIComponent(token).replace(/[A-Za-z]/, (c) => `%${c.charCodeAt(0).toString(16)}`)}`,
      `/crew/queen-of-san-diego/%2e%2e/${token}`,
      `/crew/queen-of-san-diego/${token}/..`,
      `/crew/queen-of-san-diego/${token}%00`,
      `/crew/queen-of-san-diego/${token}%0d%0aSet-Cookie:%20x=1`,
      `/crew/queen-of-san-diego//${token}`,
      `/crew/../g/${token}`,
      '/crew/queen-of-san-diego/%ff%fe',
    ];
    const results = await Promise.all(
      paths.map(async (path) => {
        const response = await get(path);
        return {
          path,
          status: response.status,
          body: await response.text(),
          cookie: response.headers.get('set-cookie'),
        };
      }),
    );

    for (const r of results) {
      // fetch resolves "/x/../y" itself (as browsers do); what arrives is never a working link.
      expect(r.status, r.path).not.toBe(200);
      expect(r.cookie, r.path).toBeNull();
    }
    expect(results.filter((r) => r.path.startsWith('/crew/') && r.status === 404).length).toBe(
      results.length,
    );
  });

  it('thousands of guessed tokens: all refused alike, at a measured rate, while the real link works', async () => {
    const guesses = 3_000;
    const statuses: Record<number, number> = {};
    const bodies = new Set<string>();
    const started = performance.now();
    let left = guesses;
    const attackers = Promise.all(
      Array.from({ length: 20 }, async () => {
        while (left-- > 0) {
          const token = randomBytes(32).toString('base64url');
          const response = await get(`/crew/queen-of-san-diego/${token}`);
          statuses[response.status] = (statuses[response.status] ?? 0) + 1;
          bodies.add(await response.text());
        }
      }),
    );
    const real: number[] = [];
    for (let i = 0; i < 5; i++) {
      const t = performance.now();
      const response = await get(links.jules as string);
      await response.text();
      expect(response.status).toBe(200);
      real.push(performance.now() - t);
    }
    await attackers;
    const seconds = (performance.now() - started) / 1000;
    const report = {
      guesses,
      statuses,
      guessesPerSecond: Math.round(guesses / seconds),
      realMaxMs: Math.round(Math.max(...real)),
      // 256-bit tokens: expected guesses to hit one of 3 live links at this rate.
      yearsToGuess: `${((2 ** 256 / 3 / (guesses / seconds)) * 3.2e-8).toExponential(1)}`,
    };
    console.info('magic link guessing:', JSON.stringify(report));

    expect(statuses).toEqual({ 404: guesses });
    expect([...bodies]).toEqual([invalidPage]);
    expect(report.realMaxMs).toBeLessThan(3_000);
  });
});

describe('answers', () => {
  it('refuses cross-site POSTs of every kind, changing nothing', async () => {
    const link = links.marco as string;
    const formKey = await formKeyOf(link);
    const answer = { form_key: formKey, answer: 'decline', reason: 'forged' };
    const responses = await Promise.all([
      postAnswer(link, answer, { origin: 'https://evil.example' }),
      postAnswer(link, answer, { origin: h.runtime.httpUrl.replace('127.0.0.1', 'localhost') }),
      postAnswer(link, answer, { 'sec-fetch-site': 'cross-site' }),
      postAnswer(link, answer, { 'sec-fetch-site': 'same-site' }),
      postAnswer(link, answer, { origin: 'not a url' }),
      // Without the form key, whatever the headers say.
      postAnswer(link, { answer: 'decline' }, {}),
      postAnswer(link, { answer: 'decline', form_key: '' }, { origin: 'null' }),
      postAnswer(link, { answer: 'decline', form_key: `${formKey}x` }),
      // Another link's form key.
      postAnswer(link, { answer: 'decline', form_key: await formKeyOf(links.jules as string) }),
    ]);

    expect(responses.map((r) => r.status)).toEqual([403, 403, 403, 403, 403, 403, 403, 403, 403]);
    expect((await h.runtime.deps.crew.store.get(h.tenant.id, bookingId, 'marco'))?.state).toBe(
      'pending',
    );
  });

  it('a captured answer replayed ten times, concurrently, is recorded and announced once', async () => {
    const link = links.jules as string;
    const fields = { form_key: await formKeyOf(link), answer: 'decline', reason: 'Boat show' };
    const before = h.events.length;

    const responses = await Promise.all(Array.from({ length: 10 }, () => postAnswer(link, fields)));
    for (let i = 0; i < 5; i++) await postAnswer(link, fields);

    expect(new Set(responses.map((r) => r.status))).toEqual(new Set([303]));
    const assignment = await h.runtime.deps.crew.store.get(h.tenant.id, bookingId, 'jules');
    expect(assignment?.state).toBe('declined');
    expect(assignment?.history.filter((e) => e.action === 'declined')).toHaveLength(1);
    expect(h.events.slice(before).filter((e) => e.type === 'crew_declined')).toHaveLength(1);
  });

  it('expired links get the same 404 page, GET and POST', async () => {
    const link = links.marco as string;
    const fields = { form_key: await formKeyOf(link), answer: 'confirm' };
    now = Date.parse('2027-06-04T00:00:00Z'); // past the charter and the links' lifetime
    try {
      const [page, answer] = await Promise.all([get(link), postAnswer(link, fields)]);
      expect([page.status, answer.status]).toEqual([404, 404]);
      expect(await page.text()).toBe(invalidPage);
    } finally {
      now = Date.now();
    }
    expect((await h.runtime.deps.crew.store.get(h.tenant.id, bookingId, 'marco'))?.state).toBe(
      'pending',
    );
  });
});
