/**
 * The approval pipeline end to end on the embedded stores, the built-in calendar and SCC over
 * real loopback HTTP, and S3: golden money, exactly-once under re-runs, concurrent runners and
 * crashes, transient and permanent failures, changes and cancellations, and concurrency.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { IntakeResult } from '../../src/intake/intake-result.ts';
import { parseIntake } from '../../src/intake/parse-intake.ts';
import { applyChange } from '../../src/pipeline/book-from-intake.ts';
import type { StepName } from '../../src/pipeline/pipeline-step.ts';
import { type PipelineOutcome, runPipeline } from '../../src/pipeline/run-pipeline.ts';
import { findMoneyInRecord } from '../../src/scc/money-scrub.ts';
import { type Harness, startHarness } from '../support/pipeline-harness.ts';

const SEED = 'June 2 9am 3h $840.75 for Sam Lee party of 4 #SEED0001';
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

let h: Harness;
afterEach(async () => {
  await h?.close();
});

function done(outcome: PipelineOutcome): boolean {
  return Object.values(outcome.steps).every((s) => s.status === 'done');
}

describe('the seed example', () => {
  beforeEach(async () => {
    h = await startHarness();
  });

  it('writes the golden money to the calendar and leaves none on the crew event', async () => {
    const id = await h.book(SEED);

    const outcome = await runPipeline(h.tenant, id, h.runtime.deps);

    expect(done(outcome)).toBe(true);
    expect(outcome.booking.status).toBe('active');
    const [entry] = await h.scan('calendar_entry');
    expect(entry).toMatchObject({
      start: '2027-06-02T16:00:00.000Z', // 9:00 in San Diego, a real instant
      durationMinutes: 180,
      metadata: {
        revenue: 840.75,
        port_fee: 151.34,
        captain_cost: 150,
        crew_cost: 250,
        net_profit: 289.41,
      },
    });
    const [event] = await h.scan('scc_event');
    expect(event).toBeDefined();
    expect(findMoneyInRecord(event)).toEqual([]);
    expect(event).not.toHaveProperty('revenue');
    expect(event).not.toHaveProperty('crew_rate');
  });

  it('serves the guest page through the CloudFront Function, and the crew page without money', async () => {
    const id = await h.book(SEED);
    const { booking } = await runPipeline(h.tenant, id, h.runtime.deps);

    const guest = await fetch(`${h.runtime.httpUrl}/g/${booking.guestSlug.toLowerCase()}/`);
    const crew = await fetch(`${h.runtime.httpUrl}/c/${booking.crewSlug}`);
    const wrongFolder = await fetch(`${h.runtime.httpUrl}/c/${booking.guestSlug}`);

    expect(guest.status).toBe(200);
    expect(await guest.text()).toContain('Welcome aboard, Sam');
    expect(crew.status).toBe(200);
    expect(crew.headers.get('referrer-policy')).toBe('no-referrer');
    const crewHtml = await crew.text();
    expect(crewHtml).not.toMatch(/\$\s?\d|840|289|151\.34|revenue|profit/i);
    expect(wrongFolder.status).toBe(404);

    // The calendar feed is shareable: the charter, but none of its money.
    const feedUrl = h.runtime.calendarFeedUrl(h.tenant) as string;
    const feed = await (await fetch(feedUrl)).text();
    expect(feed).toContain('BEGIN:VEVENT');
    expect(feed).not.toMatch(/840|289\.41|151\.34/);
    expect((await fetch(feedUrl.replace(/\/[^/]+\.ics$/, '/wrong-secret.ics'))).status).toBe(404);
  });
});

describe('exactly once', () => {
  beforeEach(async () => {
    h = await startHarness();
  });

  it('creates nothing new when the same booking runs twice, or is booked twice', async () => {
    const id = await h.book(SEED);
    await runPipeline(h.tenant, id, h.runtime.deps);
    const again = await h.book(SEED);

    const second = await runPipeline(h.tenant, again, h.runtime.deps);

    expect(again).toBe(id);
    expect(done(second)).toBe(true);
    expect(await h.counts()).toEqual({
      calendarEntries: 1,
      sccEvents: 1,
      guestObjects: 2,
      crewObjects: 1,
    });
  });

  it('runs each step once when two runners start together', async () => {
    const id = await h.book(SEED);

    const [a, b] = await Promise.all([
      runPipeline(h.tenant, id, h.runtime.deps),
      runPipeline(h.tenant, id, h.runtime.deps),
    ]);
    // Whichever runner lost a claim leaves that step to the other; a third run sees all done.
    const after = await runPipeline(h.tenant, id, h.runtime.deps);

    expect(done(after)).toBe(true);
    expect(await h.counts()).toEqual({
      calendarEntries: 1,
      sccEvents: 1,
      guestObjects: 2,
      crewObjects: 1,
    });
    const starts = h.events.filter((e) => e.type === 'step_started').map((e) => e.step);
    expect(starts.sort()).toEqual([
      'calendar_entry',
      'crew_event',
      'crew_notify',
      'crew_page',
      'guest_page',
      'revenue_scrub',
    ]);
    expect(a.booking.bookingId).toBe(b.booking.bookingId);
  });

  it('books one booking when the same email is approved ten times at once', async () => {
    const ids = await Promise.all(Array.from({ length: 10 }, () => h.book(SEED)));
    expect(new Set(ids).size).toBe(1);
  });
});

describe('a runner killed after each step', () => {
  const steps: StepName[] = [
    'guest_page',
    'crew_page',
    'calendar_entry',
    'crew_event',
    'revenue_scrub',
  ];

  it.each(steps)(
    'after %s did its work, a new runner resumes with no duplicates',
    async (victim) => {
      h = await startHarness({ leaseMs: 150 });
      const id = await h.book(SEED);
      // The runner "dies" right after the step's side effect, before recording it: its claim
      // stays with a lease, exactly what a SIGKILL leaves behind.
      const store = h.runtime.deps.store;
      const dying = new Proxy(store, {
        get(target, property, receiver) {
          if (property === 'completeStep') {
            return async (...args: Parameters<typeof store.completeStep>) => {
              if (args[2] === victim) throw new Error('killed');
              return target.completeStep(...args);
            };
          }
          const value = Reflect.get(target, property, receiver);
          return typeof value === 'function' ? value.bind(target) : value;
        },
      });
      await expect(runPipeline(h.tenant, id, { ...h.runtime.deps, store: dying })).rejects.toThrow(
        'killed',
      );
      await sleep(250); // the dead runner's lease runs out; its other steps have finished

      const resumed = await runPipeline(h.tenant, id, h.runtime.deps);
      const final = done(resumed) ? resumed : await runPipeline(h.tenant, id, h.runtime.deps);

      expect(done(final)).toBe(true);
      expect(await h.counts()).toEqual({
        calendarEntries: 1,
        sccEvents: 1,
        guestObjects: 2,
        crewObjects: 1,
      });
      expect(findMoneyInRecord((await h.scan('scc_event'))[0])).toEqual([]);
    },
  );
});

describe('failures of external calls', () => {
  beforeEach(async () => {
    h = await startHarness();
  });

  it.each([
    ['calendar', '/dashboard/', 'calendar_entry'],
    ['SCC', '/scc/', 'crew_event'],
  ] as const)(
    'retries a %s that fails twice with 503, then succeeds once',
    async (_name, path, step) => {
      let failures = 0;
      h.setFetchHook(async (url) => {
        if (url.includes(path) && failures < 2) {
          failures += 1;
          return new Response('{"error":"unavailable"}', { status: 503 });
        }
        return undefined;
      });
      const id = await h.book(SEED);

      const outcome = await runPipeline(h.tenant, id, h.runtime.deps);

      expect(done(outcome)).toBe(true);
      expect(h.events.filter((e) => e.type === 'step_retrying' && e.step === step)).toHaveLength(2);
      expect(await h.counts()).toEqual({
        calendarEntries: 1,
        sccEvents: 1,
        guestObjects: 2,
        crewObjects: 1,
      });
    },
  );

  it('retries S3 throttling and finishes the pages', async () => {
    let failures = 0;
    h.setS3Hook(async (command) => {
      if (command === 'PutObjectCommand' && failures < 2) {
        failures += 1;
        throw Object.assign(new Error('Slow Down'), {
          name: 'SlowDown',
          $metadata: { httpStatusCode: 503 },
        });
      }
    });
    const id = await h.book(SEED);

    expect(done(await runPipeline(h.tenant, id, h.runtime.deps))).toBe(true);
    expect(failures).toBe(2);
  });

  it('stops a step on a permanent failure with a reason, leaves the others done, and retry finishes it', async () => {
    h.setFetchHook(async (url) =>
      url.includes('/scc/')
        ? new Response('{"error":"invalid","message":"crew_ids: unknown crew member"}', {
            status: 422,
          })
        : undefined,
    );
    const id = await h.book(SEED);

    const failed = await runPipeline(h.tenant, id, h.runtime.deps);

    expect(failed.steps.crew_event.status).toBe('failed');
    expect(failed.steps.crew_event.error).toContain('unknown crew member');
    expect(failed.steps.revenue_scrub.status).toBe('waiting');
    expect(failed.steps.guest_page.status).toBe('done');
    expect(failed.booking.status).toBe('approved');
    expect(h.events.filter((e) => e.type === 'step_retrying')).toHaveLength(0);

    // Someone fixes the cause; deckhand retry resets the step and runs what is left.
    h.setFetchHook(undefined);
    expect(await h.runtime.store.resetFailedSteps(h.tenant.id, id, new Date())).toEqual([
      'crew_event',
    ]);
    const retried = await runPipeline(h.tenant, id, h.runtime.deps);
    expect(done(retried)).toBe(true);
    expect(await h.counts()).toEqual({
      calendarEntries: 1,
      sccEvents: 1,
      guestObjects: 2,
      crewObjects: 1,
    });
  });

  it('gives up on a transient failure that does not go away, and a later run picks it up', async () => {
    h.setFetchHook(async (url) =>
      url.includes('/dashboard/') ? new Response('busy', { status: 503 }) : undefined,
    );
    const id = await h.book(SEED);

    const first = await runPipeline(h.tenant, id, h.runtime.deps);
    expect(first.steps.calendar_entry.status).toBe('failed');

    h.setFetchHook(undefined);
    const later = await runPipeline(h.tenant, id, h.runtime.deps);
    expect(done(later)).toBe(true);
    expect((await h.counts()).calendarEntries).toBe(1);
  });
});

describe('changes', () => {
  beforeEach(async () => {
    h = await startHarness();
  });

  async function change(text: string): Promise<IntakeResult> {
    return parseIntake(text, {
      now: new Date('2026-11-26T15:00:00Z'),
      timeZone: h.tenant.timezone,
      source: 'command',
    });
  }

  it('re-runs only what a change affects, keeping the slugs, the entry and the event', async () => {
    const id = await h.book(SEED);
    const before = await runPipeline(h.tenant, id, h.runtime.deps);
    h.events.length = 0;

    const moved = { ...(await change('June 2 1pm 3h #SEED0001')), kind: 'modification' as const };
    const { changed } = await applyChange(h.runtime.store, h.tenant, moved, new Date());
    const after = await runPipeline(h.tenant, id, h.runtime.deps);

    expect(changed).toEqual(['startLocal']);
    expect(done(after)).toBe(true);
    expect(after.booking.guestSlug).toBe(before.booking.guestSlug);
    expect(after.steps.calendar_entry.result).toEqual(before.steps.calendar_entry.result);
    expect(after.steps.crew_event.result).toEqual(before.steps.crew_event.result);
    const [entry] = await h.scan('calendar_entry');
    expect(entry).toMatchObject({ start: '2027-06-02T20:00:00.000Z', revision: 1 });
    expect(await h.counts()).toEqual({
      calendarEntries: 1,
      sccEvents: 1,
      guestObjects: 2,
      crewObjects: 1,
    });

    // A party-size change touches the pages, and the crew are told; nothing else runs.
    h.events.length = 0;
    await applyChange(
      h.runtime.store,
      h.tenant,
      { ...(await change('party of 6 #SEED0001')), kind: 'modification' },
      new Date(),
    );
    await runPipeline(h.tenant, id, h.runtime.deps);
    const rerun = h.events.filter((e) => e.type === 'step_started').map((e) => e.step);
    expect(rerun.sort()).toEqual(['crew_notify', 'crew_page', 'guest_page']);
  });

  it('tears down on cancellation: notice page, cancelled entry and event', async () => {
    const id = await h.book(SEED);
    const { booking } = await runPipeline(h.tenant, id, h.runtime.deps);

    const cancellation = { ...(await change('#SEED0001')), kind: 'cancellation' as const };
    await applyChange(h.runtime.store, h.tenant, cancellation, new Date());
    const after = await runPipeline(h.tenant, id, h.runtime.deps);

    expect(done(after)).toBe(true);
    expect(after.booking.status).toBe('cancelled');
    const page = await fetch(`${h.runtime.httpUrl}/g/${booking.guestSlug}`);
    expect(await page.text()).toContain('This charter has been cancelled');
    const crewPage = await fetch(`${h.runtime.httpUrl}/c/${booking.crewSlug}`);
    expect(await crewPage.text()).toContain('You are not needed for this charter any more');
    expect((await h.scan('calendar_entry'))[0]).toMatchObject({ status: 'cancelled' });
    expect((await h.scan('scc_event'))[0]).toMatchObject({ status: 'cancelled' });
  });
});

describe('concurrency', () => {
  it('adds about one call of latency, not five, when every external call takes 200 ms', async () => {
    h = await startHarness();
    const latency = 200;
    let delay = 0;
    h.setFetchHook(async () => {
      await sleep(delay);
      return undefined;
    });
    h.setS3Hook(() => sleep(delay));
    const timeRun = async (text: string): Promise<number> => {
      const id = await h.book(text);
      const started = performance.now();
      const outcome = await runPipeline(h.tenant, id, h.runtime.deps);
      expect(done(outcome)).toBe(true);
      return performance.now() - started;
    };
    // Baseline in the same run: the same work (the built-in services' own processing, DynamoDB)
    // without injected latency. A warm-up run first, so neither measurement pays for it.
    await timeRun('June 3 9am 3h $500 for Warm Up party of 2 #WARM0001');
    const baseline = await timeRun('June 4 9am 3h $840.75 for Sam Lee party of 4 #BASE0001');
    delay = latency;
    const slowed = await timeRun('June 5 9am 3h $840.75 for Sam Lee party of 4 #SLOW0001');

    // Every step makes at most one external call and independent steps run at once, so the
    // slowest chain holds one call: the latency should add about 200 ms. In series the five
    // calls would add at least 1,000 ms. The bound sits between the two with room for a busy
    // machine (CI shares its cores); `npm run bench` measures the real figure against its bound.
    const added = slowed - baseline;
    console.info(
      `pipeline: ${Math.round(baseline)} ms without latency, ${Math.round(slowed)} ms with ${latency} ms per external call (+${Math.round(added)} ms)`,
    );
    expect(added).toBeLessThan(latency * 4);
  });
});
