/**
 * One JSON call to an external service, sorted into success, TransientError or PermanentError,
 * so each client only says what its endpoints mean. Single-shot: retrying is the caller's job.
 */
import { isTransientStatus, PermanentError, TransientError } from '../external-errors.ts';
import { parseRetryAfter } from './retry-after.ts';

export interface JsonCall {
  /** Names the service in every error, e.g. "calendar". */
  service: string;
  fetch: typeof globalThis.fetch;
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  url: string;
  headers: Record<string, string>;
  /** Sent as JSON when present. */
  body?: unknown;
  timeoutMs: number;
  /** The credential sent, only so it can be cut out of any text a service echoes back. */
  secret: string;
  /** What a 401/403 tells the operator to check, e.g. "token: check DASHBOARD_TOKEN". */
  rejectedCredential: { what: string; setting: string; hint: string };
  /** Message for a 404, or 'ok' when a 404 is an acceptable answer (DELETE of a gone entry). */
  notFound: string | 'ok';
}

export interface JsonReply {
  status: number;
  /** The parsed body; undefined when the body was empty. */
  json: unknown;
}

const MAX_SERVICE_MESSAGE = 300;

/** Sends the call and reads the answer. Throws TransientError or PermanentError on failure. */
export async function sendJson(call: JsonCall): Promise<JsonReply> {
  const target = describeTarget(call);
  const signal = AbortSignal.timeout(call.timeoutMs);
  const init: RequestInit = {
    method: call.method,
    headers: call.headers,
    signal,
    // Redirects would carry the credential header to wherever they point.
    redirect: 'manual',
  };
  if (call.body !== undefined) init.body = JSON.stringify(call.body);

  let response: Response;
  let text: string;
  try {
    // Raced against the signal as well, so a fetch that ignores it (a mock, a custom agent)
    // still cannot outlive the timeout.
    response = await untilAborted(call.fetch(call.url, init), signal);
    text = await untilAborted(response.text(), signal);
  } catch (error) {
    if (signal.aborted) {
      const message = `did not answer within ${call.timeoutMs} ms (${target})`;
      throw new TransientError(call.service, message, { cause: error });
    }
    throw new TransientError(
      call.service,
      `could not be reached (${target}): ${redact(describeNetworkError(error), call.secret)}`,
      { cause: error },
    );
  }

  const { status } = response;
  if (status >= 200 && status < 300) return { status, json: parseJson(text, call, target) };
  if (status === 404 && call.notFound === 'ok') return { status, json: undefined };

  const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'), Date.now());
  const detail = serviceMessage(text, call.secret);
  // A 409 with Retry-After is deckhand's built-in services saying "the same request is still
  // in progress": worth retrying, unlike a real conflict.
  if (isTransientStatus(status) || (status === 409 && retryAfterMs !== undefined)) {
    const wait =
      retryAfterMs === undefined ? '' : `; retry after ${Math.ceil(retryAfterMs / 1000)} s`;
    throw new TransientError(
      call.service,
      `answered HTTP ${status} (${target})${detail ? `: ${detail}` : ''}${wait}`,
      retryAfterMs === undefined ? {} : { retryAfterMs },
    );
  }
  throw permanentFor(status, detail, call, target, response.headers.get('location'));
}

function permanentFor(
  status: number,
  detail: string,
  call: JsonCall,
  target: string,
  location: string | null,
): PermanentError {
  const suffix = detail ? `: ${detail}` : '';
  if (status === 401 || status === 403) {
    const { what, setting, hint } = call.rejectedCredential;
    return new PermanentError(
      call.service,
      `the service rejected the ${what} (HTTP ${status}, ${target}): check ${setting}`,
      { status, hint },
    );
  }
  if (status === 404 && call.notFound !== 'ok') {
    return new PermanentError(call.service, `${call.notFound} (HTTP 404, ${target})`, { status });
  }
  if (status >= 300 && status < 400) {
    const where = location ? ` to ${redact(truncateText(location, 200), call.secret)}` : '';
    return new PermanentError(call.service, `redirected${where} (HTTP ${status}, ${target})`, {
      status,
      hint: 'Point the service URL at the final address; deckhand does not follow redirects.',
    });
  }
  if (status === 400 || status === 422) {
    return new PermanentError(
      call.service,
      `refused the request (HTTP ${status}, ${target})${suffix}`,
      {
        status,
      },
    );
  }
  return new PermanentError(call.service, `answered HTTP ${status} (${target})${suffix}`, {
    status,
  });
}

function parseJson(text: string, call: JsonCall, target: string): unknown {
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new PermanentError(call.service, `answered with a body that is not JSON (${target})`, {
      cause: error,
    });
  }
}

/** The service's own words about a failure: its JSON `message`/`error`, or its text. */
function serviceMessage(text: string, secret: string): string {
  let message = text;
  try {
    const parsed: unknown = JSON.parse(text);
    if (parsed && typeof parsed === 'object') {
      const record = parsed as Record<string, unknown>;
      const nested = record['error'];
      const candidates = [
        record['message'],
        typeof nested === 'object' && nested !== null
          ? (nested as Record<string, unknown>)['message']
          : nested,
        record['detail'],
      ];
      const found = candidates.find((c): c is string => typeof c === 'string' && c.trim() !== '');
      if (found !== undefined) {
        const code = typeof nested === 'string' && nested !== found ? `${nested}: ` : '';
        message = `${code}${found}`;
      }
    }
  } catch {
    // Not JSON: the text itself is the message.
  }
  // One line, no control characters: it ends up in logs and Slack.
  const clean = message
    // biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point.
    .replace(/[\u0000-\u001f\u007f]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return truncateText(redact(clean, secret), MAX_SERVICE_MESSAGE);
}

function truncateText(text: string, max: number): string {
  if (text.length <= max) return text;
  let cut = text.slice(0, max - 1);
  if (/[\uD800-\uDBFF]$/.test(cut)) cut = cut.slice(0, -1);
  return `${cut}…`;
}

function redact(text: string, secret: string): string {
  return secret.length >= 4 ? text.split(secret).join('[redacted]') : text;
}

/** "POST https://host/path", without the query string (it may carry secrets). */
function describeTarget(call: JsonCall): string {
  try {
    const url = new URL(call.url);
    return `${call.method} ${url.origin}${url.pathname}`;
  } catch {
    return call.method;
  }
}

function describeNetworkError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause as { code?: unknown; message?: unknown } | undefined;
  const code = typeof cause?.code === 'string' ? cause.code : undefined;
  const causeMessage = typeof cause?.message === 'string' ? cause.message : undefined;
  return [error.message, code ?? causeMessage].filter(Boolean).join(': ');
}

/** Settles with `promise`, or rejects with the signal's reason as soon as it aborts. */
function untilAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    if (signal.aborted) onAbort();
    else signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}
