/**
 * A Bolt receiver on deckhand's own HTTP server (POST /slack/events): it verifies Slack's
 * signature, parses commands, interactivity and events, and answers the HTTP request as soon
 * as a listener acknowledges; the listener's work continues after the response, so Slack's
 * 3-second limit is never spent on it. Transport-neutral (ServiceRequest in, ServiceResponse out).
 */
import { parse as parseQuery } from 'node:querystring';
import type { App, Receiver, ReceiverEvent } from '@slack/bolt';
import { isValidSlackRequest } from '@slack/bolt';
import type { Logger } from '../logging/logger.ts';
import type { ServiceRequest, ServiceResponse } from '../server/service-http.ts';

export interface ServiceRequestReceiverOptions {
  signingSecret: string;
  logger: Logger;
  /** Clock for the signature's freshness check (Slack allows five minutes). */
  now?: () => number;
}

function parseBody(request: ServiceRequest): Record<string, unknown> {
  const type = (request.headers['content-type'] ?? '').split(';')[0]?.trim();
  if (type === 'application/x-www-form-urlencoded') {
    const form = parseQuery(request.body);
    // Interactivity arrives as payload=<JSON>; slash commands as plain fields.
    return typeof form.payload === 'string'
      ? (JSON.parse(form.payload) as Record<string, unknown>)
      : (form as Record<string, unknown>);
  }
  return JSON.parse(request.body) as Record<string, unknown>;
}

/** Slack's replay window: a signature's timestamp may differ from our clock by this much. */
const MAX_CLOCK_SKEW_SECONDS = 5 * 60;

const empty = (status: number): ServiceResponse => ({
  status,
  headers: { 'content-type': 'text/plain' },
  body: '',
});

export class ServiceRequestReceiver implements Receiver {
  readonly #signingSecret: string;
  readonly #logger: Logger;
  readonly #now: () => number;
  #app: App | undefined;
  readonly #inFlight = new Set<Promise<void>>();

  constructor(options: ServiceRequestReceiverOptions) {
    this.#signingSecret = options.signingSecret;
    this.#logger = options.logger;
    this.#now = options.now ?? Date.now;
  }

  init(app: App): void {
    this.#app = app;
  }

  async start(): Promise<void> {}

  async stop(): Promise<void> {}

  /** Waits until every listener has finished, including work after its acknowledgement. */
  async idle(): Promise<void> {
    while (this.#inFlight.size > 0) await Promise.all([...this.#inFlight]);
  }

  async handle(request: ServiceRequest): Promise<ServiceResponse> {
    if (request.method !== 'POST') return { ...empty(405), headers: { allow: 'POST' } };
    const timestamp = Number(request.headers['x-slack-request-timestamp']);
    const valid =
      // Bolt refuses only timestamps over five minutes old; a future one would stay replayable
      // until five minutes after it, so both directions are held to Slack's five minutes.
      Math.abs(this.#now() / 1000 - timestamp) <= MAX_CLOCK_SKEW_SECONDS &&
      isValidSlackRequest({
        signingSecret: this.#signingSecret,
        body: request.body,
        headers: {
          'x-slack-signature': request.headers['x-slack-signature'] ?? '',
          'x-slack-request-timestamp': timestamp,
        },
        nowMilliseconds: this.#now(),
      });
    // Forged, missing or stale (over five minutes, so a replayed body) signatures.
    if (!valid) {
      this.#logger.warn(
        { clientIp: request.clientIp },
        'refused a Slack request with a bad signature',
      );
      return empty(401);
    }
    let body: Record<string, unknown>;
    try {
      body = parseBody(request);
    } catch {
      return empty(400);
    }
    if (body.ssl_check !== undefined) return empty(200);
    if (body.type === 'url_verification') {
      return {
        status: 200,
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ challenge: body.challenge }),
      };
    }
    const app = this.#app;
    if (!app) return empty(503);

    return new Promise<ServiceResponse>((resolve) => {
      let acknowledged = false;
      const event: ReceiverEvent = {
        body,
        ack: async (response?: unknown) => {
          if (acknowledged) return;
          acknowledged = true;
          if (response === undefined || response === null || response === '') resolve(empty(200));
          else if (typeof response === 'string')
            resolve({ status: 200, headers: { 'content-type': 'text/plain' }, body: response });
          else
            resolve({
              status: 200,
              headers: { 'content-type': 'application/json' },
              body: JSON.stringify(response),
            });
        },
        ...(request.headers['x-slack-retry-num']
          ? { retryNum: Number(request.headers['x-slack-retry-num']) }
          : {}),
        ...(request.headers['x-slack-retry-reason']
          ? { retryReason: request.headers['x-slack-retry-reason'] }
          : {}),
        customProperties: {},
      };
      const processing = app
        .processEvent(event)
        .then(() => {
          // Nothing acknowledged it: no listener for this request.
          if (!acknowledged) resolve(empty(404));
        })
        .catch((error: unknown) => {
          this.#logger.error({ err: error }, 'a Slack listener failed');
          if (!acknowledged) resolve(empty(500));
        });
      this.#inFlight.add(processing);
      void processing.finally(() => this.#inFlight.delete(processing));
    });
  }
}
