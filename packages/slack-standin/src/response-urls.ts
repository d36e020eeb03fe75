/** response_url: how an app answers a command or a button without the Web API, as in Slack. */
import { initialState, withGeneratedIds } from './block-state.ts';
import { checkMessageContent } from './message-content.ts';
import { SlackApiError } from './slack-api-error.ts';
import type { SlackIds } from './slack-ids.ts';
import type { RecordedCall } from './standin-types.ts';
import type { Workspace } from './workspace.ts';

type Json = Record<string, unknown>;

const LIFETIME_MS = 30 * 60 * 1000;
const MAX_USES = 5;

/** Where an answer goes: the person who acted, their channel, and the message they acted on. */
export interface ResponseTarget {
  channel: string;
  userId: string;
  messageTs?: string;
  threadTs?: string;
}

interface Entry extends ResponseTarget {
  issuedAt: number;
  uses: number;
}

export interface ResponseUrlsDeps {
  workspace: Workspace;
  ids: SlackIds;
  now: () => number;
  calls: RecordedCall[];
  /** The stand-in's own base URL (known once its server listens). */
  baseUrl: () => string;
}

/** Like Slack's, each URL works 5 times within 30 minutes; what it posts lands in the channel. */
export class ResponseUrls {
  readonly #deps: ResponseUrlsDeps;
  readonly #entries = new Map<string, Entry>();

  constructor(deps: ResponseUrlsDeps) {
    this.#deps = deps;
  }

  create(target: ResponseTarget): string {
    const secret = this.#deps.ids.secret();
    this.#entries.set(secret, { ...target, issuedAt: this.#deps.now(), uses: 0 });
    return `${this.#deps.baseUrl()}/response-url/${secret}`;
  }

  /** Answers a POST to a response_url and records it as a call named `response_url`. */
  handle(secret: string, contentType: string, body: string): { status: number; body: string } {
    let message: Json = {};
    let answer: Json;
    let status = 200;
    try {
      message = parseMessage(contentType, body);
      const entry = this.#entries.get(secret);
      if (!entry) throw new SlackApiError('invalid_url');
      if (this.#deps.now() - entry.issuedAt > LIFETIME_MS) throw new SlackApiError('expired_url');
      if (entry.uses >= MAX_USES) throw new SlackApiError('used_url');
      entry.uses += 1;
      this.deliver(entry, message);
      answer = { ok: true };
    } catch (error) {
      if (!(error instanceof SlackApiError)) throw error;
      status = error.code.endsWith('_url') ? 404 : 400;
      answer = { ok: false, error: error.code, ...error.details };
    }
    this.#deps.calls.push({
      method: 'response_url',
      args: message,
      response: answer,
      at: this.#deps.now(),
    });
    return { status, body: JSON.stringify(answer) };
  }

  /**
   * Shows an app's answer as Slack does: replace or delete the message acted on, or a new
   * message, ephemeral (only the person sees it) unless `response_type` is `in_channel`.
   */
  deliver(target: ResponseTarget, message: Json): void {
    const { workspace, ids } = this.#deps;
    const text = typeof message.text === 'string' ? message.text : undefined;
    const blocks = Array.isArray(message.blocks) ? message.blocks : undefined;
    const original =
      target.messageTs === undefined
        ? undefined
        : workspace.findMessage(target.channel, target.messageTs);
    if (message.delete_original === true || message.delete_original === 'true') {
      if (original) workspace.deleteMessage(original);
      return;
    }
    if ((message.replace_original === true || message.replace_original === 'true') && original) {
      checkMessageContent({ text, blocks });
      original.text = text;
      original.blocks = blocks && withGeneratedIds(blocks, () => ids.generatedId());
      original.stateValues = initialState(original.blocks);
      original.updates += 1;
      return;
    }
    checkMessageContent({ text, blocks });
    const threadTs = typeof message.thread_ts === 'string' ? message.thread_ts : target.threadTs;
    const record = workspace.addMessage({
      channel: target.channel,
      ts: workspace.nextTs(target.channel),
      threadTs,
      text,
      blocks: blocks && withGeneratedIds(blocks, () => ids.generatedId()),
      user: workspace.botUserId,
      botId: workspace.botId,
      ...(message.response_type === 'in_channel' ? {} : { ephemeralTo: target.userId }),
    });
    record.stateValues = initialState(record.blocks);
  }
}

/** response_url takes JSON, or a form with a `payload` field holding JSON. */
function parseMessage(contentType: string, body: string): Json {
  try {
    const json: unknown = contentType.includes('application/x-www-form-urlencoded')
      ? JSON.parse(new URLSearchParams(body).get('payload') ?? '')
      : JSON.parse(body);
    if (typeof json === 'object' && json !== null && !Array.isArray(json)) return json as Json;
  } catch {
    // Falls through to the refusal below.
  }
  throw new SlackApiError('invalid_payload');
}
