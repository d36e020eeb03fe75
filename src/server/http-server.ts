/**
 * deckhand's HTTP server: `GET /healthz`, plus the routes mounted on it (the built-in calendar
 * and SCC services, the guest and crew pages). The Slack receiver joins it on the same port.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from '../logging/logger.ts';
import type { TenantRegistry } from '../tenants/tenant-registry.ts';
import {
  jsonResponse,
  readServiceRequest,
  type ServiceRequest,
  type ServiceResponse,
  writeServiceResponse,
} from './service-http.ts';

/** A handler mounted at a path prefix; with `strip`, it sees the path below the prefix. */
export interface Route {
  prefix: string;
  strip?: boolean;
  /**
   * Narrows the route to some paths under its prefix (the full path, before `strip`); the
   * others go on to the next route. Lets a specific route share a prefix with a general one
   * mounted after it, e.g. `/g/<slug>/uploads` before the page site's `/g/`.
   */
  matches?(path: string): boolean;
  handle(request: ServiceRequest): Promise<ServiceResponse>;
  /**
   * Takes the exchange itself instead of `handle` when it returns true: for responses that stay
   * open (the Slack stand-in's server-sent events in local mode).
   */
  stream?(req: IncomingMessage, res: ServerResponse, path: string): boolean;
}

export interface HttpServerDeps {
  tenants: TenantRegistry;
  logger: Logger;
  version: string;
  /** When the process started, for the uptime in /healthz. */
  startedAt?: Date;
  routes?: readonly Route[];
}

function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    ...headers,
  });
  res.end(res.req.method === 'HEAD' ? undefined : text);
}

/** The first route mounted at (and, with `matches`, claiming) a path. */
function findRoute(routes: readonly Route[], path: string): Route | undefined {
  return routes.find(
    (r) =>
      (path === r.prefix || path.startsWith(r.prefix.endsWith('/') ? r.prefix : `${r.prefix}/`)) &&
      (r.matches?.(path) ?? true),
  );
}

/** `GET /healthz`: the version, the tenants and the uptime (the server and the HTTP Lambda). */
export function healthResponse(
  method: string,
  deps: Pick<HttpServerDeps, 'version' | 'tenants'>,
  startedAt: Date,
): ServiceResponse {
  if (method !== 'GET' && method !== 'HEAD') {
    return jsonResponse(
      405,
      { error: 'method_not_allowed', message: 'Use GET /healthz.' },
      { allow: 'GET, HEAD' },
    );
  }
  return jsonResponse(200, {
    status: 'ok',
    version: deps.version,
    tenants: deps.tenants.list().map((t) => t.id),
    uptimeSeconds: Math.round((Date.now() - startedAt.getTime()) / 1000),
  });
}

/**
 * One request through the routes without a socket (the HTTP Lambda): the same matching,
 * `strip`, health check and error answers as the server; the body is already read and
 * size-checked.
 */
export async function handleServiceRequest(
  routes: readonly Route[],
  request: ServiceRequest,
  logger: Logger,
  health?: { version: string; tenants: TenantRegistry; startedAt: Date },
): Promise<ServiceResponse> {
  if (health && request.path === '/healthz')
    return healthResponse(request.method, health, health.startedAt);
  const route = findRoute(routes, request.path);
  if (!route)
    return jsonResponse(404, {
      error: 'not_found',
      message: `Nothing at ${request.method} ${request.path}.`,
    });
  try {
    const path = route.strip ? request.path.slice(route.prefix.length) || '/' : request.path;
    return await route.handle({ ...request, path });
  } catch (error) {
    logger.error({ err: error, path: request.path }, 'request failed');
    return jsonResponse(500, {
      error: 'internal_error',
      message: 'Something went wrong; try again.',
    });
  }
}

/** Builds the request handler (exported for tests that drive it without a socket). */
export function createRequestHandler(
  deps: HttpServerDeps,
): (req: IncomingMessage, res: ServerResponse) => void {
  const startedAt = deps.startedAt ?? new Date();
  return (req, res) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (path === '/healthz') {
      writeServiceResponse(res, healthResponse(req.method ?? 'GET', deps, startedAt));
      return;
    }
    const route = findRoute(deps.routes ?? [], path);
    if (route?.stream?.(req, res, path)) return;
    if (route) {
      void serveRoute(route, req, res, deps.logger);
      return;
    }
    deps.logger.debug({ method: req.method, path }, 'not found');
    sendJson(res, 404, {
      error: 'not_found',
      message: `Nothing at ${req.method} ${path}. Try GET /healthz.`,
    });
  };
}

async function serveRoute(
  route: Route,
  req: IncomingMessage,
  res: ServerResponse,
  logger: Logger,
): Promise<void> {
  try {
    const request = await readServiceRequest(req);
    if (request === 'too_large') {
      sendJson(res, 413, { error: 'too_large', message: 'The request body is too large.' });
      return;
    }
    const path = route.strip ? request.path.slice(route.prefix.length) || '/' : request.path;
    writeServiceResponse(res, await route.handle({ ...request, path }));
  } catch (error) {
    logger.error({ err: error, path: req.url }, 'request failed');
    if (!res.headersSent)
      sendJson(res, 500, { error: 'internal_error', message: 'Something went wrong; try again.' });
    else res.destroy();
  }
}

/** Starts listening; resolves with the server and its bound address. */
export async function startHttpServer(
  deps: HttpServerDeps,
  options: { host: string; port: number },
): Promise<{ server: Server; url: string }> {
  const server = createServer(createRequestHandler(deps));
  // Slack and browsers keep connections alive; do not let them hold a shutdown open.
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return { server, url: `http://${host}:${address.port}` };
}

/** Stops accepting connections and closes idle ones. */
export async function stopHttpServer(server: Server): Promise<void> {
  server.closeIdleConnections();
  await new Promise<void>((resolve, reject) =>
    server.close((error) => (error ? reject(error) : resolve())),
  );
}
