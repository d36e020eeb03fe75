/**
 * Applies fault rules (./fault-rules.ts) to external calls. Each adapter (./fault-adapters.ts,
 * the Slack stand-in's Web API) describes its call and says what a failure looks like there;
 * this class decides which rule applies and does the waiting, counting and killing. With no
 * rules it only answers `targets()` with false, so the adapters cost nothing by default.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { describeFaultRule, type FaultRule, type FaultTarget } from './fault-rules.ts';

export interface FaultCall<T> {
  target: FaultTarget;
  /** HTTP method, SDK command name without "Command", or Slack method. */
  operation: string;
  /** What rules' `match` substrings are looked for in; called only when a rule needs it. */
  describe(): string;
  /** The caller's abort signal: a timeout hangs until it fires (as a real hang would). */
  signal?: AbortSignal | undefined;
  /** How long a timeout hangs when the rule gives no `ms` and no signal fires first. */
  hangMs: number;
  /** Releases an answer the caller will not see (an HTTP body), after an `@after` fault. */
  discard?(value: T): Promise<void>;
}

/** What the failure looks like at this adapter: a fake answer, or a thrown error. */
export type FaultFailure<T> = (
  kind: 'transient' | 'permanent' | 'timeout',
  message: string,
) => T | Promise<T>;

export interface FiredFault {
  rule: string;
  target: FaultTarget;
  operation: string;
  at: number;
}

const MAX_FIRED = 10_000;

export class FaultInjector {
  #rules: { rule: FaultRule; remaining: number }[] = [];
  readonly #kill: () => void;
  readonly #onFault: ((fired: FiredFault) => void) | undefined;
  /** Every fault applied, oldest first (the last 10 000): tests check their faults fired. */
  readonly fired: FiredFault[] = [];

  constructor(
    rules: readonly FaultRule[] = [],
    options: { kill?: () => void; onFault?: (fired: FiredFault) => void } = {},
  ) {
    this.#kill = options.kill ?? (() => process.kill(process.pid, 'SIGKILL'));
    this.#onFault = options.onFault;
    this.setRules(rules);
  }

  /** Replaces the rules (tests script one scenario after another in the same process). */
  setRules(rules: readonly FaultRule[]): void {
    this.#rules = rules.map((rule) => ({
      rule,
      remaining: rule.times ?? Number.POSITIVE_INFINITY,
    }));
  }

  /** Whether any rule may still apply to calls of this target. */
  targets(target: FaultTarget): boolean {
    return this.#rules.some((r) => r.rule.target === target && r.remaining > 0);
  }

  /** Runs the call through the first rule that matches it, or unchanged. */
  async apply<T>(call: FaultCall<T>, run: () => Promise<T>, fail: FaultFailure<T>): Promise<T> {
    const entry = this.#pick(call);
    if (!entry) return run();
    const { rule } = entry;
    entry.remaining -= 1;
    const described = describeFaultRule(rule);
    const fired = {
      rule: described,
      target: call.target,
      operation: call.operation,
      at: Date.now(),
    };
    this.fired.push(fired);
    if (this.fired.length > MAX_FIRED) this.fired.shift();
    this.#onFault?.(fired);

    if (rule.kind === 'slow') {
      if (!rule.after) await sleep(rule.ms ?? 1_000);
      const value = await run();
      if (rule.after) await sleep(rule.ms ?? 1_000);
      return value;
    }
    if (rule.after) {
      const value = await run();
      await call.discard?.(value);
    }
    if (rule.kind === 'kill') {
      this.#kill();
      // SIGKILL ends the process before this settles; a test's kill() may return instead.
      return new Promise<T>(() => undefined);
    }
    if (rule.kind === 'timeout') await hang(rule.ms ?? call.hangMs, call.signal);
    return fail(
      rule.kind,
      `injected ${rule.kind} fault (DECKHAND_FAULTS rule ${described}${rule.after ? ', after the call was made' : ''})`,
    );
  }

  #pick<T>(call: FaultCall<T>): { rule: FaultRule; remaining: number } | undefined {
    let description: string | undefined;
    for (const entry of this.#rules) {
      const { rule } = entry;
      if (entry.remaining <= 0 || rule.target !== call.target) continue;
      if (rule.operation && rule.operation.toLowerCase() !== call.operation.toLowerCase()) continue;
      if (rule.match) {
        description ??= call.describe();
        const text = description;
        if (!rule.match.every((m) => text.includes(m))) continue;
      }
      return entry;
    }
    return undefined;
  }
}

/** Waits `ms`, or less when the signal aborts first (the caller's own timeout). */
async function hang(ms: number, signal: AbortSignal | undefined): Promise<void> {
  if (signal?.aborted) return;
  await sleep(ms, undefined, signal ? { signal } : {}).catch(() => undefined);
}
