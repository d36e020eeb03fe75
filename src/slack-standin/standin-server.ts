/** The stand-in's HTTP server (node:http, 127.0.0.1 only): `/api/` and `/response-url/`. */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readServiceRequest } from '../server/service-http.ts';

/** A request as the stand-in's routes see it. */
export interface StandInRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  /** Lower-cased header names. */
  headers: Readonly<Record<string, string | undefined>>;
  body: string;
}

export interface StandInResponse {
  status: number;
  headers?: Record<string, string>;
  body: string;
}

export type StandInHandler = (
  request: StandInRequest,
) => StandInResponse | Promise<StandInResponse>;

/** Slack refuses bodies over a few megabytes; the stand-in stops well before memory suffers. */
const MAX_BODY_BYTES = 5 * 1024 * 1024;

function write(res: ServerResponse, response: StandInResponse): void {
  res.writeHead(response.status, {
    'content-length': Buffer.byteLength(response.body),
    ...response.headers,
  });
  res.end(response.body);
}

async function serve(handler: StandInHandler, req: IncomingMessage, res: ServerResponse) {
  try {
    const request = await readServiceRequest(req, MAX_BODY_BYTES);
    if (request === 'too_large') {
      write(res, { status: 413, body: 'request body too large' });
      return;
    }
    write(res, await handler(request));
  } catch (error) {
    // A bug in the stand-in: say so loudly rather than answer like Slack.
    const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
    if (!res.headersSent)
      write(res, {
        status: 500,
        headers: { 'content-type': 'text/plain; charset=utf-8' },
        body: `Slack stand-in failed: ${message}`,
      });
    else res.destroy();
  }
}

/** Listens on 127.0.0.1 (a free port unless given); resolves with the server and its base URL. */
export async function listen(
  handler: StandInHandler,
  port = 0,
): Promise<{ server: Server; baseUrl: string }> {
  const server = createServer((req, res) => {
    void serve(handler, req, res);
  });
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port: bound } = server.address() as AddressInfo;
  return { server, baseUrl: `http://127.0.0.1:${bound}` };
}

/** Stops listening and drops idle keep-alive connections so close does not hang. */
export async function stop(server: Server): Promise<void> {
  server.closeIdleConnections();
  await new Promise<void>((resolve, reject) =>
    server.close((error) => (error ? reject(error) : resolve())),
  );
}
