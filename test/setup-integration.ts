/**
 * Integration tests talk to servers they start on 127.0.0.1. A request to anywhere else is a
 * bug in the test: fail it loudly rather than let it reach (or wait on) the network.
 */
import { beforeAll } from 'vitest';

beforeAll(() => {
  const realFetch = globalThis.fetch;
  globalThis.fetch = (input, init) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    if (url.hostname !== '127.0.0.1' && url.hostname !== 'localhost') {
      return Promise.reject(new Error(`integration tests may only call loopback, not ${url.host}`));
    }
    return realFetch(input, init);
  };
});
