/**
 * The stand-in's public types: its options, the recorded calls and messages, and the SlackStandIn
 * face. Their own module so the parts the stand-in composes (the Web API, response URLs, app
 * interactions) can name them without importing the stand-in back (no import cycle).
 */
import type { ActionInput } from './block-state.ts';
import type { SocketModeControls } from './socket-mode-types.ts';
import type { WebApiFaults } from './web-api-faults.ts';

export interface StandInOptions {
  /** To sign requests to the app. */
  signingSecret: string;
  /** The only token the Web API accepts (any other answers `invalid_auth`). */
  botToken: string;
  /** Where the app receives requests, e.g. http://127.0.0.1:PORT/slack/events (or setAppUrl). */
  appUrl?: string;
  /** Default 'T0DECKHAND'. */
  teamId?: string;
  /** Default 'U0DECKBOT'. */
  botUserId?: string;
  users?: { id: string; name: string; realName?: string; email?: string; isBot?: boolean }[];
  /** Plus the DMs conversations.open creates. */
  channels?: { id: string; name: string; isPrivate?: boolean }[];
  /** Milliseconds clock for Slack-side time: ts, trigger expiry, event_time. Default Date.now. */
  now?: () => number;
  /** How many recorded calls to keep, the oldest dropped first (local mode runs for hours). Default: all. */
  keepCalls?: number;
  /** Makes Web API calls slow or failing (deckhand passes its FaultInjector: DECKHAND_FAULTS). */
  faults?: WebApiFaults;
  /**
   * The app's app-level token (`xapp-…`): the app is in Socket Mode. `apps.connections.open`
   * takes it, and events, interactions and commands go over the app's WebSocket as envelopes
   * instead of signed POSTs. Unset: HTTP delivery (the default).
   */
  appToken?: string;
  /** Socket Mode: how long an envelope waits for its ack before it goes again (Slack: 3000). */
  socketAckTimeoutMs?: number;
  /** Socket Mode: deliveries after the first before an envelope is given up (Slack: 3). */
  socketMaxRetries?: number;
}

export interface RecordedCall {
  method: string;
  args: Record<string, unknown>;
  response: Record<string, unknown>;
  at: number;
}

export interface StandInMessage {
  channel: string;
  ts: string;
  threadTs?: string;
  text?: string;
  blocks?: unknown[];
  user: string;
  ephemeralTo?: string;
  updates: number;
  /** Files shared in the message (Slack's file objects: id, name, title, mimetype, size, …). */
  files?: Record<string, unknown>[];
}

export interface StandInView {
  id: string;
  hash: string;
  view: Record<string, unknown>;
  userId: string;
  rootViewId: string;
  previousViewId?: string;
}

export interface SlackStandIn {
  /** Base for WebClient's slackApiUrl, ending with '/api/'. */
  apiUrl: string;
  /**
   * Every Web API call with its answer, in order; also `response_url` posts and the app's
   * acknowledgements Slack acts on (`ack.slash_command`, `ack.view_submission`).
   */
  calls: RecordedCall[];
  /** Current messages (thread replies and ephemeral ones included), in posting order. */
  messages(channel?: string): StandInMessage[];
  /** A thread's parent, then its replies. */
  thread(channel: string, threadTs: string): StandInMessage[];
  /** The bytes of a file shared with files.completeUploadExternal, or undefined. */
  fileContent(fileId: string): Buffer | undefined;
  /** Open views: modals in their stacks and Home tabs. */
  views(): StandInView[];
  setAppUrl(url: string): void;
  /** Fault injection for tests: the next N calls of `method` answer this error (e.g. 'ratelimited' → HTTP 429 with Retry-After: 1). */
  failNext(method: string, error: string, times?: number): void;
  // Requests to the app, signed exactly as Slack signs them; each resolves with the app's HTTP response.
  slashCommand(input: {
    command: string;
    text: string;
    userId: string;
    channelId: string;
    retryNum?: number;
  }): Promise<{ status: number; body: string; triggerId: string }>;
  blockAction(
    input: ActionInput & {
      userId: string;
      channelId?: string;
      messageTs?: string;
      viewId?: string;
      /** In a view: the other inputs' current values (as viewSubmission takes them), kept in its state. */
      values?: Record<string, Record<string, unknown>>;
    },
  ): Promise<{ status: number; body: string; triggerId: string }>;
  /**
   * Submits an open modal. `values` are block_id → action_id → a plain value (string; string[]
   * for multi-selects; null to clear) or Slack's own value object; other inputs keep their state.
   */
  viewSubmission(input: {
    userId: string;
    viewId: string;
    values: Record<string, Record<string, unknown>>;
  }): Promise<{ status: number; body: string; json: unknown }>;
  /**
   * Sends an event in the Events API envelope. With `retryNum`, an event object sent before
   * goes again with the same event_id (unless `eventId` says otherwise), as Slack re-delivers.
   */
  event(
    event: Record<string, unknown>,
    options?: { retryNum?: number; retryReason?: string; eventId?: string },
  ): Promise<{ status: number; body: string; eventId: string }>;
  /**
   * A forwarded email arriving in a channel: a message event, subtype file_share, with an email
   * file (filetype/mode 'email', subject, from, plain_text, headers, has_more, preview).
   * files.info returns the same file, whole (with hasMore the event carries the first half).
   * `event` re-sent through event(…, { retryNum }) is Slack's re-delivery.
   */
  forwardEmail(input: {
    channelId: string;
    userId: string;
    subject: string;
    from: string;
    plainText: string;
    date: string;
    hasMore?: boolean;
  }): Promise<{
    status: number;
    fileId: string;
    ts: string;
    eventId: string;
    event: Record<string, unknown>;
  }>;
  /** With `appToken`: the app's Socket Mode connections (force a disconnect, drop, lose acks). */
  socketMode?: SocketModeControls;
  close(): Promise<void>;
}
