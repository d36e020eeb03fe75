/**
 * The start-up baseline: the smallest server started the way deckhand is (Node with the tsx
 * loader), answering GET /healthz on 127.0.0.1 with a free port. What is left of deckhand's
 * time to ready after this is deckhand's own start-up.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

const server = createServer((req, res) => {
  const ok = req.url === '/healthz';
  res.writeHead(ok ? 200 : 404, { 'content-type': 'application/json' });
  res.end(ok ? '{"status":"ok"}' : '{}');
});
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(
    `baseline is listening on http://127.0.0.1:${(server.address() as AddressInfo).port}\n`,
  );
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
