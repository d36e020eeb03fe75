/** The Web API under `/api/<method>`: token check, injected faults, and a record of each call. */

import { chatMethods } from './chat-methods.ts';
import { directoryMethods } from './directory-methods.ts';
import { fileMethods } from './file-methods.ts';
import type { MethodContext, WebApiMethod } from './method-context.ts';
import { SlackApiError } from './slack-api-error.ts';
import type { RecordedCall } from './standin-types.ts';
import { viewsMethods } from './views-methods.ts';
import { readWebApiCall } from './web-api-args.ts';
import type { WebApiFaults } from './web-api-faults.ts';

const METHODS: Record<string, WebApiMethod> = {
  ...directoryMethods,
  ...chatMethods,
  ...viewsMethods,
  ...fileMethods,
};

/** Seconds a rate-limited caller is told to wait: short, so tests that retry stay quick. */
const RETRY_AFTER_SECONDS = 1;

export interface WebApiHttpResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export class WebApi {
  readonly #context: MethodContext;
  readonly #botToken: string;
  readonly #calls: RecordedCall[];
  readonly #faults = new Map<string, { error: string; remaining: number }>();
  readonly #injector: WebApiFaults | undefined;

  constructor(
    context: MethodContext,
    botToken: string,
    calls: RecordedCall[],
    injector?: WebApiFaults,
  ) {
    this.#context = context;
    this.#botToken = botToken;
    this.#calls = calls;
    this.#injector = injector;
  }

  /**
   * Fault rules for target `slack` (operation: the method; deckhand's DECKHAND_FAULTS): slow, a 503 (transient),
   * `{ok:false}` (permanent), no answer within the client's 5 s (timeout), or a kill.
   */
  async handleWithFaults(
    method: string,
    headers: Readonly<Record<string, string | undefined>>,
    query: URLSearchParams,
    body: string,
  ): Promise<WebApiHttpResponse> {
    const injector = this.#injector;
    if (!injector?.targets('slack')) return this.handle(method, headers, query, body);
    return injector.apply<WebApiHttpResponse>(
      { target: 'slack', operation: method, describe: () => `${method} ${body}`, hangMs: 6_000 },
      async () => this.handle(method, headers, query, body),
      (kind, message) => {
        const answer = { ok: false, error: 'fault_injected', detail: message };
        return {
          status: kind === 'permanent' ? 200 : kind === 'transient' ? 503 : 504,
          headers: { 'content-type': 'application/json; charset=utf-8' },
          body: JSON.stringify(answer),
        };
      },
    );
  }

  /** The next `times` calls of `method` answer `error` (`ratelimited`: HTTP 429). */
  failNext(method: string, error: string, times = 1): void {
    this.#faults.set(method, { error, remaining: times });
  }

  handle(
    method: string,
    headers: Readonly<Record<string, string | undefined>>,
    query: URLSearchParams,
    body: string,
  ): WebApiHttpResponse {
    let args: Record<string, unknown> = {};
    let answer: Record<string, unknown>;
    let status = 200;
    const extraHeaders: Record<string, string> = {};
    try {
      const implementation = METHODS[method];
      if (!implementation) throw new SlackApiError('unknown_method', { req_method: method });
      const call = readWebApiCall(headers, query, body);
      args = call.args;
      if (call.token === undefined) throw new SlackApiError('not_authed');
      if (call.token !== this.#botToken) throw new SlackApiError('invalid_auth');
      const fault = this.#faults.get(method);
      if (fault && fault.remaining > 0) {
        fault.remaining -= 1;
        if (fault.error === 'ratelimited') {
          status = 429;
          extraHeaders['retry-after'] = String(RETRY_AFTER_SECONDS);
        }
        throw new SlackApiError(fault.error);
      }
      answer = implementation(args, this.#context);
    } catch (error) {
      if (!(error instanceof SlackApiError)) throw error;
      answer = { ok: false, error: error.code, ...error.details };
    }
    this.#calls.push({ method, args, response: answer, at: this.#context.now() });
    return {
      status,
      headers: { 'content-type': 'application/json; charset=utf-8', ...extraHeaders },
      body: JSON.stringify(answer),
    };
  }
}
