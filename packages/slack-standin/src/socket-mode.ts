/**
 * Socket Mode, as Slack speaks it: `apps.connections.open` (an app-level `xapp-` token) hands out
 * a one-time WebSocket URL; the socket gets `hello`, then envelopes (`events_api`, `interactive`,
 * `slash_commands`) that the app acknowledges with `{envelope_id, payload?}`. An envelope not
 * acknowledged in time, or whose connection went away first, goes again with `retry_attempt` and
 * `retry_reason`. `disconnect` messages ask the app to reconnect. The WebSocket server is `ws`
 * (a well-kept library: framing, masking, ping/pong and close handshakes are not ours to write).
 *
 * Delivery keeps the HTTP shape the rest of the stand-in uses: the body Slack would POST goes in,
 * the acknowledgement comes back as the HTTP answer it stands for (its payload as the body).
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { type WebSocket, WebSocketServer } from 'ws';
import type { AppResponse } from './app-client.ts';
import { SlackApiError } from './slack-api-error.ts';
import type { DisconnectReason, SocketEnvelope, SocketModeControls } from './socket-mode-types.ts';
import type { RecordedCall } from './standin-types.ts';

type Json = Record<string, unknown>;

export type { DisconnectReason, SocketEnvelope, SocketModeControls };

export interface SocketModeOptions {
  appToken: string;
  appId: string;
  now: () => number;
  calls: RecordedCall[];
  /** Where the WebSocket endpoint lives: the stand-in's base URL (http://…), no trailing slash. */
  baseUrl: () => string;
  /** How long an envelope waits for its acknowledgement before it goes again. Slack: 3 s. */
  ackTimeoutMs?: number;
  /** Deliveries after the first before an envelope is given up. Slack: 3. */
  maxRetries?: number;
  /** Reports a delivery, an acknowledgement or a connection change. */
  changed?: () => void;
}

/** The WebSocket path, below the stand-in's base. */
export const SOCKET_MODE_PATH = '/socket-mode/link';

/** How long a URL from apps.connections.open can be used (Slack's are short-lived too). */
const TICKET_MS = 30_000;

const HOST = 'applink-standin';

interface Pending {
  envelope: SocketEnvelope;
  resolve(response: AppResponse): void;
  sentOn: WebSocket | undefined;
  timer: NodeJS.Timeout | undefined;
}

function parseForm(body: string): Json {
  return Object.fromEntries(new URLSearchParams(body));
}

/** The envelope for a body Slack would have POSTed: its type, payload and whether a response payload is taken. */
export function envelopeFor(
  body: string,
  contentType: string,
): Pick<SocketEnvelope, 'type' | 'payload' | 'accepts_response_payload'> {
  if (contentType.startsWith('application/json'))
    return {
      type: 'events_api',
      payload: JSON.parse(body) as Json,
      accepts_response_payload: false,
    };
  const form = parseForm(body);
  if (typeof form.payload === 'string') {
    const payload = JSON.parse(form.payload) as Json;
    // A view submission's ack may carry a response_action; a click's ack carries nothing.
    const accepts = payload.type === 'view_submission' || payload.type === 'block_suggestion';
    return { type: 'interactive', payload, accepts_response_payload: accepts };
  }
  return { type: 'slash_commands', payload: form, accepts_response_payload: true };
}

export class SocketModeServer implements SocketModeControls {
  readonly #options: SocketModeOptions;
  readonly #wss = new WebSocketServer({ noServer: true });
  readonly #tickets = new Map<string, number>();
  /** Open connections; those asked to go are out of it (Slack sends nothing more on them). */
  readonly #open = new Set<WebSocket>();
  readonly #pending = new Map<string, Pending>();
  readonly #waiters = new Set<() => void>();
  #lostAcks = { count: 0, how: 'drop' as 'drop' | 'ignore' };
  #closed = false;

  constructor(options: SocketModeOptions) {
    this.#options = options;
  }

  /** `apps.connections.open`: the app-level token, then a one-time WebSocket URL. */
  openConnection(token: string | undefined): Json {
    if (token === undefined) throw new SlackApiError('not_authed');
    if (!token.startsWith('xapp-')) throw new SlackApiError('not_allowed_token_type');
    if (token !== this.#options.appToken) throw new SlackApiError('invalid_auth');
    const ticket = randomBytes(16).toString('hex');
    this.#tickets.set(ticket, Date.now() + TICKET_MS);
    const base = this.#options.baseUrl().replace(/^http/, 'ws');
    return {
      ok: true,
      url: `${base}${SOCKET_MODE_PATH}?ticket=${ticket}&app_id=${this.#options.appId}`,
    };
  }

  /** Takes an HTTP upgrade to the WebSocket path (false: not this path, left to others). */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): boolean {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (!url.pathname.endsWith(SOCKET_MODE_PATH)) return false;
    const ticket = url.searchParams.get('ticket') ?? '';
    const expires = this.#tickets.get(ticket);
    this.#tickets.delete(ticket);
    if (this.#closed || expires === undefined || expires < Date.now()) {
      socket.end('HTTP/1.1 401 Unauthorized\r\nconnection: close\r\ncontent-length: 0\r\n\r\n');
      return true;
    }
    this.#wss.handleUpgrade(req, socket, head, (ws) => this.#connected(ws));
    return true;
  }

  /** Sends what Slack would POST as an envelope; resolves with the acknowledgement as an HTTP answer. */
  deliver(
    body: string,
    contentType: string,
    headers: Record<string, string> = {},
  ): Promise<AppResponse> {
    const retry = headers['x-slack-retry-num'];
    const envelope: SocketEnvelope = {
      envelope_id: randomUUID(),
      ...envelopeFor(body, contentType),
      retry_attempt: retry === undefined ? 0 : Number(retry),
      retry_reason: headers['x-slack-retry-reason'] ?? '',
    };
    return new Promise<AppResponse>((resolve) => {
      const pending: Pending = { envelope, resolve, sentOn: undefined, timer: undefined };
      this.#pending.set(envelope.envelope_id, pending);
      this.#send(pending);
    });
  }

  connections(): number {
    return this.#open.size;
  }

  waitForConnections(count = 1, timeoutMs = 10_000): Promise<void> {
    if (this.#open.size >= count) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      const check = (): void => {
        if (this.#open.size < count) return;
        clearTimeout(timer);
        this.#waiters.delete(check);
        resolve();
      };
      const timer = setTimeout(() => {
        this.#waiters.delete(check);
        reject(new Error(`no ${count} Socket Mode connection(s) within ${timeoutMs} ms`));
      }, timeoutMs);
      this.#waiters.add(check);
    });
  }

  disconnect(reason: DisconnectReason = 'refresh_requested'): void {
    for (const ws of [...this.#open]) {
      ws.send(JSON.stringify({ type: 'disconnect', reason, debug_info: { host: HOST } }));
      // Slack sends nothing more on a connection it asked to go; the app closes it.
      this.#open.delete(ws);
      this.#record('socket_mode.disconnect', { reason }, { ok: true });
    }
  }

  drop(): void {
    for (const ws of this.#wss.clients) {
      // Gone at once for Slack: nothing more is sent on it (its close event comes later).
      this.#open.delete(ws);
      ws.terminate();
    }
  }

  loseNextAcks(count = 1, how: 'drop' | 'ignore' = 'drop'): void {
    this.#lostAcks = { count, how };
  }

  pending(): SocketEnvelope[] {
    return [...this.#pending.values()].map((p) => p.envelope);
  }

  /** Closes every connection; envelopes still waiting are answered 503. */
  async close(): Promise<void> {
    this.#closed = true;
    for (const pending of this.#pending.values()) this.#giveUp(pending, 'the stand-in closed');
    for (const ws of this.#wss.clients) ws.terminate();
    await new Promise<void>((resolve) => this.#wss.close(() => resolve()));
  }

  #connected(ws: WebSocket): void {
    this.#open.add(ws);
    ws.on('message', (data, isBinary) => {
      if (!isBinary) this.#onMessage(ws, data.toString());
    });
    ws.on('close', () => this.#gone(ws));
    ws.on('error', () => ws.terminate());
    ws.send(
      JSON.stringify({
        type: 'hello',
        num_connections: this.#open.size,
        debug_info: { host: HOST, build_number: 1, approximate_connection_time: 18_060 },
        connection_info: { app_id: this.#options.appId },
      }),
    );
    this.#record('socket_mode.hello', { num_connections: this.#open.size }, { ok: true });
    for (const check of [...this.#waiters]) check();
    // Envelopes that found no connection go now.
    for (const pending of this.#pending.values()) if (!pending.sentOn) this.#send(pending);
  }

  #gone(ws: WebSocket): void {
    this.#open.delete(ws);
    this.#record('socket_mode.closed', {}, { ok: true });
    // What was sent on it and not acknowledged goes again, on another connection or the next.
    for (const pending of [...this.#pending.values()])
      if (pending.sentOn === ws) this.#retry(pending);
  }

  #onMessage(ws: WebSocket, text: string): void {
    let ack: Json;
    try {
      ack = JSON.parse(text) as Json;
    } catch {
      return;
    }
    const pending =
      typeof ack.envelope_id === 'string' ? this.#pending.get(ack.envelope_id) : undefined;
    if (!pending) {
      this.#record('socket_mode.ack', ack, { ok: false, error: 'unknown_envelope' });
      return;
    }
    if (this.#lostAcks.count > 0) {
      this.#lostAcks.count -= 1;
      this.#record('socket_mode.ack', ack, { ok: false, error: 'lost' });
      if (this.#lostAcks.how === 'drop') ws.terminate();
      return;
    }
    clearTimeout(pending.timer);
    this.#pending.delete(pending.envelope.envelope_id);
    const payload = ack.payload;
    const hasPayload =
      typeof payload === 'object' && payload !== null && Object.keys(payload).length > 0;
    this.#record('socket_mode.ack', ack, {
      ok: true,
      type: pending.envelope.type,
      retry_attempt: pending.envelope.retry_attempt,
    });
    pending.resolve({
      status: 200,
      contentType: 'application/json',
      body: hasPayload && pending.envelope.accepts_response_payload ? JSON.stringify(payload) : '',
    });
  }

  #send(pending: Pending): void {
    clearTimeout(pending.timer);
    const ws = [...this.#open].at(-1);
    pending.sentOn = ws;
    // With no connection open it waits for the next one (#connected sends it), unchanged.
    if (!ws) return;
    pending.timer = setTimeout(() => this.#retry(pending), this.#options.ackTimeoutMs ?? 3_000);
    pending.timer.unref();
    ws.send(JSON.stringify(pending.envelope));
    this.#record('socket_mode.envelope', pending.envelope as unknown as Json, { ok: true });
  }

  #retry(pending: Pending): void {
    if (!this.#pending.has(pending.envelope.envelope_id)) return;
    const attempt = pending.envelope.retry_attempt + 1;
    if (attempt > (this.#options.maxRetries ?? 3)) {
      this.#giveUp(pending, `no acknowledgement after ${attempt} deliveries`);
      return;
    }
    pending.envelope = {
      ...pending.envelope,
      retry_attempt: attempt,
      retry_reason: 'http_timeout',
    };
    this.#send(pending);
  }

  #giveUp(pending: Pending, why: string): void {
    clearTimeout(pending.timer);
    this.#pending.delete(pending.envelope.envelope_id);
    this.#record('socket_mode.unacknowledged', pending.envelope as unknown as Json, {
      ok: false,
      error: why,
    });
    pending.resolve({ status: 503, contentType: 'text/plain', body: why });
  }

  #record(method: string, args: Json, response: Json): void {
    this.#options.calls.push({ method, args, response, at: this.#options.now() });
    this.#options.changed?.();
  }
}
