/** Builds ServiceRequests for driving the built-in services without a socket. */
import type { ServiceRequest } from '../../src/server/service-http.ts';

export function serviceRequest(
  method: string,
  path: string,
  options: { body?: unknown; headers?: Record<string, string>; clientIp?: string } = {},
): ServiceRequest {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(options.headers ?? {}))
    headers[name.toLowerCase()] = value;
  return {
    method,
    path,
    query: new URLSearchParams(),
    headers,
    body:
      options.body === undefined
        ? ''
        : typeof options.body === 'string'
          ? options.body
          : JSON.stringify(options.body),
    clientIp: options.clientIp ?? '203.0.113.7',
  };
}
