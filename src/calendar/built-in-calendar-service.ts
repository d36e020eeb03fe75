/**
 * The built-in calendar, used when DASHBOARD_URL is not set: the Dashboard contract
 * (POST/PUT/DELETE /api/calendar) plus a shareable ICS feed per calendar at
 * GET /calendar/{calendarId}/{feedSecret}.ics. Transport-neutral: `handle` takes a ServiceRequest.
 */

import { ConfigError } from '../errors.ts';
import type { Logger } from '../logging/logger.ts';
import { constantTimeEqual } from '../server/constant-time-equal.ts';
import { entityIdSuffix } from '../server/entity-id.ts';
import { errorResponse } from '../server/error-response.ts';
import type { IdempotencyStore } from '../server/idempotency-store.ts';
import { parseJsonRequest } from '../server/parse-json-request.ts';
import { respondIdempotently } from '../server/respond-idempotently.ts';
import { jsonResponse, type ServiceRequest, type ServiceResponse } from '../server/service-http.ts';
import { type CalendarEntryRequest, calendarEntryRequestSchema } from './calendar-contract.ts';
import type { CalendarEntryFields, CalendarStore, StoredCalendarEntry } from './calendar-store.ts';
import { renderIcsFeed } from './ics-feed.ts';

export interface BuiltInCalendarServiceOptions {
  /** The token callers send as `Bearer <token>` (DASHBOARD_TOKEN). */
  token: string;
  /** Header carrying the token (default x-dashboard-token; matched case-insensitively). */
  tokenHeader?: string;
  store: CalendarStore;
  idempotency: IdempotencyStore;
  /** The tenant that owns a calendar id, or undefined when no tenant does. */
  resolveTenantByCalendarId(calendarId: string): string | undefined;
  /** The secret in a calendar's feed URL, or undefined to serve no feed for it. */
  feedSecretFor(calendarId: string): string | undefined;
  /** The feed's display name (default: the calendar id). */
  calendarNameFor?(calendarId: string): string;
  now?: () => number;
  maxBodyBytes?: number;
  logger?: Pick<Logger, 'error'>;
}

const ENTRY_PATH = /^\/api\/calendar\/([^/]+)$/;
const FEED_PATH = /^\/calendar\/([^/]+)\/([^/]+)\.ics$/;

export class BuiltInCalendarService {
  readonly #options: BuiltInCalendarServiceOptions;
  readonly #tokenHeader: string;
  readonly #expectedAuth: string;
  readonly #now: () => number;
  readonly #maxBodyBytes: number;

  constructor(options: BuiltInCalendarServiceOptions) {
    if (options.token.trim() === '') {
      throw new ConfigError('The built-in calendar settings', [
        'DASHBOARD_TOKEN must not be empty',
      ]);
    }
    this.#options = options;
    this.#tokenHeader = (options.tokenHeader ?? 'x-dashboard-token').toLowerCase();
    this.#expectedAuth = `Bearer ${options.token}`;
    this.#now = options.now ?? Date.now;
    this.#maxBodyBytes = options.maxBodyBytes ?? 64 * 1024;
  }

  async handle(request: ServiceRequest): Promise<ServiceResponse> {
    try {
      return await this.#route(request);
    } catch (error) {
      this.#options.logger?.error({ err: error, path: request.path }, 'built-in calendar failed');
      return errorResponse(
        500,
        'internal_error',
        'The calendar could not complete the request; try again.',
      );
    }
  }

  async #route(request: ServiceRequest): Promise<ServiceResponse> {
    if (request.path === '/api/calendar') {
      if (request.method !== 'POST') return methodNotAllowed('POST');
      return this.#authenticated(request, () => this.#create(request));
    }
    const entryMatch = ENTRY_PATH.exec(request.path);
    if (entryMatch) {
      const id = decodeSegment(entryMatch[1] ?? '');
      if (request.method !== 'PUT' && request.method !== 'DELETE')
        return methodNotAllowed('PUT, DELETE');
      if (id === undefined) return entryNotFound();
      return this.#authenticated(request, () =>
        request.method === 'PUT' ? this.#update(request, id) : this.#cancel(request, id),
      );
    }
    const feedMatch = FEED_PATH.exec(request.path);
    if (feedMatch) {
      if (request.method !== 'GET') return methodNotAllowed('GET');
      return this.#feed(decodeSegment(feedMatch[1] ?? ''), decodeSegment(feedMatch[2] ?? ''));
    }
    return errorResponse(404, 'not_found', `Nothing at ${request.method} ${request.path}.`);
  }

  async #authenticated(
    request: ServiceRequest,
    next: () => Promise<ServiceResponse>,
  ): Promise<ServiceResponse> {
    const sent = request.headers[this.#tokenHeader];
    if (sent === undefined || !constantTimeEqual(sent, this.#expectedAuth)) {
      return errorResponse(
        401,
        'unauthorized',
        `Send the calendar token as "${this.#tokenHeader}: Bearer <token>".`,
        {
          'www-authenticate': 'Bearer',
        },
      );
    }
    return next();
  }

  async #create(request: ServiceRequest): Promise<ServiceResponse> {
    const parsed = parseJsonRequest(request, calendarEntryRequestSchema, this.#maxBodyBytes);
    if (!parsed.ok) return parsed.response;
    const entry = parsed.value;
    const tenantId = this.#options.resolveTenantByCalendarId(entry.calendar_id);
    if (tenantId === undefined) return unknownCalendar(entry.calendar_id);
    const scope = `calendar:${tenantId}:create`;
    return respondIdempotently(this.#options.idempotency, request, scope, entry, async (key) => {
      const at = new Date(this.#now()).toISOString();
      const id = `${tenantId}.${entityIdSuffix(scope, key)}`;
      await this.#options.store.put({
        tenantId,
        id,
        ...fieldsOf(entry),
        status: 'scheduled',
        revision: 0,
        createdAt: at,
        updatedAt: at,
      });
      // put refusing a duplicate means this key already created the entry: same answer.
      return jsonResponse(201, { id });
    });
  }

  async #update(request: ServiceRequest, id: string): Promise<ServiceResponse> {
    const parsed = parseJsonRequest(request, calendarEntryRequestSchema, this.#maxBodyBytes);
    if (!parsed.ok) return parsed.response;
    const entry = parsed.value;
    const tenantId = this.#options.resolveTenantByCalendarId(entry.calendar_id);
    if (tenantId === undefined) return unknownCalendar(entry.calendar_id);
    // Ids start with their tenant; another tenant's entry is reported as missing, not forbidden.
    if (tenantOf(id) !== tenantId) return entryNotFound();
    const scope = `calendar:${tenantId}:update`;
    return respondIdempotently(
      this.#options.idempotency,
      request,
      scope,
      { id, entry },
      async () => {
        const result = await this.#options.store.update(
          tenantId,
          id,
          fieldsOf(entry),
          new Date(this.#now()).toISOString(),
        );
        if (result === 'missing') return entryNotFound();
        if (result === 'cancelled') {
          return errorResponse(
            409,
            'entry_cancelled',
            `Calendar entry "${id}" is cancelled; create a new entry instead.`,
          );
        }
        return jsonResponse(200, { id });
      },
    );
  }

  async #cancel(request: ServiceRequest, id: string): Promise<ServiceResponse> {
    const tenantId = tenantOf(id);
    if (tenantId === undefined) return entryNotFound();
    const scope = `calendar:${tenantId}:cancel`;
    return respondIdempotently(this.#options.idempotency, request, scope, { id }, async () => {
      const cancelled = await this.#options.store.markCancelled(
        tenantId,
        id,
        new Date(this.#now()).toISOString(),
      );
      if (cancelled === undefined) return entryNotFound();
      return jsonResponse(200, { id, status: 'cancelled' });
    });
  }

  async #feed(
    calendarId: string | undefined,
    secret: string | undefined,
  ): Promise<ServiceResponse> {
    const tenantId =
      calendarId === undefined ? undefined : this.#options.resolveTenantByCalendarId(calendarId);
    const expected =
      calendarId === undefined || tenantId === undefined
        ? undefined
        : this.#options.feedSecretFor(calendarId);
    // Compare even when there is nothing to compare with, so timing does not tell which calendars exist.
    const matches = constantTimeEqual(secret ?? '', expected ?? '\u0000no feed');
    if (
      !matches ||
      expected === undefined ||
      expected === '' ||
      calendarId === undefined ||
      tenantId === undefined
    ) {
      return errorResponse(
        404,
        'not_found',
        'No calendar feed at this address; ask for the current feed link.',
      );
    }
    const entries = await this.#options.store.listByCalendar(tenantId, calendarId);
    const body = renderIcsFeed(
      entries.filter((e: StoredCalendarEntry) => e.status !== 'cancelled'),
      this.#options.calendarNameFor?.(calendarId) ?? calendarId,
    );
    return {
      status: 200,
      headers: {
        'content-type': 'text/calendar; charset=utf-8',
        'cache-control': 'no-store',
        'x-content-type-options': 'nosniff',
        // The URL is the secret: keep it out of search engines and Referer headers.
        'x-robots-tag': 'noindex',
        'referrer-policy': 'no-referrer',
      },
      body,
    };
  }
}

function fieldsOf(entry: CalendarEntryRequest): CalendarEntryFields {
  return {
    calendarId: entry.calendar_id,
    title: entry.title,
    start: new Date(entry.start).toISOString(),
    durationMinutes: entry.duration_minutes,
    metadata: entry.metadata,
  };
}

/** Entry ids are `<tenantId>.<suffix>`; tenant ids have no dots. */
function tenantOf(id: string): string | undefined {
  const dot = id.indexOf('.');
  return dot > 0 ? id.slice(0, dot) : undefined;
}

function decodeSegment(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}

function methodNotAllowed(allow: string): ServiceResponse {
  return errorResponse(405, 'method_not_allowed', `Use ${allow} here.`, { allow });
}

function entryNotFound(): ServiceResponse {
  return errorResponse(404, 'not_found', 'No such calendar entry.');
}

function unknownCalendar(calendarId: string): ServiceResponse {
  return errorResponse(
    400,
    'unknown_calendar',
    `calendar_id "${calendarId.slice(0, 200)}" is not a tenant's calendar; use the calendarId from the tenants file.`,
  );
}
