/**
 * Imported first by every bench process: hides the AWS SDK's Node-22 notice, as bin/deckhand.js
 * does, and refuses any fetch that is not to loopback, as the integration tests do.
 */
process.removeAllListeners('warning');
process.on('warning', (warning) => {
  if (!String(warning.message).includes('NodeVersionSupportWarning'))
    console.warn(`${warning.name}: ${warning.message}`);
});

const realFetch = globalThis.fetch;
globalThis.fetch = (input, init) => {
  const url = new URL(input instanceof Request ? input.url : String(input));
  if (url.hostname !== '127.0.0.1' && url.hostname !== 'localhost')
    return Promise.reject(new Error(`the benchmark may only call loopback, not ${url.host}`));
  return realFetch(input, init);
};
