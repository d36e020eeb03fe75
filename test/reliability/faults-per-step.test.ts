/**
 * Faults, step by step: each pipeline step's own external calls made slow, failing transiently
 * (before the call, and after it took effect with the answer lost), timing out, and failing for
 * good. The pipeline must end right — retried to completion, or stopped with a permanent error
 * that says what to fix and then finished by a retry — and every side effect must exist exactly
 * once: the calendar entry, the SCC event, the three page objects, one email and one
 * "crew_notified" event per person. Faults come from DECKHAND_FAULTS rules (src/faults/).
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { FaultRule } from '../../src/faults/fault-rules.ts';
import type { StepName } from '../../src/pipeline/pipeline-step.ts';
import { type PipelineOutcome, runPipeline } from '../../src/pipeline/run-pipeline.ts';
import { findMoneyInRecord } from '../../src/scc/money-scrub.ts';
import { type Harness, startHarness } from '../support/pipeline-harness.ts';

const SEED = 'June 2 9am 3h $840.75 for Sam Lee party of 4 #SEED0001';
/** The seed's captain and two crew. */
const PEOPLE = 3;

/** The calls each step makes, as a rule's target, operation and match. */
const CALLS: Record<StepName, Pick<FaultRule, 'target' | 'operation' | 'match'>> = {
  guest_page: { target: 's3', operation: 'PutObject', match: ['/g/'] },
  crew_page: { target: 's3', operation: 'PutObject', match: ['/c/'] },
  calendar_entry: { target: 'calendar', operation: 'POST' },
  crew_event: { target: 'scc', operation: 'POST' },
  // The built-in SCC's record is deckhand's own table: the scrub is a DynamoDB update.
  // Matches name the item's key, so the step_failed record that quotes the rule is not hit.
  revenue_scrub: {
    target: 'dynamodb',
    operation: 'UpdateItem',
    match: ['#SCC#', '"sk":{"S":"EVENT"}'],
  },
  // The assignment records (the emails go to the outbox, which is not an external call).
  crew_notify: { target: 'dynamodb', operation: 'PutItem', match: ['"sk":{"S":"CREW#'] },
};

/**
 * Fault shapes that retries must absorb: the runner tries a step 4 times here (the harness's 3
 * retries), and the SDK makes 3 attempts of each S3 and DynamoDB call.
 */
const RECOVERABLE: [string, Omit<FaultRule, 'target' | 'operation' | 'match'>][] = [
  ['slow (400 ms)', { kind: 'slow', ms: 400 }],
  ['failing transiently 3 times', { kind: 'transient', times: 3 }],
  ['failing after the call took effect', { kind: 'transient', after: true, times: 1 }],
  ['timing out once', { kind: 'timeout', times: 1 }],
];

let h: Harness;
afterEach(async () => {
  await h?.close();
});

function done(outcome: PipelineOutcome): boolean {
  return outcome.complete && Object.values(outcome.steps).every((s) => s.status === 'done');
}

async function expectEachSideEffectOnce(): Promise<void> {
  expect(await h.counts()).toEqual({
    calendarEntries: 1,
    sccEvents: 1,
    guestObjects: 2,
    crewObjects: 1,
  });
  expect(h.outbox()).toHaveLength(PEOPLE);
  expect(h.events.filter((e) => e.type === 'crew_notified')).toHaveLength(PEOPLE);
  expect(findMoneyInRecord((await h.scan('scc_event'))[0])).toEqual([]);
}

describe.each(Object.keys(CALLS) as StepName[])('the %s step', (step) => {
  it.each(RECOVERABLE)(
    'with its call %s: finishes, each side effect once',
    async (_name, shape) => {
      const rule = { ...CALLS[step], ...shape } as FaultRule;
      // A timeout without `ms` hangs until the caller's own timeout (the services' 5 s); the
      // SDK has none locally, so its calls hang 1 s and then fail as a socket timeout would.
      if (rule.kind === 'timeout' && (rule.target === 's3' || rule.target === 'dynamodb'))
        rule.ms = 1_000;
      h = await startHarness({ env: { DECKHAND_FAULTS: JSON.stringify([rule]) } });
      const id = await h.book(SEED);

      const outcome = await runPipeline(h.tenant, id, h.runtime.deps);

      expect(h.runtime.faults.fired.length).toBeGreaterThan(0);
      expect(outcome.steps[step]).toMatchObject({ status: 'done', error: null });
      expect(done(outcome)).toBe(true);
      expect(outcome.booking.status).toBe('active');
      await expectEachSideEffectOnce();
    },
  );

  it('failing for good: stops with what to fix; a retry after the fix finishes', async () => {
    const rule = { ...CALLS[step], kind: 'permanent' } as FaultRule;
    h = await startHarness({ env: { DECKHAND_FAULTS: JSON.stringify([rule]) } });
    const id = await h.book(SEED);

    const failed = await runPipeline(h.tenant, id, h.runtime.deps);

    expect(failed.steps[step].status).toBe('failed');
    expect(failed.steps[step].error).toContain('remove the rule from DECKHAND_FAULTS');
    expect(failed.booking.status).toBe('approved');
    const failure = h.events.find((e) => e.type === 'step_failed' && e.step === step);
    expect(failure?.detail).toEqual({ permanent: true });
    // Tried once: a permanent failure is not retried.
    expect(h.events.filter((e) => e.type === 'step_retrying' && e.step === step)).toEqual([]);
    // Steps that do not depend on it are done; the ones that do are still waiting.
    for (const [name, status] of Object.entries(failed.steps)) {
      if (name === step) continue;
      if (step === 'crew_event' && (name === 'revenue_scrub' || name === 'crew_notify'))
        expect(status.status).toBe('waiting');
      else expect(status.status).toBe('done');
    }

    // The operator fixes the cause, then retries (what `deckhand retry` and Slack's Retry do).
    h.runtime.faults.setRules([]);
    await h.runtime.store.resetFailedSteps(h.tenant.id, id, new Date());
    const retried = await runPipeline(h.tenant, id, h.runtime.deps);

    expect(done(retried)).toBe(true);
    expect(retried.booking.status).toBe('active');
    await expectEachSideEffectOnce();
  });
});
