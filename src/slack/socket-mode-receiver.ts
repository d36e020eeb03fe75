/**
 * Socket Mode (SLACK_APP_TOKEN): Bolt's own SocketModeReceiver, whose @slack/socket-mode client
 * opens the WebSocket with `apps.connections.open` and reconnects when Slack asks it to
 * (`disconnect`) or the connection drops. No signing secret: nothing arrives over HTTP.
 *
 * Two things Bolt does not do by itself: `apps.connections.open` goes to SLACK_API_URL like every
 * other call (the socket client has its own WebClient, configured only through
 * `installerOptions.clientOptions`), and `idle()` waits for listeners still running after their
 * acknowledgement (a global middleware sees each one through to its end), as the HTTP receiver's does.
 */
import { type App, type Logger as BoltLogger, LogLevel, SocketModeReceiver } from '@slack/bolt';
import type { WebClientOptions } from '@slack/web-api';
import type { Logger } from '../logging/logger.ts';

export interface SocketModeOptions {
  appToken: string;
  /** The Web API client's options (SLACK_API_URL, timeout); the socket client keeps its own retries. */
  clientOptions: WebClientOptions;
  logger: Logger;
  /**
   * The socket client's pong timeout, which is also its wait before each reconnect (default
   * 5 s, @slack/socket-mode's). Tests shorten it.
   */
  pingTimeoutMs?: number;
}

export interface SocketMode {
  receiver: SocketModeReceiver;
  /** Counts the app's listeners in flight (call once, before the listeners are registered). */
  track(app: App): void;
  /** Waits until every listener has finished, including work after its acknowledgement. */
  idle(): Promise<void>;
  /** Stops the watchdog (before the app stops, so that it does not reconnect). */
  stopping(): void;
}

/** Checks of a connection that is not open before the watchdog starts the client again. */
const WATCHDOG_CHECKS = 4;

/**
 * Bolt's and the socket client's logs go to deckhand's logger. The client logs a dropped
 * connection as an error and then reconnects: a warning here (a start that fails still throws).
 */
function boltLogger(logger: Logger): BoltLogger {
  return {
    debug: () => {},
    info: () => {},
    warn: (...messages: unknown[]) =>
      logger.warn({ socketMode: messages.map(String) }, 'socket mode'),
    error: (...messages: unknown[]) =>
      logger.warn({ socketMode: messages.map(String) }, 'socket mode'),
    setLevel: () => {},
    getLevel: () => LogLevel.WARN,
    setName: () => {},
  };
}

export function createSocketMode(options: SocketModeOptions): SocketMode {
  // The socket client's own retry policy (many quick tries) keeps reconnecting through an
  // outage; the app's short one would give up after two.
  const { retryConfig: _shortRetries, ...clientOptions } = options.clientOptions;
  const receiver = new SocketModeReceiver({
    appToken: options.appToken,
    logger: boltLogger(options.logger),
    ...(options.pingTimeoutMs === undefined ? {} : { clientPingTimeout: options.pingTimeoutMs }),
    installerOptions: { clientOptions },
  });
  const inFlight = new Set<Promise<unknown>>();
  // Watchdog: @slack/socket-mode 3.1 can stop reconnecting after connections drop in quick
  // succession (a reconnect's start() rejects and nothing retries it; seen in
  // test/reliability/socket-mode-drops.test.ts: the client's socket closed, envelopes still
  // arriving on an older one whose acks then fail with SMSendWhileNotReadyError). A client whose
  // socket has not been open for several pong timeouts is started again.
  const checkMs = options.pingTimeoutMs ?? 5_000;
  let stopped = false;
  let notOpen = 0;
  let restarting = false;
  const watchdog = setInterval(() => {
    if (stopped || restarting) return;
    notOpen = receiver.client.websocket?.isActive() ? 0 : notOpen + 1;
    if (notOpen < WATCHDOG_CHECKS) return;
    notOpen = 0;
    restarting = true;
    options.logger.warn('Socket Mode: no open connection for a while, connecting again');
    receiver.client
      .start()
      .catch((error: unknown) =>
        options.logger.warn({ err: error }, 'Socket Mode: connecting again failed'),
      )
      .finally(() => {
        restarting = false;
      });
  }, checkMs);
  watchdog.unref();
  return {
    stopping() {
      stopped = true;
      clearInterval(watchdog);
    },
    receiver,
    track(app) {
      app.use(async ({ next }) => {
        const running = next();
        inFlight.add(running);
        try {
          await running;
        } finally {
          inFlight.delete(running);
        }
      });
    },
    async idle() {
      while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
    },
  };
}
