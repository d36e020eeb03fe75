/** A Web API refusal: Slack answers HTTP 200 with `{ok: false, error}` and sometimes details. */

export class SlackApiError extends Error {
  readonly code: string;
  readonly details: Record<string, unknown>;

  /** `details` go into the answer beside `ok` and `error` (e.g. `response_metadata`). */
  constructor(code: string, details: Record<string, unknown> = {}) {
    super(code);
    this.name = 'SlackApiError';
    this.code = code;
    this.details = details;
  }

  /** Slack's shape for validation problems: each one `[ERROR] …` in `response_metadata.messages`. */
  static withMessages(code: string, problems: string[], withErrors = false): SlackApiError {
    return new SlackApiError(code, {
      ...(withErrors ? { errors: problems } : {}),
      response_metadata: { messages: problems.map((problem) => `[ERROR] ${problem}`) },
    });
  }
}
