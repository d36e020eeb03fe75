/**
 * Crew confirmations end to end: the pipeline issues personal magic links (email outbox), the
 * link page changes nothing on GET, answers are POSTs from that page only, every bad link gets
 * the same page, answers close at the call time, declines lead to a replacement, reminders.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { afterEach, describe, expect, it } from 'vitest';
import { closeOutCharter } from '../../src/closeout/close-out-charter.ts';
import { plannedHours } from '../../src/closeout/compute-actual.ts';
import { assignReplacement, suggestReplacements } from '../../src/crew/replacements.ts';
import { sendDueReminders } from '../../src/crew/send-due-reminders.ts';
import { runPipeline } from '../../src/pipeline/run-pipeline.ts';
import { reportCsv } from '../../src/reports/report-csv.ts';
import { parsePeriod } from '../../src/reports/report-period.ts';
import { loadPlReport } from '../../src/reports/report-sources.ts';
import { type Harness, startHarness } from '../support/pipeline-harness.ts';

const SEED = 'June 2 9am 3h $840.75 for Sam Lee party of 4 #SEED0001';
let h: Harness;
afterEach(async () => {
  await h?.close();
});

/** The emails in the outbox, oldest first, with the link each carries. */
function outbox(
  dataDir: string,
): { file: string; to: string; kind: string; link: string | null; text: string }[] {
  const dir = join(dataDir, 'outbox');
  let files: string[] = [];
  try {
    files = readdirSync(dir).sort();
  } catch {
    return [];
  }
  return files.map((file) => {
    const text = readFileSync(join(dir, file), 'utf8').replace(/=\r?\n/g, '');
    const [, to = '', kind = ''] =
      /-\d{4}-([a-z0-9-]+?)-(assignment|reminder|changed|released|cancelled)\.eml$/.exec(file) ??
      [];
    return {
      file,
      to,
      kind,
      link: /(http:\/\/127\.0\.0\.1:\d+\/crew\/[^\s]+)/.exec(text)?.[1] ?? null,
      text,
    };
  });
}

/** The link as served by this harness's server (emails point at npm start's port). */
function local(link: string): string {
  return `${h.runtime.httpUrl}${new URL(link).pathname}`;
}

async function bookAndRun(): Promise<string> {
  const id = await h.book(SEED);
  await runPipeline(h.tenant, id, h.runtime.deps);
  return id;
}

function formOf(html: string): { formKey: string } {
  return { formKey: /name="form_key" value="([^"]+)"/.exec(html)?.[1] ?? '' };
}

async function answer(
  link: string,
  fields: Record<string, string>,
  headers: Record<string, string> = {},
): Promise<Response> {
  const page = await (await fetch(local(link))).text();
  return fetch(local(link), {
    method: 'POST',
    redirect: 'manual',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      origin: h.runtime.httpUrl,
      ...headers,
    },
    body: new URLSearchParams({ form_key: formOf(page).formKey, ...fields }).toString(),
  });
}

describe('magic links', () => {
  it('sends every assigned person, captain included, a personal link; only hashes are stored', async () => {
    h = await startHarness();
    await bookAndRun();

    const mail = outbox(h.dataDir);

    expect(mail.map((m) => [m.to, m.kind]).sort()).toEqual([
      ['jules', 'assignment'],
      ['marco', 'assignment'],
      ['rosa', 'assignment'],
    ]);
    for (const m of mail) expect(m.text).not.toMatch(/\$\s?\d|840|revenue|profit|rate/i);
    const tokens = mail.map((m) => (m.link ?? '').split('/').pop() as string);
    expect(new Set(tokens).size).toBe(3);
    for (const token of tokens) expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/); // 256 bits
    const items = await h.runtime.clients.doc.send(new ScanCommand({ TableName: 'deckhand-test' }));
    const dump = JSON.stringify(items.Items);
    for (const token of tokens) expect(dump).not.toContain(token);
  });

  it('shows the assignment on GET and changes nothing; no money, no caching, no referrer', async () => {
    h = await startHarness();
    const id = await bookAndRun();
    const link = outbox(h.dataDir).find((m) => m.to === 'jules')?.link as string;
    const before = await h.runtime.deps.crew.store.get(h.tenant.id, id, 'jules');

    const page = await fetch(local(link));
    await fetch(local(link), { method: 'HEAD' });

    const html = await page.text();
    expect(page.status).toBe(200);
    expect(page.headers.get('cache-control')).toBe('no-store');
    expect(page.headers.get('referrer-policy')).toBe('no-referrer');
    expect(html).toContain('Ahoy Jules');
    expect(html).toContain('Be at the dock by');
    expect(html).toContain('Rosa Exampleton');
    expect(html).not.toMatch(/\$\s?\d|840|289|revenue|profit/i);
    expect(await h.runtime.deps.crew.store.get(h.tenant.id, id, 'jules')).toEqual(before);
  });

  it('confirms, then changes to a decline with a reason; both answers are kept and announced', async () => {
    h = await startHarness();
    const id = await bookAndRun();
    const link = outbox(h.dataDir).find((m) => m.to === 'marco')?.link as string;

    const confirmed = await answer(link, { answer: 'confirm' });
    const declined = await answer(link, { answer: 'decline', reason: 'Sick <b>kid</b>' });

    expect(confirmed.status).toBe(303);
    expect(declined.status).toBe(303);
    const assignment = await h.runtime.deps.crew.store.get(h.tenant.id, id, 'marco');
    expect(assignment?.state).toBe('declined');
    expect(assignment?.history.map((e) => [e.action, e.reason ?? null])).toEqual([
      ['issued', null],
      ['confirmed', null],
      ['declined', 'Sick <b>kid</b>'],
    ]);
    const events = h.events
      .filter((e) => e.type === 'crew_confirmed' || e.type === 'crew_declined')
      .map((e) => e.type);
    expect(events).toEqual(['crew_confirmed', 'crew_declined']);
    const page = await (await fetch(local(link))).text();
    expect(page).toContain('You said you cannot make it');
  });

  it('refuses cross-site posts and posts without the form key, changing nothing', async () => {
    h = await startHarness();
    const id = await bookAndRun();
    const link = outbox(h.dataDir).find((m) => m.to === 'jules')?.link as string;

    const evilOrigin = await answer(
      link,
      { answer: 'confirm' },
      { origin: 'https://evil.example' },
    );
    const evilSite = await answer(link, { answer: 'confirm' }, { 'sec-fetch-site': 'cross-site' });
    const noKey = await fetch(local(link), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'answer=confirm',
    });

    expect([evilOrigin.status, evilSite.status, noKey.status]).toEqual([403, 403, 403]);
    expect((await h.runtime.deps.crew.store.get(h.tenant.id, id, 'jules'))?.state).toBe('pending');
  });

  it('answers tampered, truncated, unknown, other-tenant and expired links with one uniform page', async () => {
    let now = Date.now();
    h = await startHarness({ clock: () => new Date(now) });
    await bookAndRun();
    const link = new URL(outbox(h.dataDir)[0]?.link as string).pathname;
    const token = link.split('/').pop() as string;
    const flipped = token.slice(0, -1) + (token.endsWith('A') ? 'B' : 'A');

    const bad = [
      link.replace(token, flipped),
      link.replace(token, token.slice(0, 20)),
      link.replace(token, 'x'.repeat(43)),
      link.replace('/queen-of-san-diego/', '/keys-reef-runner/'),
      '/crew/queen-of-san-diego',
    ];
    const responses = await Promise.all(bad.map((path) => fetch(`${h.runtime.httpUrl}${path}`)));
    now = Date.parse('2027-06-04T00:00:00Z'); // after the charter and the grace period
    responses.push(await fetch(`${h.runtime.httpUrl}${link}`));

    const bodies = await Promise.all(responses.map((r) => r.text()));
    expect(responses.map((r) => r.status)).toEqual([404, 404, 404, 404, 404, 404]);
    expect(new Set(bodies).size).toBe(1);
    expect(bodies[0]).toContain('Contact the charter company that sent you the link');
    expect(responses[0]?.headers.get('cache-control')).toBe('no-store');
  });

  it('closes answers at the call time and says whom to call', async () => {
    let now = Date.now();
    h = await startHarness({ clock: () => new Date(now) });
    const id = await bookAndRun();
    const link = outbox(h.dataDir).find((m) => m.to === 'jules')?.link as string;
    const page = await (await fetch(local(link))).text();

    now = Date.parse('2027-06-02T15:30:00Z'); // 8:30 local: past the 8:00 call time
    const late = await fetch(local(link), {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: h.runtime.httpUrl },
      body: new URLSearchParams({ form_key: formOf(page).formKey, answer: 'decline' }).toString(),
    });
    const after = await (await fetch(local(link))).text();

    expect(late.status).toBe(303);
    expect((await h.runtime.deps.crew.store.get(h.tenant.id, id, 'jules'))?.state).toBe('pending');
    expect(after).toContain('Answers closed at the call time');
    expect(after).not.toContain('name="form_key"');
  });
});

describe('declines and replacements', () => {
  it('suggests free people with the same role, assigns one, notifies them and releases the decliner', async () => {
    h = await startHarness();
    const id = await bookAndRun();
    const jules = outbox(h.dataDir).find((m) => m.to === 'jules')?.link as string;
    await answer(jules, { answer: 'decline', reason: 'Away' });
    const booking = await h.runtime.store.get(h.tenant.id, id);
    if (!booking) throw new Error('no booking');

    const suggestions = suggestReplacements(
      h.tenant,
      booking,
      'deckhand',
      await h.runtime.store.listByTenant(h.tenant.id),
    );
    expect(suggestions.map((m) => m.id)).toEqual(['kai', 'nina']);

    await assignReplacement(
      h.runtime.store,
      h.tenant,
      id,
      { role: 'deckhand', personId: 'nina' },
      new Date(),
      new Set(['jules']),
    );
    const outcome = await runPipeline(h.tenant, id, h.runtime.deps);

    expect(outcome.booking.assignment.crewIds).toEqual(['marco', 'nina']);
    expect(Object.values(outcome.steps).every((s) => s.status === 'done')).toBe(true);
    const mail = outbox(h.dataDir);
    expect(mail.filter((m) => m.to === 'nina').map((m) => m.kind)).toEqual(['assignment']);
    expect(mail.filter((m) => m.to === 'jules').map((m) => m.kind)).toEqual([
      'assignment',
      'released',
    ]);
    expect((await h.runtime.deps.crew.store.get(h.tenant.id, id, 'jules'))?.state).toBe('replaced');
    expect((await fetch(local(jules))).status).toBe(404);
    const [event] = await h.scan('scc_event');
    expect(event).toMatchObject({ crew_ids: ['marco', 'nina'] });
  });

  it('refuses someone who is on an overlapping charter', async () => {
    h = await startHarness();
    const first = await bookAndRun();
    const second = await h.book('June 2 10am 2h $500 for Ana Ruiz party of 2 #SEED0002');
    await runPipeline(h.tenant, second, h.runtime.deps);

    await expect(
      assignReplacement(
        h.runtime.store,
        h.tenant,
        second,
        { role: 'deckhand', personId: 'jules' },
        new Date(),
        new Set(),
      ),
    ).rejects.toThrow(/already on this or an overlapping charter/);
    expect(first).not.toBe(second);
  });
});

describe('reminders', () => {
  it('reminds an unanswered person once when due, outside quiet hours, and tells ops who is missing', async () => {
    let now = Date.parse('2026-11-26T18:00:00Z'); // 10:00 in San Diego
    h = await startHarness({ clock: () => new Date(now) });
    const id = await bookAndRun();
    await answer(outbox(h.dataDir).find((m) => m.to === 'rosa')?.link as string, {
      answer: 'confirm',
    });

    now += 24 * 60 * 60_000; // the next morning, 10:00: the reminder delay has passed
    const [first, again] = await Promise.all([
      sendDueReminders(h.runtime.deps, h.tenant, new Date(now)),
      sendDueReminders(h.runtime.deps, h.tenant, new Date(now)),
    ]);

    expect([...first, ...again].sort()).toEqual(['jules', 'marco']);
    const reminders = outbox(h.dataDir).filter((m) => m.kind === 'reminder');
    expect(reminders.map((m) => m.to).sort()).toEqual(['jules', 'marco']);
    expect((await fetch(local(reminders[0]?.link as string))).status).toBe(200);
    const event = h.events.find((e) => e.type === 'crew_reminded');
    expect(event?.message).toMatch(/still no answer from/);
    const marco = await h.runtime.deps.crew.store.get(h.tenant.id, id, 'marco');
    expect(marco?.remindersSent).toBe(1);
    // The second reminder is the day before the charter.
    expect(marco?.nextReminderAt).toBe('2027-06-01T16:00:00.000Z');
  });
});

describe('an external SCC reporting answers', () => {
  it('applies an answer posted to /hooks/scc/<tenant> with the service key, and refuses a wrong key', async () => {
    const { createSccAnswerHook } = await import('../../src/crew/scc-answer-hook.ts');
    h = await startHarness();
    const id = await bookAndRun();
    const eventId = (await runPipeline(h.tenant, id, h.runtime.deps)).steps.crew_event.result
      ?.eventId as string;
    const hook = createSccAnswerHook({
      tenants: { list: () => [h.tenant] } as never,
      bookings: h.runtime.store,
      crew: h.runtime.deps.crew.store,
      serviceKey: 'scc-key-123',
      keyHeader: 'X-Service-Key',
      clock: () => new Date(),
    });
    const post = (key: string, body: unknown) =>
      hook.handle({
        method: 'POST',
        path: `/hooks/scc/${h.tenant.id}`,
        query: new URLSearchParams(),
        headers: { 'x-service-key': key },
        body: JSON.stringify(body),
        clientIp: '127.0.0.1',
      });

    const wrong = await post('nope', { event_id: eventId, crew_id: 'kai', answer: 'confirmed' });
    const ok = await post('scc-key-123', {
      event_id: eventId,
      crew_id: 'jules',
      answer: 'declined',
      reason: 'Boat show',
    });
    const unknown = await post('scc-key-123', {
      event_id: 'evt_nope',
      crew_id: 'jules',
      answer: 'confirmed',
    });

    expect(wrong.status).toBe(401);
    expect(ok.status).toBe(200);
    expect(unknown.status).toBe(404);
    const jules = await h.runtime.deps.crew.store.get(h.tenant.id, id, 'jules');
    expect(jules?.history.at(-1)).toMatchObject({
      action: 'declined',
      via: 'hook',
      reason: 'Boat show',
    });
  });
});

describe('crew never see money', () => {
  it('has none of a distinctive booking or close-out amount, or anything computed from them, on any crew-visible output', async () => {
    h = await startHarness();
    const id = await h.book('June 9 9am 3h $8,417.93 for Sam Lee party of 4 #MONEY001');
    const outcome = await runPipeline(h.tenant, id, h.runtime.deps);
    const { booking } = outcome;
    // Closed out with distinctive amounts too (docs/money.md), then the pipeline runs again.
    const { closeOut } = await closeOutCharter(
      { closeOuts: h.runtime.slackPorts.closeOuts, pipeline: h.runtime.deps },
      {
        booking,
        tenant: h.tenant,
        actuals: {
          hours: plannedHours(booking, h.tenant).map((p) => ({ ...p, minutes: p.minutes + 17 })),
          extraCosts: [{ kind: 'fuel', cents: 317_258, note: 'distinctive fuel' }],
          tipsCents: 61_117,
          refundCents: 100_329,
          extraChargeCents: 25_771,
        },
        expectedVersion: 0,
        by: 'cli:test',
        now: new Date(Date.parse(booking.endsAt) + 3_600_000),
      },
    );
    await runPipeline(h.tenant, id, h.runtime.deps);
    const money = [
      booking.price.revenueCents,
      booking.price.costCents,
      booking.price.netCents,
      ...booking.price.lines.map((l) => l.cents),
      closeOut.actual.revenueCents,
      closeOut.actual.costCents,
      closeOut.actual.netCents,
      ...closeOut.actual.lines.map((l) => l.cents),
      317_258,
      61_117,
      100_329,
      25_771,
    ];
    const needles = money.flatMap((cents) => [
      String(cents),
      (cents / 100).toFixed(2),
      (cents / 100).toLocaleString('en-US', { minimumFractionDigits: 2 }),
    ]);
    expect(needles).toContain('8,417.93');
    // The P&L and its CSV (approvers' surfaces) carry the amounts: made before the crew's are read.
    const period = parsePeriod(booking.startsAt.slice(0, 7), new Date(), h.tenant.timezone);
    const report = await loadPlReport(
      { bookings: h.runtime.store, closeOuts: h.runtime.reports.closeOuts },
      h.tenant,
      period,
      new Date(),
    );
    const csv = reportCsv(report, h.tenant.timezone);
    expect(JSON.stringify(report)).toContain(String(booking.price.netCents));
    // A closed-out charter's CSV row carries its actual figures (basis "actual"), not the quote.
    expect(csv).toContain(`${(closeOut.actual.netCents / 100).toFixed(2)},active,actual`);
    expect(needles).toContain('3,172.58');

    const link = outbox(h.dataDir).find((m) => m.to === 'jules')?.link as string;
    const surfaces: Record<string, string> = {
      crewPage: await (await fetch(`${h.runtime.httpUrl}/c/${booking.crewSlug}`)).text(),
      linkPage: await (await fetch(local(link))).text(),
      emails: outbox(h.dataDir)
        .map((m) => m.text)
        .join('\n'),
      sccEvent: JSON.stringify(await h.scan('scc_event')),
      assignments: JSON.stringify(await h.scan('crew_assignment')),
      links: JSON.stringify(await h.scan('crew_link')),
    };
    for (const [surface, text] of Object.entries(surfaces)) {
      for (const needle of needles)
        expect({ surface, found: text.includes(needle) ? needle : null }).toEqual({
          surface,
          found: null,
        });
      expect({ surface, money: /\$\s?\d/.test(text) }).toEqual({ surface, money: false });
    }
  });
});

describe("SCC's presign_upload action", () => {
  it('answers with a presigned POST for the event of an open charter, and refuses one outside the window', async () => {
    let now = Date.parse('2027-06-02T17:00:00Z'); // during the June 2 charter
    h = await startHarness({ clock: () => new Date(now) });
    const id = await h.book(SEED);
    const eventId = (await runPipeline(h.tenant, id, h.runtime.deps)).steps.crew_event.result
      ?.eventId as string;
    const { sccServiceKey } = JSON.parse(readFileSync(join(h.dataDir, 'secrets.json'), 'utf8')) as {
      sccServiceKey: string;
    };
    const presign = () =>
      fetch(`${h.runtime.httpUrl}/scc/${h.tenant.id}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-service-key': sccServiceKey },
        body: JSON.stringify({
          action: 'presign_upload',
          event_id: eventId,
          content_type: 'image/jpeg',
          size: 123_456,
        }),
      });

    const open = await presign();
    now = Date.parse('2027-07-01T00:00:00Z'); // weeks after the trip
    const closed = await presign();

    expect(open.status).toBe(200);
    const body = (await open.json()) as { key: string; fields: Record<string, string> };
    expect(body.key).toMatch(new RegExp(`^uploads/${h.tenant.id}/[A-Z0-9]{8}/`));
    expect(body.fields['Content-Type']).toBe('image/jpeg');
    expect(closed.status).toBe(403);
    expect(((await closed.json()) as { message: string }).message).toMatch(/closed/i);
  });
});
