/** Sends requests to the app as Slack does: POST, signed with the app's signing secret. */
import { signSlackRequest } from './slack-signature.ts';

export interface AppResponse {
  status: number;
  contentType: string;
  body: string;
}

export class AppClient {
  readonly #signingSecret: string;
  #url: string | undefined;

  constructor(signingSecret: string, url?: string) {
    this.#signingSecret = signingSecret;
    this.#url = url;
  }

  setUrl(url: string): void {
    this.#url = new URL(url).toString();
  }

  /**
   * POSTs `body` to the app, signed. The timestamp is the wall clock, not the stand-in's `now`:
   * the app checks it against its own clock and refuses requests over 5 minutes old.
   */
  async send(
    body: string,
    contentType: 'application/json' | 'application/x-www-form-urlencoded',
    headers: Record<string, string> = {},
  ): Promise<AppResponse> {
    if (this.#url === undefined)
      throw new Error('The Slack stand-in has no app URL yet: pass appUrl or call setAppUrl().');
    const timestamp = Math.floor(Date.now() / 1000);
    const response = await fetch(this.#url, {
      method: 'POST',
      headers: {
        'content-type': contentType,
        'user-agent': 'Slackbot 1.0 (+https://api.slack.com/robots)',
        'x-slack-request-timestamp': String(timestamp),
        'x-slack-signature': signSlackRequest(this.#signingSecret, body, timestamp),
        ...headers,
      },
      body,
      redirect: 'manual',
    });
    return {
      status: response.status,
      contentType: response.headers.get('content-type') ?? '',
      body: await response.text(),
    };
  }
}
