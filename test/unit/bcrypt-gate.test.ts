/** BcryptGate: one bcrypt check at a time, a bounded queue, and the slot handed on in order. */
import { describe, expect, it } from 'vitest';
import { BcryptGate } from '../../src/scc/service-key-verifier.ts';

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve = () => {};
  const promise = new Promise<void>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

describe('BcryptGate', () => {
  it('runs one task at a time, in arrival order, and says when the queue is full', async () => {
    const gate = new BcryptGate({ maxRunning: 1, maxWaiting: 2 });
    const order: string[] = [];
    const first = deferred();
    const runs = ['a', 'b', 'c'].map((name) =>
      gate.run(async () => {
        order.push(`start ${name}`);
        if (name === 'a') await first.promise;
        order.push(`end ${name}`);
        return name;
      }),
    );

    expect(gate.hasRoom()).toBe(false);
    expect(order).toEqual(['start a']);
    first.resolve();
    expect(await Promise.all(runs)).toEqual(['a', 'b', 'c']);
    expect(order).toEqual(['start a', 'end a', 'start b', 'end b', 'start c', 'end c']);
    expect(gate.hasRoom()).toBe(true);
  });

  it('frees the slot when a task fails', async () => {
    const gate = new BcryptGate({ maxRunning: 1, maxWaiting: 0 });
    await expect(gate.run(async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(gate.hasRoom()).toBe(true);
    expect(await gate.run(async () => 'ok')).toBe('ok');
  });
});
