/** Socket Mode's public types: the envelopes and the controls tests use (no imports: no cycle). */

type Json = Record<string, unknown>;

export type EnvelopeType = 'events_api' | 'interactive' | 'slash_commands';

export interface SocketEnvelope {
  envelope_id: string;
  type: EnvelopeType;
  payload: Json;
  accepts_response_payload: boolean;
  retry_attempt: number;
  retry_reason: string;
}

/** Why Slack asks a connection to go: a routine refresh, a warning before one, or the app's Socket Mode turned off. */
export type DisconnectReason = 'refresh_requested' | 'warning' | 'link_disabled';

/** What tests (and the stand-in's `/socket-mode/*` routes) do to the connections. */
export interface SocketModeControls {
  /** Open connections (after `hello`, not yet asked to go). */
  connections(): number;
  /** Resolves once at least `count` connections are open (rejects after `timeoutMs`). */
  waitForConnections(count?: number, timeoutMs?: number): Promise<void>;
  /** Sends `{type: "disconnect", reason}` on every open connection; the app reconnects. */
  disconnect(reason?: DisconnectReason): void;
  /** Cuts every connection without a close frame (a network drop). */
  drop(): void;
  /**
   * The next `count` acknowledgements are lost: with `drop` (default) the connection they came
   * on is cut as they arrive, otherwise they are ignored until the ack timeout. Either way the
   * envelope is delivered again, with `retry_attempt` one higher.
   */
  loseNextAcks(count?: number, how?: 'drop' | 'ignore'): void;
  /** Envelopes sent and not yet acknowledged (nor given up). */
  pending(): SocketEnvelope[];
}
