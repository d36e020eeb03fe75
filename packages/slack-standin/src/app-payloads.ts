/** The bodies Slack sends to an app, field for field: commands, interactions, events, emails. */
import type { Conversation, WorkspaceUser } from './workspace.ts';

type Json = Record<string, unknown>;

/** Who the app is and where it is installed: what every payload repeats. */
export interface PayloadContext {
  teamId: string;
  teamDomain: string;
  appId: string;
  botUserId: string;
  /** Slack's deprecated verification token, still sent in every payload. */
  verificationToken: string;
}

const team = (context: PayloadContext): Json => ({
  id: context.teamId,
  domain: context.teamDomain,
});

const user = (context: PayloadContext, person: WorkspaceUser): Json => ({
  id: person.id,
  username: person.name,
  name: person.name,
  team_id: context.teamId,
});

/** A slash command's form body, its fields in the order Slack sends them. */
export function slashCommandBody(
  context: PayloadContext,
  input: {
    command: string;
    text: string;
    person: WorkspaceUser;
    channel: Conversation;
    responseUrl: string;
    triggerId: string;
  },
): string {
  return new URLSearchParams([
    ['token', context.verificationToken],
    ['team_id', context.teamId],
    ['team_domain', context.teamDomain],
    ['channel_id', input.channel.id],
    ['channel_name', input.channel.name],
    ['user_id', input.person.id],
    ['user_name', input.person.name],
    ['command', input.command],
    ['text', input.text],
    ['api_app_id', context.appId],
    ['is_enterprise_install', 'false'],
    ['response_url', input.responseUrl],
    ['trigger_id', input.triggerId],
  ]).toString();
}

/** Interactivity bodies are a form with one field, `payload`, holding JSON. */
export function interactionBody(payload: Json): string {
  return new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
}

/** Where a block action happened: a message in a channel, or a view. */
export type ActionSurface =
  | {
      kind: 'message';
      channel: Conversation;
      /** Slack's message object; absent for ephemeral messages, which Slack does not echo. */
      message?: Json;
      messageTs: string;
      threadTs?: string;
      isEphemeral: boolean;
      responseUrl: string;
      stateValues: Json;
    }
  | { kind: 'view'; view: Json };

export function blockActionsPayload(
  context: PayloadContext,
  input: { person: WorkspaceUser; surface: ActionSurface; action: Json; triggerId: string },
): Json {
  const { surface } = input;
  const common = {
    type: 'block_actions',
    user: user(context, input.person),
    api_app_id: context.appId,
    token: context.verificationToken,
  };
  const tail = {
    trigger_id: input.triggerId,
    team: team(context),
    enterprise: null,
    is_enterprise_install: false,
  };
  if (surface.kind === 'view')
    return {
      ...common,
      container: { type: 'view', view_id: surface.view.id },
      ...tail,
      view: surface.view,
      actions: [input.action],
    };
  return {
    ...common,
    container: {
      type: 'message',
      message_ts: surface.messageTs,
      channel_id: surface.channel.id,
      is_ephemeral: surface.isEphemeral,
      ...(surface.threadTs === undefined ? {} : { thread_ts: surface.threadTs }),
    },
    ...tail,
    channel: { id: surface.channel.id, name: surface.channel.name },
    ...(surface.message === undefined ? {} : { message: surface.message }),
    state: { values: surface.stateValues },
    response_url: surface.responseUrl,
    actions: [input.action],
  };
}

export function viewSubmissionPayload(
  context: PayloadContext,
  input: { person: WorkspaceUser; view: Json; triggerId: string },
): Json {
  return {
    type: 'view_submission',
    team: team(context),
    user: user(context, input.person),
    api_app_id: context.appId,
    token: context.verificationToken,
    trigger_id: input.triggerId,
    view: input.view,
    response_urls: [],
    is_enterprise_install: false,
    enterprise: null,
  };
}

/** The Events API envelope around one event. */
export function eventEnvelope(
  context: PayloadContext,
  input: { event: Json; eventId: string; eventTime: number },
): Json {
  return {
    token: context.verificationToken,
    team_id: context.teamId,
    context_team_id: context.teamId,
    context_enterprise_id: null,
    api_app_id: context.appId,
    event: input.event,
    type: 'event_callback',
    event_id: input.eventId,
    event_time: input.eventTime,
    authorizations: [
      {
        enterprise_id: null,
        team_id: context.teamId,
        user_id: context.botUserId,
        is_bot: true,
        is_enterprise_install: false,
      },
    ],
    is_ext_shared_channel: false,
    event_context: `4-${Buffer.from(
      JSON.stringify({ et: 'message', tid: context.teamId, aid: context.appId }),
    ).toString('base64url')}`,
  };
}

/** `Name <address>` (or a bare address) as Slack's email address objects. */
export function emailAddress(text: string): Json {
  const match = /^\s*"?([^"<]*?)"?\s*<([^>]+)>\s*$/.exec(text);
  const address = match ? (match[2] ?? '').trim() : text.trim();
  const name = match ? (match[1] ?? '').trim() : '';
  return { address, name, original: text.trim() };
}

/** How much of an email Slack shows in `preview` before the reader opens it. */
const PREVIEW_CHARS = 300;

/**
 * The file Slack creates for an email sent to a channel's address: filetype and mode `email`,
 * subject, sender, text, headers and `has_more` (true when `plain_text` was cut short).
 */
export function emailFile(
  context: PayloadContext,
  input: {
    id: string;
    createdSeconds: number;
    userId: string;
    channel: Conversation;
    subject: string;
    from: string;
    plainText: string;
    date: string;
    hasMore: boolean;
    filesUrl: string;
  },
): Json {
  return {
    id: input.id,
    created: input.createdSeconds,
    timestamp: input.createdSeconds,
    name: input.subject,
    title: input.subject,
    mimetype: 'text/html',
    filetype: 'email',
    pretty_type: 'Email',
    user: input.userId,
    user_team: context.teamId,
    mode: 'email',
    editable: false,
    is_external: false,
    external_type: '',
    is_public: input.channel.kind === 'channel',
    display_as_bot: false,
    username: '',
    url_private: `${input.filesUrl}${context.teamId}-${input.id}/email`,
    size: Buffer.byteLength(input.plainText),
    subject: input.subject,
    to: [
      emailAddress(
        `${input.channel.name} <${input.channel.name}-${context.teamId.toLowerCase()}@${context.teamDomain}.slack.example.com>`,
      ),
    ],
    from: [emailAddress(input.from)],
    cc: [],
    attachments: [],
    original_attachment_count: 0,
    plain_text: input.plainText,
    preview: input.plainText.slice(0, PREVIEW_CHARS),
    preview_plain_text: input.plainText.slice(0, PREVIEW_CHARS),
    headers: {
      date: input.date,
      in_reply_to: null,
      reply_to: null,
      message_id: `<${input.id.toLowerCase()}@stand-in.slack.example.com>`,
    },
    has_more: input.hasMore,
    sent_to_self: false,
    bot_id: null,
  };
}
