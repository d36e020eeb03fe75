/**
 * A transport-neutral HTTP exchange for deckhand's built-in services, so the same handler runs
 * behind node:http locally and behind a Lambda function URL on AWS.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';

export interface ServiceRequest {
  method: string;
  /** Path without the query string, e.g. "/api/calendar". */
  path: string;
  query: URLSearchParams;
  /** Lower-cased header names. */
  headers: Readonly<Record<string, string | undefined>>;
  /** Raw body (already size-limited by the transport). */
  body: string;
  /** The client's address, for rate limiting. */
  clientIp: string;
}

export interface ServiceResponse {
  status: number;
  headers?: Record<string, string>;
  body: string;
  /** `base64`: `body` is binary (an image) in base64; the transport sends the bytes. */
  bodyEncoding?: 'base64';
}

/** A JSON response with the headers every API answer carries. */
export function jsonResponse(
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): ServiceResponse {
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

/** Requests larger than this are refused before they are read. */
export const MAX_BODY_BYTES = 256 * 1024;

/** How much of an over-limit body is read and thrown away before the connection is cut. */
const MAX_DISCARDED_BYTES = 16 * 1024 * 1024;

/** Reads a node:http request into a ServiceRequest, refusing bodies over `limit` bytes. */
export async function readServiceRequest(
  req: IncomingMessage,
  limit = MAX_BODY_BYTES,
): Promise<ServiceRequest | 'too_large'> {
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
    clientIp: req.socket.remoteAddress ?? 'unknown',
  };
}

/** Writes a ServiceResponse to a node:http response. */
export function writeServiceResponse(res: ServerResponse, response: ServiceResponse): void {
  const body =
    response.bodyEncoding === 'base64' ? Buffer.from(response.body, 'base64') : response.body;
  res.writeHead(response.status, {
    'content-length': Buffer.byteLength(body),
    ...response.headers,
  });
  res.end(body);
}
