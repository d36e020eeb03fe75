/** Slack's request signature (v0): how Slack signs every request it sends to an app. */
import { createHmac } from 'node:crypto';

/**
 * `v0=` + hex HMAC-SHA256 of `v0:<timestamp>:<raw body>` under the app's signing secret, the
 * value of the `X-Slack-Signature` header. `timestamp` is in Unix seconds, the value of
 * `X-Slack-Request-Timestamp`; the body is signed byte for byte as sent.
 *
 * @example signSlackRequest('8f742231b10e8888abcd99yyyzzz85a5', 'token=x&text=hi', 1531420618)
 */
export function signSlackRequest(secret: string, body: string, timestamp: number | string): string {
  const hmac = createHmac('sha256', secret).update(`v0:${timestamp}:${body}`, 'utf8');
  return `v0=${hmac.digest('hex')}`;
}
