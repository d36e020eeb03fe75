/** The real calendar adapter: speaks the seed's Dashboard calendar API over fetch. */
import { ConfigError } from '../errors.ts';
import { PermanentError } from '../external-errors.ts';
import { isHeaderSafe } from '../http-client/header-value.ts';
import { type JsonCall, sendJson } from '../http-client/send-json.ts';
import {
  type CalendarClient,
  type CalendarEntryRequest,
  calendarEntryRequestSchema,
  calendarEntryResponseSchema,
} from './calendar-contract.ts';

export interface DashboardCalendarClientOptions {
  /** DASHBOARD_URL, e.g. https://dashboard.internal (a path prefix is kept). */
  baseUrl: string;
  /** DASHBOARD_TOKEN; sent as `Bearer <token>`. */
  token: string;
  /** The seed's accounts disagree on the header name, so it is configurable. */
  tokenHeader?: string;
  timeoutMs?: number;
  fetch?: typeof globalThis.fetch;
}

const SERVICE = 'calendar';

/** Creates, updates and cancels calendar entries. Single-shot: the pipeline runner retries. */
export class DashboardCalendarClient implements CalendarClient {
  readonly #baseUrl: string;
  readonly #token: string;
  readonly #tokenHeader: string;
  readonly #timeoutMs: number;
  readonly #fetch: typeof globalThis.fetch;

  constructor(options: DashboardCalendarClientOptions) {
    const problems: string[] = [];
    if (!/^https?:\/\//i.test(options.baseUrl))
      problems.push('DASHBOARD_URL must be an http(s) URL');
    if (!isHeaderSafe(options.token)) {
      problems.push('DASHBOARD_TOKEN must be non-empty printable ASCII (it travels in a header)');
    }
    const tokenHeader = options.tokenHeader ?? 'X-Dashboard-Token';
    if (!/^[A-Za-z0-9-]{1,64}$/.test(tokenHeader)) {
      problems.push('DASHBOARD_TOKEN_HEADER must be an HTTP header name');
    }
    if (problems.length > 0) throw new ConfigError('The calendar client settings', problems);
    this.#baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.#token = options.token;
    this.#tokenHeader = tokenHeader;
    this.#timeoutMs = options.timeoutMs ?? 5000;
    this.#fetch = options.fetch ?? globalThis.fetch;
  }

  async createEntry(entry: CalendarEntryRequest, idempotencyKey: string): Promise<{ id: string }> {
    const body = validateEntry(entry);
    const reply = await sendJson(
      this.#call(
        'POST',
        '/api/calendar',
        idempotencyKey,
        body,
        'the calendar API was not found: check DASHBOARD_URL',
      ),
    );
    return parseId(reply.json);
  }

  async updateEntry(
    id: string,
    entry: CalendarEntryRequest,
    idempotencyKey: string,
  ): Promise<{ id: string }> {
    const body = validateEntry(entry);
    const reply = await sendJson(
      this.#call('PUT', entryPath(id), idempotencyKey, body, `calendar entry "${id}" not found`),
    );
    // A dashboard may answer an update with 204 and no body; the id does not change.
    return reply.json === undefined ? { id } : parseId(reply.json);
  }

  async cancelEntry(id: string, idempotencyKey: string): Promise<void> {
    // 404: the entry is already gone, which is what cancelling wants.
    await sendJson(this.#call('DELETE', entryPath(id), idempotencyKey, undefined, 'ok'));
  }

  #call(
    method: JsonCall['method'],
    path: string,
    idempotencyKey: string,
    body: unknown,
    notFound: string,
  ): JsonCall {
    if (!isHeaderSafe(idempotencyKey) || idempotencyKey.length > 255) {
      throw new PermanentError(
        SERVICE,
        'the idempotency key must be 1-255 printable ASCII characters',
      );
    }
    const headers: Record<string, string> = {
      [this.#tokenHeader]: `Bearer ${this.#token}`,
      'Idempotency-Key': idempotencyKey,
      Accept: 'application/json',
    };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    return {
      service: SERVICE,
      fetch: this.#fetch,
      method,
      url: `${this.#baseUrl}${path}`,
      headers,
      body,
      timeoutMs: this.#timeoutMs,
      secret: this.#token,
      rejectedCredential: {
        what: 'token',
        setting: 'DASHBOARD_TOKEN',
        hint: `Set DASHBOARD_TOKEN to the dashboard's token, and DASHBOARD_TOKEN_HEADER if it expects a header other than ${this.#tokenHeader}.`,
      },
      notFound,
    };
  }
}

function entryPath(id: string): string {
  if (id === '') throw new PermanentError(SERVICE, 'a calendar entry id is needed');
  return `/api/calendar/${encodeURIComponent(id)}`;
}

function validateEntry(entry: CalendarEntryRequest): CalendarEntryRequest {
  const parsed = calendarEntryRequestSchema.safeParse(entry);
  if (!parsed.success) {
    const problems = parsed.error.issues.map(
      (i) => `${i.path.join('.') || '(body)'}: ${i.message}`,
    );
    throw new PermanentError(SERVICE, `the calendar entry is invalid: ${problems.join('; ')}`);
  }
  return parsed.data;
}

function parseId(json: unknown): { id: string } {
  const parsed = calendarEntryResponseSchema.safeParse(json);
  if (!parsed.success) {
    throw new PermanentError(SERVICE, 'answered without the entry id ({"id": "..."} expected)');
  }
  return { id: parsed.data.id };
}
