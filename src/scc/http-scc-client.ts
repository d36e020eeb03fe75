/** The real SCC adapter: speaks the seed's ShipCaptainCrew action API over fetch. */
import { z } from 'zod';
import { ConfigError } from '../errors.ts';
import { PermanentError } from '../external-errors.ts';
import { isHeaderSafe } from '../http-client/header-value.ts';
import { type JsonCall, sendJson } from '../http-client/send-json.ts';
import {
  type SccClient,
  type SccCreateEvent,
  type SccEvent,
  type SccPatchEvent,
  sccCreateEventSchema,
  sccEventSchema,
  sccGetEventSchema,
  sccPatchEventSchema,
} from './scc-contract.ts';

export interface HttpSccClientOptions {
  /** SCC_URL: the endpoint every action is POSTed to. */
  url: string;
  /** SCC_SERVICE_KEY, sent as is (no Bearer prefix). */
  serviceKey: string;
  keyHeader?: string;
  timeoutMs?: number;
  fetch?: typeof globalThis.fetch;
}

const SERVICE = 'SCC';
const createdSchema = z.looseObject({ event_id: z.string().min(1) });

/** Creates, patches and reads SCC events. Single-shot: the pipeline runner retries. */
export class HttpSccClient implements SccClient {
  readonly #url: string;
  readonly #serviceKey: string;
  readonly #keyHeader: string;
  readonly #timeoutMs: number;
  readonly #fetch: typeof globalThis.fetch;

  constructor(options: HttpSccClientOptions) {
    const problems: string[] = [];
    if (!/^https?:\/\//i.test(options.url)) problems.push('SCC_URL must be an http(s) URL');
    if (!isHeaderSafe(options.serviceKey)) {
      problems.push('SCC_SERVICE_KEY must be non-empty printable ASCII (it travels in a header)');
    }
    const keyHeader = options.keyHeader ?? 'X-Service-Key';
    if (!/^[A-Za-z0-9-]{1,64}$/.test(keyHeader))
      problems.push('SCC_KEY_HEADER must be an HTTP header name');
    if (problems.length > 0) throw new ConfigError('The SCC client settings', problems);
    this.#url = options.url;
    this.#serviceKey = options.serviceKey;
    this.#keyHeader = keyHeader;
    this.#timeoutMs = options.timeoutMs ?? 5000;
    this.#fetch = options.fetch ?? globalThis.fetch;
  }

  async createEvent(
    request: Omit<SccCreateEvent, 'action'>,
    idempotencyKey: string,
  ): Promise<{ eventId: string }> {
    const body = validate(sccCreateEventSchema, { ...request, action: 'create_event' });
    const reply = await sendJson(
      this.#call(body, idempotencyKey, 'the SCC endpoint was not found: check SCC_URL'),
    );
    const parsed = createdSchema.safeParse(reply.json);
    if (!parsed.success) {
      throw new PermanentError(
        SERVICE,
        'answered create_event without an event id ({"event_id": "..."} expected)',
      );
    }
    return { eventId: parsed.data.event_id };
  }

  async patchEvent(request: Omit<SccPatchEvent, 'action'>, idempotencyKey: string): Promise<void> {
    const body = validate(sccPatchEventSchema, { ...request, action: 'patch_event' });
    // The answer's body carries nothing we need; sendJson still refuses one that is not JSON.
    await sendJson(this.#call(body, idempotencyKey, `SCC event "${request.event_id}" not found`));
  }

  async getEvent(eventId: string): Promise<SccEvent> {
    const body = validate(sccGetEventSchema, { action: 'get_event', event_id: eventId });
    const reply = await sendJson(this.#call(body, undefined, `SCC event "${eventId}" not found`));
    const parsed = sccEventSchema.safeParse(reply.json);
    if (!parsed.success) {
      const fields = [...new Set(parsed.error.issues.map((i) => i.path.join('.') || '(body)'))];
      throw new PermanentError(
        SERVICE,
        `answered get_event with an unexpected event record (check: ${fields.join(', ')})`,
      );
    }
    return parsed.data;
  }

  #call(body: unknown, idempotencyKey: string | undefined, notFound: string): JsonCall {
    const headers: Record<string, string> = {
      [this.#keyHeader]: this.#serviceKey,
      'Content-Type': 'application/json',
      Accept: 'application/json',
    };
    if (idempotencyKey !== undefined) {
      if (!isHeaderSafe(idempotencyKey) || idempotencyKey.length > 255) {
        throw new PermanentError(
          SERVICE,
          'the idempotency key must be 1-255 printable ASCII characters',
        );
      }
      headers['Idempotency-Key'] = idempotencyKey;
    }
    return {
      service: SERVICE,
      fetch: this.#fetch,
      method: 'POST',
      url: this.#url,
      headers,
      body,
      timeoutMs: this.#timeoutMs,
      secret: this.#serviceKey,
      rejectedCredential: {
        what: 'service key',
        setting: 'SCC_SERVICE_KEY',
        hint: `Set SCC_SERVICE_KEY to the key whose bcrypt hash SCC holds, and SCC_KEY_HEADER if it expects a header other than ${this.#keyHeader}.`,
      },
      notFound,
    };
  }
}

function validate<T>(schema: z.ZodType<T>, value: unknown): T {
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    const problems = parsed.error.issues.map(
      (i) => `${i.path.join('.') || '(body)'}: ${i.message}`,
    );
    throw new PermanentError(SERVICE, `the request is invalid: ${problems.join('; ')}`);
  }
  return parsed.data;
}
