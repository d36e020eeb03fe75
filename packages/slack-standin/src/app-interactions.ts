/**
 * People's actions sent to the app as Slack sends them, and the app's answers applied.
 *
 * One piece (~460 lines): the payloads are built in app-payloads.ts; what is left is one
 * request/response cycle per kind of interaction, which share the person, channel and view
 * lookups and how an acknowledgement is applied (a view update, errors, a response_url).
 */
import type { AppClient, AppResponse } from './app-client.ts';
import {
  type ActionSurface,
  blockActionsPayload,
  emailFile,
  eventEnvelope,
  interactionBody,
  type PayloadContext,
  slashCommandBody,
  viewSubmissionPayload,
} from './app-payloads.ts';
import { checkView } from './block-kit-rules.ts';
import {
  buildAction,
  findElement,
  missingRequiredInputs,
  type StateValues,
  submittedValue,
} from './block-state.ts';
import type { ResponseTarget, ResponseUrls } from './response-urls.ts';
import { SlackApiError } from './slack-api-error.ts';
import { formatTs, type SlackIds } from './slack-ids.ts';
import type { RecordedCall, SlackStandIn } from './standin-types.ts';
import type { TriggerIds } from './trigger-ids.ts';
import type { ViewRecord, ViewRegistry } from './view-registry.ts';
import type { Conversation, Workspace, WorkspaceUser } from './workspace.ts';

type Json = Record<string, unknown>;

export interface AppInteractionsDeps {
  workspace: Workspace;
  views: ViewRegistry;
  triggers: TriggerIds;
  ids: SlackIds;
  now: () => number;
  /** Where requests to the app go: signed HTTP POSTs, or Socket Mode envelopes. */
  app: Pick<AppClient, 'send'>;
  responseUrls: ResponseUrls;
  calls: RecordedCall[];
  payloadContext: PayloadContext;
  /** Base of the files' `url_private`. */
  filesUrl: () => string;
}

type SlashCommandInput = Parameters<SlackStandIn['slashCommand']>[0];
type BlockActionInput = Parameters<SlackStandIn['blockAction']>[0];
type ViewSubmissionInput = Parameters<SlackStandIn['viewSubmission']>[0];
type ForwardEmailInput = Parameters<SlackStandIn['forwardEmail']>[0];
type EventOptions = Parameters<SlackStandIn['event']>[1];

const FORM = 'application/x-www-form-urlencoded';

/** Message subtypes that are someone saying something, which the channel then shows. */
const POSTED_SUBTYPES = new Set([undefined, 'file_share', 'thread_broadcast', 'me_message']);

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function parseJson(body: string): unknown {
  if (body.trim() === '') return undefined;
  try {
    return JSON.parse(body);
  } catch {
    return undefined;
  }
}

/**
 * Slash commands, clicks and selections, modal submissions, events and forwarded emails. Each
 * hands out the trigger id Slack would, and applies the app's answer (a command's
 * acknowledgement body, a submission's response_action) as Slack would.
 */
export class AppInteractions {
  readonly #deps: AppInteractionsDeps;
  /** Each event object a test sent, with what went out: a retry of it re-sends the same. */
  readonly #sentEvents = new WeakMap<object, { eventId: string; eventTime: number; event: Json }>();

  constructor(deps: AppInteractionsDeps) {
    this.#deps = deps;
  }

  async slashCommand(
    input: SlashCommandInput,
  ): Promise<{ status: number; body: string; triggerId: string }> {
    const person = this.#person(input.userId);
    const channel = this.#channel(input.channelId);
    const triggerId = this.#deps.triggers.issue(person.id);
    const target: ResponseTarget = { channel: channel.id, userId: person.id };
    const body = slashCommandBody(this.#deps.payloadContext, {
      command: input.command,
      text: input.text,
      person,
      channel,
      responseUrl: this.#deps.responseUrls.create(target),
      triggerId,
    });
    const response = await this.#deps.app.send(body, FORM, retryHeaders(input.retryNum));
    // Slack shows a command's acknowledgement body to the person, like a response_url answer.
    if (response.status === 200 && response.body.trim() !== '') {
      const json = parseJson(response.body);
      const message = isObject(json) ? json : { text: response.body };
      this.#applyAck('ack.slash_command', message, () =>
        this.#deps.responseUrls.deliver(target, message),
      );
    }
    return { status: response.status, body: response.body, triggerId };
  }

  async blockAction(
    input: BlockActionInput,
  ): Promise<{ status: number; body: string; triggerId: string }> {
    const { workspace, triggers, now } = this.#deps;
    const person = this.#person(input.userId);
    const actionTs = formatTs(now() * 1000);
    if (input.viewId !== undefined) {
      const record = this.#view(input.viewId, person);
      const { action, state } = this.#act(record.view.blocks, input, actionTs);
      // What the person typed elsewhere in the modal is in the view's state, as in Slack.
      if (input.values) enterValues(record, stateOf(record), input.values);
      if (state) setValue(stateOf(record), input.blockId, input.actionId, state);
      // The trigger remembers the view, so views.push knows which stack to grow.
      const triggerId = triggers.issue(person.id, record.id);
      return this.#sendAction(person, { kind: 'view', view: record.view }, action, triggerId);
    }
    if (input.channelId === undefined || input.messageTs === undefined)
      throw new Error('blockAction needs a viewId, or a channelId and a messageTs');
    const channel = this.#channel(input.channelId);
    const message = workspace.findMessage(channel.id, input.messageTs);
    if (!message || (message.ephemeralTo !== undefined && message.ephemeralTo !== person.id))
      throw new Error(`${person.id} sees no message ${input.messageTs} in ${channel.id}`);
    const { action, state } = this.#act(message.blocks, input, actionTs);
    if (state) setValue(message.stateValues, input.blockId, input.actionId, state);
    const triggerId = triggers.issue(person.id);
    const isEphemeral = message.ephemeralTo !== undefined;
    const surface: ActionSurface = {
      kind: 'message',
      channel,
      // Slack does not echo an ephemeral message back; the app gets only its ts.
      message: isEphemeral ? undefined : workspace.slackMessage(message),
      messageTs: message.ts,
      threadTs: message.threadTs,
      isEphemeral,
      responseUrl: this.#deps.responseUrls.create({
        channel: channel.id,
        userId: person.id,
        messageTs: message.ts,
        threadTs: message.threadTs,
      }),
      stateValues: message.stateValues,
    };
    return this.#sendAction(person, surface, action, triggerId);
  }

  async viewSubmission(
    input: ViewSubmissionInput,
  ): Promise<{ status: number; body: string; json: unknown }> {
    const person = this.#person(input.userId);
    const record = this.#view(input.viewId, person);
    if (record.view.type !== 'modal' || this.#deps.views.top(record.id) !== record)
      throw new Error(
        `view ${record.id} is not the modal on top of its stack: nobody can submit it`,
      );
    if (record.view.submit === undefined)
      throw new Error(`view ${record.id} has no submit button: Slack cannot submit it`);
    const blocks = Array.isArray(record.view.blocks) ? record.view.blocks : [];
    const values: StateValues = structuredClone(stateOf(record));
    enterValues(record, values, input.values);
    const missing = missingRequiredInputs(blocks, values);
    if (missing.length > 0)
      throw new Error(
        `Slack would not submit view ${record.id}: required input left empty: ${missing.join(', ')}`,
      );
    record.view.state = { values };
    const triggerId = this.#deps.triggers.issue(person.id, record.id);
    const payload = viewSubmissionPayload(this.#deps.payloadContext, {
      person,
      view: record.view,
      triggerId,
    });
    const response = await this.#deps.app.send(interactionBody(payload), FORM);
    const json = parseJson(response.body);
    if (response.status === 200) this.#applyResponseAction(record, json);
    return { status: response.status, body: response.body, json };
  }

  async event(
    event: Record<string, unknown>,
    options: EventOptions = {},
  ): Promise<{ status: number; body: string; eventId: string }> {
    const previous = this.#sentEvents.get(event);
    // A retry of an event already sent goes out exactly as before (same id, ts and time).
    const sent =
      previous && options.retryNum !== undefined
        ? { ...previous, eventId: options.eventId ?? previous.eventId }
        : {
            eventId: options.eventId ?? this.#deps.ids.eventId(),
            eventTime: Math.floor(this.#deps.now() / 1000),
            event: this.#prepareEvent(event),
          };
    this.#sentEvents.set(event, sent);
    const envelope = eventEnvelope(this.#deps.payloadContext, sent);
    const headers = retryHeaders(options.retryNum, options.retryReason);
    const response = await this.#deps.app.send(
      JSON.stringify(envelope),
      'application/json',
      headers,
    );
    return { status: response.status, body: response.body, eventId: sent.eventId };
  }

  async forwardEmail(input: ForwardEmailInput): Promise<{
    status: number;
    fileId: string;
    ts: string;
    eventId: string;
    event: Record<string, unknown>;
  }> {
    const { workspace, ids, now } = this.#deps;
    const person = this.#person(input.userId);
    const channel = this.#channel(input.channelId);
    const fileId = ids.fileId();
    const common = {
      id: fileId,
      createdSeconds: Math.floor(now() / 1000),
      userId: person.id,
      channel,
      subject: input.subject,
      from: input.from,
      date: input.date,
      filesUrl: this.#deps.filesUrl(),
    };
    // files.info has the whole email; with hasMore the event carries only its first half.
    workspace.addFile(
      emailFile(this.#deps.payloadContext, {
        ...common,
        plainText: input.plainText,
        hasMore: false,
      }) as Json & { id: string },
    );
    const hasMore = input.hasMore ?? false;
    const shown = hasMore
      ? input.plainText.slice(0, Math.ceil(input.plainText.length / 2))
      : input.plainText;
    const event: Json = {
      type: 'message',
      subtype: 'file_share',
      text: '',
      files: [emailFile(this.#deps.payloadContext, { ...common, plainText: shown, hasMore })],
      upload: false,
      user: person.id,
      display_as_bot: false,
      ts: workspace.nextTs(channel.id),
      channel: channel.id,
      channel_type: channel.kind,
    };
    const result = await this.event(event);
    return {
      status: result.status,
      fileId,
      ts: String(event.ts),
      eventId: result.eventId,
      event,
    };
  }

  #person(userId: string): WorkspaceUser {
    const person = this.#deps.workspace.user(userId);
    if (!person) throw new Error(`no user ${userId} in the stand-in's workspace`);
    return person;
  }

  /**
   * A channel by id. A person can write in their DM with the app before the app opened it, so
   * a DM id (`D` + user id) of a known person opens it.
   */
  #findChannel(channelId: string): Conversation | undefined {
    const { workspace } = this.#deps;
    const found = workspace.conversation(channelId);
    if (found) return found;
    const userId = /^D/.test(channelId) ? `U${channelId.slice(1)}` : undefined;
    return userId && workspace.user(userId) ? workspace.openDm(userId) : undefined;
  }

  #channel(channelId: string): Conversation {
    const found = this.#findChannel(channelId);
    if (!found) throw new Error(`no channel ${channelId} in the stand-in's workspace`);
    return found;
  }

  #view(viewId: string, person: WorkspaceUser): ViewRecord {
    const record = this.#deps.views.get(viewId);
    if (!record) throw new Error(`no open view ${viewId}`);
    if (record.userId !== person.id)
      throw new Error(`view ${viewId} is open for ${record.userId}, not ${person.id}`);
    return record;
  }

  #act(blocks: unknown, input: BlockActionInput, actionTs: string): ReturnType<typeof buildAction> {
    const found = findElement(Array.isArray(blocks) ? blocks : [], input.blockId, input.actionId);
    if (!found) throw new Error(`no element ${input.blockId}/${input.actionId} to act on`);
    return buildAction(found.element, input, actionTs);
  }

  async #sendAction(
    person: WorkspaceUser,
    surface: ActionSurface,
    action: Json,
    triggerId: string,
  ): Promise<{ status: number; body: string; triggerId: string }> {
    const payload = blockActionsPayload(this.#deps.payloadContext, {
      person,
      surface,
      action,
      triggerId,
    });
    const response: AppResponse = await this.#deps.app.send(interactionBody(payload), FORM);
    return { status: response.status, body: response.body, triggerId };
  }

  /** Fills in what Slack adds to an event: ts, event_ts, channel_type; shows posted messages. */
  #prepareEvent(original: Json): Json {
    const { workspace, now } = this.#deps;
    const event: Json = structuredClone(original);
    const channel =
      typeof event.channel === 'string' ? this.#findChannel(event.channel) : undefined;
    if ((event.type === 'message' || event.type === 'app_mention') && channel) {
      if (typeof event.ts !== 'string') event.ts = workspace.nextTs(channel.id);
      if (event.type === 'message' && event.channel_type === undefined)
        event.channel_type = channel.kind;
      const ts = String(event.ts);
      const subtype = typeof event.subtype === 'string' ? event.subtype : undefined;
      if (
        event.type === 'message' &&
        POSTED_SUBTYPES.has(subtype) &&
        !workspace.findMessage(channel.id, ts)
      )
        workspace.addMessage({
          channel: channel.id,
          ts,
          threadTs: typeof event.thread_ts === 'string' ? event.thread_ts : undefined,
          text: typeof event.text === 'string' ? event.text : undefined,
          blocks: Array.isArray(event.blocks) ? event.blocks : undefined,
          user: typeof event.user === 'string' ? event.user : workspace.botUserId,
          subtype,
          files: Array.isArray(event.files) ? event.files.filter(isObject) : undefined,
        });
    }
    if (event.event_ts === undefined) event.event_ts = event.ts ?? formatTs(now() * 1000);
    return event;
  }

  /**
   * Does what the view_submission acknowledgement asks, as Slack does: close the modal (empty
   * body), show errors, update, push, or clear the stack. A response Slack would refuse
   * changes nothing; either way it is recorded as `ack.view_submission`.
   */
  #applyResponseAction(record: ViewRecord, json: unknown): void {
    const { views } = this.#deps;
    if (!isObject(json) || json.response_action === undefined) {
      views.close(record.id);
      return;
    }
    this.#applyAck('ack.view_submission', json, () => {
      switch (json.response_action) {
        case 'errors':
          checkErrors(record, json.errors);
          return;
        case 'update':
        case 'push': {
          const problems = isObject(json.view)
            ? json.view.type === 'modal'
              ? checkView(json.view)
              : ['must be modal [json-pointer:/view/type]']
            : ['missing required field: view'];
          if (problems.length > 0) throw SlackApiError.withMessages('invalid_arguments', problems);
          const view = json.view as Json;
          const result =
            json.response_action === 'update'
              ? views.update(record, view)
              : views.push(record.id, view);
          if (typeof result === 'string') throw new SlackApiError(result);
          return;
        }
        case 'clear':
          views.clear(record.id);
          return;
        default:
          throw SlackApiError.withMessages('invalid_arguments', [
            `unknown response_action "${String(json.response_action)}" [json-pointer:/response_action]`,
          ]);
      }
    });
  }

  /** Runs what an acknowledgement asks for and records it (method `ack.<kind>`) in `calls`. */
  #applyAck(method: string, json: Json, apply: () => void): void {
    let response: Json = { ok: true };
    try {
      apply();
    } catch (error) {
      if (!(error instanceof SlackApiError)) throw error;
      response = { ok: false, error: error.code, ...error.details };
    }
    this.#deps.calls.push({ method, args: json, response, at: this.#deps.now() });
  }
}

function retryHeaders(retryNum?: number, retryReason?: string): Record<string, string> {
  if (retryNum === undefined) return {};
  return {
    'x-slack-retry-num': String(retryNum),
    'x-slack-retry-reason': retryReason ?? 'http_timeout',
  };
}

function stateOf(record: ViewRecord): StateValues {
  const state = record.view.state;
  if (isObject(state) && isObject(state.values)) return state.values as StateValues;
  const values: StateValues = {};
  record.view.state = { values };
  return values;
}

function setValue(values: StateValues, blockId: string, actionId: string, value: unknown): void {
  values[blockId] = { ...values[blockId], [actionId]: value };
}

/** Enters plain values (see viewSubmission) into `values`, checking each names an element. */
function enterValues(
  record: ViewRecord,
  values: StateValues,
  entered: Record<string, Record<string, unknown>>,
): void {
  const blocks = Array.isArray(record.view.blocks) ? record.view.blocks : [];
  for (const [blockId, actions] of Object.entries(entered))
    for (const [actionId, raw] of Object.entries(actions)) {
      const where = `${record.id} ${blockId}/${actionId}`;
      const found = findElement(blocks, blockId, actionId);
      if (!found) throw new Error(`${where}: no such element in the view`);
      setValue(values, blockId, actionId, submittedValue(found.element, raw, where));
    }
}

/** `response_action: errors` names input blocks of the view, each with a message. */
function checkErrors(record: ViewRecord, errors: unknown): void {
  if (!isObject(errors) || Object.keys(errors).length === 0)
    throw SlackApiError.withMessages('invalid_arguments', [
      'missing required field: errors [json-pointer:/errors]',
    ]);
  const inputs = new Set(
    (Array.isArray(record.view.blocks) ? record.view.blocks : [])
      .filter((b): b is Json => isObject(b) && b.type === 'input')
      .map((b) => String(b.block_id)),
  );
  const problems = Object.entries(errors).flatMap(([blockId, message]) => [
    ...(inputs.has(blockId)
      ? []
      : [`no input block "${blockId}" in the view [json-pointer:/errors/${blockId}]`]),
    ...(typeof message === 'string' && message.length > 0
      ? []
      : [`must be a non-empty string [json-pointer:/errors/${blockId}]`]),
  ]);
  if (problems.length > 0) throw SlackApiError.withMessages('invalid_arguments', problems);
}
