// Bundled in place of @slack/socket-mode (infra/bundle-lambdas.ts): a Lambda cannot hold Slack's
// WebSocket, and the real client brings undici (~0.5 MiB of the Slack function's bundle). Bolt
// requires the package when it loads but constructs a client only for Socket Mode.
class SocketModeClient {
  constructor() {
    throw new Error('Socket Mode does not run on Lambda: the functions take Slack over HTTP');
  }
}
module.exports = {
  SocketModeClient,
  LogLevel: { DEBUG: 'debug', INFO: 'info', WARN: 'warn', ERROR: 'error' },
};
