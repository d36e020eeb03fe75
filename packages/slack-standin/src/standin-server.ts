/** The stand-in's HTTP server (node:http, 127.0.0.1 only): `/api/` and `/response-url/`. */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

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

/** How much of an over-limit body is read and thrown away before the connection is cut. */
const MAX_DISCARDED_BYTES = 16 * 1024 * 1024;

/** Reads a node:http request, refusing bodies over `limit` bytes. */
export async function readStandInRequest(
  req: IncomingMessage,
  limit = MAX_BODY_BYTES,
): Promise<StandInRequest | 'too_large'> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) {
      // Leaving the loop would destroy the socket, and the client would see a reset instead of
      // the 413. Read the rest without keeping it, up to a bound, so the refusal arrives.
      if (size > limit + MAX_DISCARDED_BYTES) {
        req.destroy();
        return 'too_large';
      }
      continue;
    }
    chunks.push(chunk as Buffer);
  }
  if (size > limit) return 'too_large';
  const url = new URL(req.url ?? '/', 'http://localhost');
  const headers: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(req.headers))
    headers[name] = Array.isArray(value) ? value.join(', ') : value;
  return {
    method: req.method ?? 'GET',
    path: url.pathname,
    query: url.searchParams,
    headers,
    body: Buffer.concat(chunks).toString('utf8'),
  };
}

/** A JSON answer that no cache keeps. */
export function jsonResponse(
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): StandInResponse {
  return {
    status,
    headers: {
      'content-type': 'application/json; charset=utf-8',
      'cache-control': 'no-store',
      ...headers,
    },
    body: JSON.stringify(body),
  };
}

function write(res: ServerResponse, response: StandInResponse): void {
  res.writeHead(response.status, {
    'content-length': Buffer.byteLength(response.body),
    ...response.headers,
  });
  res.end(response.body);
}

async function serve(handler: StandInHandler, req: IncomingMessage, res: ServerResponse) {
  try {
    const request = await readStandInRequest(req);
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

/**
 * Listens on 127.0.0.1 (a free port unless given); resolves with the server and its base URL.
 * `raw` is tried first with the unread request (the file upload and download routes).
 */
export async function listen(
  handler: StandInHandler,
  port = 0,
  /** Tried first with the raw request (byte-carrying routes); true when it answered. */
  raw?: (req: IncomingMessage, res: ServerResponse, path: string) => boolean,
): Promise<{ server: Server; baseUrl: string }> {
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (raw?.(req, res, path)) return;
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
