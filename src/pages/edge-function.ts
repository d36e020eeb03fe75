/**
 * Runs deckhand's CloudFront Function (edge/cloudfront-viewer-request.js) locally, so the local
 * server maps /g/<slug> and /c/<slug> to S3 keys with the very code CloudFront runs. The file is
 * read and compiled once; each request gets a fresh node:vm context holding only what the
 * cloudfront-js-2.0 runtime offers a function that uses no modules: the ECMAScript built-ins
 * and `console`, with string code generation (eval, new Function) and WebAssembly disabled as
 * they are at the edge. The event has the shape CloudFront passes to a viewer-request function.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import vm from 'node:vm';
import { PACKAGE_ROOT } from '../package-root.ts';

/** Where the function's source lives, from the repository root. */
export const EDGE_FUNCTION_FILE = join(PACKAGE_ROOT, 'edge', 'cloudfront-viewer-request.js');

/** One query-string parameter, header or cookie as CloudFront Functions represent it. */
export interface EdgeValue {
  value: string;
  multiValue?: { value: string }[] | undefined;
}

export type EdgeValues = Record<string, EdgeValue>;

/** The request object of a viewer-request event (and what the handler returns). */
export interface EdgeRequest {
  method: string;
  uri: string;
  querystring: EdgeValues;
  headers: EdgeValues;
  cookies: EdgeValues;
}

/** A viewer-request event, as documented for CloudFront Functions (event version 1.0). */
export interface ViewerRequestEvent {
  version: '1.0';
  context: {
    distributionDomainName: string;
    distributionId: string;
    eventType: 'viewer-request';
    requestId: string;
  };
  viewer: { ip: string };
  request: EdgeRequest;
}

export interface ViewerRequestOptions {
  method?: string | undefined;
  /** Header names are lower-cased, as CloudFront does. */
  headers?: Record<string, string> | undefined;
  cookies?: Record<string, string> | undefined;
  ip?: string | undefined;
  /** Receives what the function writes with console.log (discarded by default). */
  log?: ((line: string) => void) | undefined;
}

/** How long loading the function may take before it is stopped. */
const LOAD_TIMEOUT_MS = 1_000;

/** Compiled once; evaluating it in a context defines `handler` there and yields it. */
const script = new vm.Script(`${readFileSync(EDGE_FUNCTION_FILE, 'utf8')}\n;handler;\n`, {
  filename: EDGE_FUNCTION_FILE,
});

/**
 * Parses a raw query string (`a=1&b=2&b=3`, with or without the leading `?`) into CloudFront's
 * shape. Names and values are kept as sent, still percent-encoded; a repeated name gets
 * `multiValue` with every value in order, and `value` holds the first.
 */
export function parseEdgeQuerystring(raw: string): EdgeValues {
  const result: EdgeValues = {};
  const text = raw.startsWith('?') ? raw.slice(1) : raw;
  if (text === '') return result;
  for (const pair of text.split('&')) {
    if (pair === '') continue;
    const eq = pair.indexOf('=');
    const name = eq === -1 ? pair : pair.slice(0, eq);
    const value = eq === -1 ? '' : pair.slice(eq + 1);
    const existing = Object.hasOwn(result, name) ? result[name] : undefined;
    if (existing === undefined) {
      setOwn(result, name, { value });
    } else {
      existing.multiValue ??= [{ value: existing.value }];
      existing.multiValue.push({ value });
    }
  }
  return result;
}

/** Sets an own property, even for names like `__proto__` that plain assignment treats specially. */
function setOwn(target: EdgeValues, name: string, value: EdgeValue): void {
  Object.defineProperty(target, name, {
    value,
    enumerable: true,
    writable: true,
    configurable: true,
  });
}

function toEdgeValues(values: Record<string, string> | undefined, lowerCase: boolean): EdgeValues {
  const result: EdgeValues = {};
  for (const [name, value] of Object.entries(values ?? {})) {
    setOwn(result, lowerCase ? name.toLowerCase() : name, { value });
  }
  return result;
}

/** Builds the viewer-request event CloudFront would pass for `uri`. */
export function buildViewerRequestEvent(
  uri: string,
  querystring: string | EdgeValues = {},
  options: ViewerRequestOptions = {},
): ViewerRequestEvent {
  return {
    version: '1.0',
    context: {
      distributionDomainName: 'd111111abcdef8.cloudfront.net',
      distributionId: 'EDECKHANDLOCAL',
      eventType: 'viewer-request',
      requestId: 'deckhand-local',
    },
    viewer: { ip: options.ip ?? '127.0.0.1' },
    request: {
      method: options.method ?? 'GET',
      uri,
      querystring:
        typeof querystring === 'string'
          ? parseEdgeQuerystring(querystring)
          : structuredClone(querystring),
      headers: toEdgeValues(options.headers, true),
      cookies: toEdgeValues(options.cookies, false),
    },
  };
}

/**
 * A fresh context holding what the cloudfront-js-2.0 runtime gives a function without modules:
 * the ECMAScript built-ins and `console` (its output goes to `log`, if given). As at the edge,
 * eval and new Function are unavailable, and so are require, process, Buffer and timers.
 */
export function createEdgeContext(log?: (line: string) => void): vm.Context {
  return vm.createContext(
    { console: { log: (...args: unknown[]) => log?.(args.map(String).join(' ')) } },
    { codeGeneration: { strings: false, wasm: false } },
  );
}

function isEdgeRequest(value: unknown): value is EdgeRequest {
  if (typeof value !== 'object' || value === null) return false;
  const r = value as Record<string, unknown>;
  return (
    typeof r['uri'] === 'string' &&
    typeof r['method'] === 'string' &&
    typeof r['querystring'] === 'object' &&
    typeof r['headers'] === 'object' &&
    typeof r['cookies'] === 'object'
  );
}

/**
 * Runs the viewer-request function for one request and returns the request it hands on to the
 * origin (for deckhand's pages: the S3 key is `uri` without its leading slash).
 *
 * @example (await runViewerRequest('/g/k7qm2xd/')).uri // '/g/K7QM2XD.html'
 */
export async function runViewerRequest(
  uri: string,
  querystring: string | EdgeValues = {},
  options: ViewerRequestOptions = {},
): Promise<EdgeRequest> {
  const event = buildViewerRequestEvent(uri, querystring, options);
  const context = createEdgeContext(options.log);
  const handler: unknown = script.runInContext(context, { timeout: LOAD_TIMEOUT_MS });
  if (typeof handler !== 'function') {
    throw new Error(`${EDGE_FUNCTION_FILE} does not define a function named handler`);
  }
  const returned: unknown = await (handler as (e: ViewerRequestEvent) => unknown)(event);
  if (!isEdgeRequest(returned)) {
    throw new Error(
      `${EDGE_FUNCTION_FILE} returned something other than a request for ${JSON.stringify(uri)}`,
    );
  }
  // A plain copy in this realm: the handler may have built objects inside the vm context.
  return JSON.parse(JSON.stringify(returned)) as EdgeRequest;
}
