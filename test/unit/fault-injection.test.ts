/** DECKHAND_FAULTS: the rule syntax, the refusals, and how the injector applies a rule. */
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/config.ts';
import { ConfigError } from '../../src/errors.ts';
import { faultyFetch } from '../../src/faults/fault-adapters.ts';
import { FaultInjector } from '../../src/faults/fault-injector.ts';
import { describeFaultRule, type FaultRule } from '../../src/faults/fault-rules.ts';

function problemsOf(env: Record<string, string | undefined>): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return [...error.problems];
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('DECKHAND_FAULTS', () => {
  it('is off by default', () => {
    expect(loadConfig({}).faults).toEqual([]);
  });

  it('reads the compact form and JSON alike', () => {
    const compact = loadConfig({
      DECKHAND_FAULTS:
        'calendar:POST=transient*2; s3:PutObject~c/=permanent\ndynamodb:UpdateItem~STEP#crew_event~REMOVE leaseOwner=kill@after*1;slack:chat.update=slow:300',
    }).faults;
    expect(compact).toEqual([
      { target: 'calendar', operation: 'POST', kind: 'transient', times: 2 },
      { target: 's3', operation: 'PutObject', match: ['c/'], kind: 'permanent' },
      {
        target: 'dynamodb',
        operation: 'UpdateItem',
        match: ['STEP#crew_event', 'REMOVE leaseOwner'],
        kind: 'kill',
        after: true,
        times: 1,
      },
      { target: 'slack', operation: 'chat.update', kind: 'slow', ms: 300 },
    ]);
    expect(compact.map(describeFaultRule)).toEqual([
      'calendar:POST=transient*2',
      's3:PutObject~c/=permanent',
      'dynamodb:UpdateItem~STEP#crew_event~REMOVE leaseOwner=kill@after*1',
      'slack:chat.update=slow:300',
    ]);
    const json = loadConfig({
      DECKHAND_FAULTS: JSON.stringify(compact),
    }).faults;
    expect(json).toEqual(compact);
  });

  it('says what is wrong with each bad rule', () => {
    expect(problemsOf({ DECKHAND_FAULTS: 'calender=transient' })).toEqual([
      'DECKHAND_FAULTS[0].target: target must be one of calendar, scc, s3, dynamodb, slack',
    ]);
    expect(problemsOf({ DECKHAND_FAULTS: 'scc=explode' })[0]).toContain(
      'kind must be one of slow, transient, permanent, timeout, kill',
    );
    expect(problemsOf({ DECKHAND_FAULTS: 'scc transient' })[0]).toContain(
      'write TARGET[:OPERATION][~MATCH]=KIND',
    );
    expect(problemsOf({ DECKHAND_FAULTS: '[{"target":"scc"' })[0]).toMatch(
      /^DECKHAND_FAULTS: is not valid JSON/,
    );
    expect(problemsOf({ DECKHAND_FAULTS: '[{"target":"scc","kind":"slow","oops":1}]' })[0]).toMatch(
      /oops/,
    );
  });

  it('is refused in production, on Lambda and against remote stores', () => {
    const refusal =
      'DECKHAND_FAULTS: fault injection is for local runs and tests only, not production, Lambda or remote stores: unset DECKHAND_FAULTS';
    for (const extra of [
      { NODE_ENV: 'production' },
      { AWS_LAMBDA_FUNCTION_NAME: 'deckhand-api' },
      { DYNAMODB_ENDPOINT: 'https://dynamodb.us-east-1.amazonaws.com' },
    ]) {
      expect(problemsOf({ DECKHAND_FAULTS: 'scc=transient', ...extra })).toEqual([refusal]);
    }
    expect(
      loadConfig({ DECKHAND_FAULTS: 'scc=transient', DYNAMODB_ENDPOINT: 'http://127.0.0.1:8000' })
        .faults,
    ).toHaveLength(1);
  });
});

describe('the fault injector', () => {
  const rule = (r: FaultRule) => [r];
  const call = (operation: string, path: string) => ({
    target: 'calendar' as const,
    operation,
    describe: () => `${operation} ${path}`,
    hangMs: 50,
  });
  const fail = (kind: string) => {
    throw new Error(kind);
  };

  it('applies a rule to the first N matching calls, then lets calls through', async () => {
    const injector = new FaultInjector(
      rule({
        target: 'calendar',
        operation: 'POST',
        match: ['/entries'],
        kind: 'transient',
        times: 2,
      }),
    );
    let made = 0;
    const run = async () => {
      made += 1;
      return 'ok';
    };
    await expect(injector.apply(call('GET', '/entries'), run, fail)).resolves.toBe('ok');
    await expect(injector.apply(call('POST', '/other'), run, fail)).resolves.toBe('ok');
    await expect(injector.apply(call('POST', '/entries'), run, fail)).rejects.toThrow('transient');
    await expect(injector.apply(call('POST', '/entries'), run, fail)).rejects.toThrow('transient');
    await expect(injector.apply(call('POST', '/entries'), run, fail)).resolves.toBe('ok');
    expect(made).toBe(3);
    expect(injector.fired.map((f) => f.rule)).toEqual([
      'calendar:POST~/entries=transient*2',
      'calendar:POST~/entries=transient*2',
    ]);
    expect(injector.targets('calendar')).toBe(false);
  });

  it('makes the call first with @after, and kills through the kill hook', async () => {
    const kills: number[] = [];
    const injector = new FaultInjector(
      [
        { target: 'calendar', kind: 'permanent', after: true, times: 1 },
        { target: 'calendar', kind: 'kill', after: true, times: 1 },
      ],
      { kill: () => kills.push(1) },
    );
    let made = 0;
    const run = async () => {
      made += 1;
      return 'ok';
    };
    await expect(injector.apply(call('POST', '/x'), run, fail)).rejects.toThrow('permanent');
    expect(made).toBe(1);
    const killed = injector.apply(call('POST', '/x'), run, fail);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(made).toBe(2);
    expect(kills).toEqual([1]);
    void killed; // never settles: the process is gone
  });

  it('delays slow calls and hangs timeouts until the caller gives up', async () => {
    const injector = new FaultInjector([
      { target: 'calendar', kind: 'slow', ms: 80, times: 1 },
      { target: 'calendar', kind: 'timeout', times: 1 },
    ]);
    const started = Date.now();
    await injector.apply(call('GET', '/'), async () => 'ok', fail);
    expect(Date.now() - started).toBeGreaterThanOrEqual(75);
    const fetched = faultyFetch(injector, 'calendar', async () => new Response('{}'));
    const signal = AbortSignal.timeout(60);
    await expect(fetched('http://127.0.0.1:1/x', { signal })).rejects.toMatchObject({
      name: 'TimeoutError',
    });
  });

  it('answers 503 for a transient fault and 422 saying what to do for a permanent one', async () => {
    const injector = new FaultInjector([
      { target: 'scc', kind: 'transient', times: 1 },
      { target: 'scc', kind: 'permanent', times: 1 },
    ]);
    const fetched = faultyFetch(injector, 'scc', async () => new Response('{}'));
    expect((await fetched('http://127.0.0.1:1/scc', { method: 'POST' })).status).toBe(503);
    const permanent = await fetched('http://127.0.0.1:1/scc', { method: 'POST' });
    expect(permanent.status).toBe(422);
    expect(await permanent.text()).toContain('remove the rule from DECKHAND_FAULTS');
    expect((await fetched('http://127.0.0.1:1/scc', { method: 'POST' })).status).toBe(200);
  });
});
