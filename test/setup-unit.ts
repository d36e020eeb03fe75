/** Unit tests never reach the network: nock refuses every connection, loopback included. */
import nock from 'nock';
import { afterAll, beforeAll } from 'vitest';

beforeAll(() => {
  if (!nock.isActive()) nock.activate();
  nock.disableNetConnect();
});

afterAll(() => {
  nock.cleanAll();
  nock.enableNetConnect();
  // Take the interceptors out, so nothing else running in this worker inherits them.
  nock.restore();
});
