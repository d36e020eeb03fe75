/**
 * The built-in SCC, used when SCC_URL is not set: one POST endpoint dispatching on `action`
 * (create_event, patch_event, get_event), authenticated by a service key checked against a
 * bcrypt hash. One instance serves one tenant (mounted at /scc/<tenantId>), so nothing crosses
 * tenants. Transport-neutral: `handle` takes a ServiceRequest.
 */
import type { Logger } from '../logging/logger.ts';
import { entityIdSuffix } from '../server/entity-id.ts';
import { errorResponse } from '../server/error-response.ts';
import { FailedAttemptLimiter } from '../server/failed-attempt-limiter.ts';
import type { IdempotencyStore } from '../server/idempotency-store.ts';
import { parseJsonRequest } from '../server/parse-json-request.ts';
import { respondIdempotently } from '../server/respond-idempotently.ts';
import { jsonResponse, type ServiceRequest, type ServiceResponse } from '../server/service-http.ts';
import { type SccCreateEvent, type SccPatchEvent, sccRequestSchema } from './scc-contract.ts';
import type { SccEventChanges, SccMoneyField, SccStore } from './scc-store.ts';
import { ServiceKeyVerifier } from './service-key-verifier.ts';

export interface BuiltInSccServiceOptions {
  tenantId: string;
  /** bcrypt hash of the service key (SCC_SERVICE_KEY_HASH). */
  serviceKeyHash: string;
  /** Header carrying the key (default x-service-key; matched case-insensitively). */
  keyHeader?: string;
  store: SccStore;
  idempotency: IdempotencyStore;
  /** Share one limiter across the per-tenant services so an address cannot multiply its tries. */
  limiter?: FailedAttemptLimiter;
  /** How long a verified key skips bcrypt (default 5 min). */
  keyCacheTtlMs?: number;
  /** bcrypt's compare; injectable so tests can count calls. */
  compareKey?: (key: string, hash: string) => Promise<boolean>;
  /**
   * Answers `presign_upload` for an event's guest photos (deckhand wires the upload policy in;
   * the service itself knows nothing about bookings).
   */
  presignUpload?: (eventId: string, contentType: string, size: number) => Promise<ServiceResponse>;
  now?: () => number;
  maxBodyBytes?: number;
  logger?: Pick<Logger, 'error'>;
}

const MONEY_FIELDS: readonly SccMoneyField[] = ['revenue', 'crew_rate', 'captain_rate'];

export class BuiltInSccService {
  readonly #options: BuiltInSccServiceOptions;
  readonly #keyHeader: string;
  readonly #verifier: ServiceKeyVerifier;
  readonly #now: () => number;
  readonly #maxBodyBytes: number;

  constructor(options: BuiltInSccServiceOptions) {
    this.#options = options;
    this.#keyHeader = (options.keyHeader ?? 'x-service-key').toLowerCase();
    this.#now = options.now ?? Date.now;
    this.#maxBodyBytes = options.maxBodyBytes ?? 64 * 1024;
    this.#verifier = new ServiceKeyVerifier({
      hash: options.serviceKeyHash,
      limiter: options.limiter ?? new FailedAttemptLimiter({ now: this.#now }),
      now: this.#now,
      ...(options.keyCacheTtlMs === undefined ? {} : { cacheTtlMs: options.keyCacheTtlMs }),
      ...(options.compareKey === undefined ? {} : { compare: options.compareKey }),
    });
  }

  async handle(request: ServiceRequest): Promise<ServiceResponse> {
    try {
      return await this.#route(request);
    } catch (error) {
      this.#options.logger?.error(
        { err: error, tenantId: this.#options.tenantId },
        'built-in SCC failed',
      );
      return errorResponse(500, 'internal_error', 'SCC could not complete the request; try again.');
    }
  }

  async #route(request: ServiceRequest): Promise<ServiceResponse> {
    if (request.path !== '/' && request.path !== '') {
      return errorResponse(404, 'not_found', 'SCC answers POST / only.');
    }
    if (request.method !== 'POST') {
      return errorResponse(
        405,
        'method_not_allowed',
        'Use POST with a JSON body that has an "action".',
        {
          allow: 'POST',
        },
      );
    }
    const check = await this.#verifier.check(
      request.headers[this.#keyHeader],
      request.clientIp,
      this.#keyHeader,
    );
    if (!check.ok) {
      const headers: Record<string, string> = {};
      if (check.retryAfterMs !== undefined)
        headers['retry-after'] = String(Math.ceil(check.retryAfterMs / 1000));
      return errorResponse(check.status, check.error, check.message, headers);
    }
    const parsed = parseJsonRequest(request, sccRequestSchema, this.#maxBodyBytes);
    if (!parsed.ok) return parsed.response;
    const body = parsed.value;
    switch (body.action) {
      case 'create_event':
        return this.#create(request, body);
      case 'patch_event':
        return this.#patch(request, body);
      case 'get_event':
        return this.#get(body.event_id);
      case 'presign_upload':
        if (!this.#options.presignUpload) {
          return errorResponse(501, 'not_available', 'Photo uploads are not set up on this SCC.');
        }
        return this.#options.presignUpload(body.event_id, body.content_type, body.size);
    }
  }

  async #create(request: ServiceRequest, body: SccCreateEvent): Promise<ServiceResponse> {
    const { tenantId } = this.#options;
    const scope = `scc:${tenantId}:create_event`;
    return respondIdempotently(this.#options.idempotency, request, scope, body, async (key) => {
      const { action: _action, ...fields } = body;
      const eventId = `evt_${entityIdSuffix(scope, key)}`;
      const at = new Date(this.#now()).toISOString();
      // create refusing a duplicate means this key already created the event: same answer.
      await this.#options.store.create({
        ...fields,
        start_time: new Date(fields.start_time).toISOString(),
        event_id: eventId,
        status: 'scheduled',
        tenant_id: tenantId,
        created_at: at,
        updated_at: at,
      });
      return jsonResponse(201, { event_id: eventId });
    });
  }

  async #patch(request: ServiceRequest, body: SccPatchEvent): Promise<ServiceResponse> {
    const { tenantId } = this.#options;
    const scope = `scc:${tenantId}:patch_event`;
    return respondIdempotently(this.#options.idempotency, request, scope, body, async () => {
      const { action: _action, event_id: eventId, revenue, crew_rate, captain_rate, ...set } = body;
      const nulls = { revenue, crew_rate, captain_rate };
      const changes: SccEventChanges = {
        set:
          set.start_time === undefined
            ? set
            : { ...set, start_time: new Date(set.start_time).toISOString() },
        // The contract allows only null for money in a patch: null removes the field.
        remove: MONEY_FIELDS.filter((field) => nulls[field] === null),
        updatedAt: new Date(this.#now()).toISOString(),
      };
      const patched = await this.#options.store.patch(tenantId, eventId, changes);
      if (patched === undefined) return eventNotFound(eventId);
      return jsonResponse(200, { ok: true });
    });
  }

  async #get(eventId: string): Promise<ServiceResponse> {
    const event = await this.#options.store.get(this.#options.tenantId, eventId);
    return event === undefined ? eventNotFound(eventId) : jsonResponse(200, event);
  }
}

function eventNotFound(eventId: string): ServiceResponse {
  return errorResponse(404, 'not_found', `No SCC event "${eventId}".`);
}
