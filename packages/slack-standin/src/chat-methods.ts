/** chat.postMessage, chat.update, chat.postEphemeral and chat.getPermalink, with Slack's answers and refusals. */
import { z } from 'zod';
import { initialState, withGeneratedIds } from './block-state.ts';
import { checkMessageContent } from './message-content.ts';
import type { MethodContext, WebApiMethod } from './method-context.ts';
import { SlackApiError } from './slack-api-error.ts';
import { formatTs } from './slack-ids.ts';
import { parseArgs, slackString } from './web-api-args.ts';
import type { Conversation } from './workspace.ts';

const content = {
  text: z.string().optional(),
  blocks: z.array(z.unknown()).optional(),
  attachments: z.array(z.unknown()).optional(),
};

/** A bad `blocks` field is `invalid_blocks_format`, as Slack answers JSON that is not an array. */
const CODES = { channel: 'channel_not_found', blocks: 'invalid_blocks_format' };

const postMessageArgs = z.looseObject({
  channel: z.string().min(1),
  ...content,
  thread_ts: slackString.optional(),
});

const updateArgs = z.looseObject({
  channel: z.string().min(1),
  ts: slackString,
  ...content,
});

const postEphemeralArgs = z.looseObject({
  channel: z.string().min(1),
  user: z.string().min(1),
  ...content,
  thread_ts: slackString.optional(),
});

function conversation(context: MethodContext, reference: string): Conversation {
  const found = context.workspace.resolveChannel(reference);
  if (!found) throw new SlackApiError('channel_not_found');
  return found;
}

/** Replies go under a top-level message; a reply's own ts is refused, as Slack refuses it. */
function checkThread(context: MethodContext, channel: string, threadTs: string | undefined): void {
  if (threadTs === undefined) return;
  const parent = context.workspace.findMessage(channel, threadTs);
  if (!parent || parent.threadTs !== undefined || parent.ephemeralTo !== undefined)
    throw new SlackApiError('invalid_thread_ts');
}

/** Stores a message from the app (blocks given their generated ids, inputs their initial state). */
function addBotMessage(
  context: MethodContext,
  channel: string,
  args: {
    thread_ts?: string | undefined;
    text?: string | undefined;
    blocks?: unknown[] | undefined;
  },
  ephemeralTo?: string,
) {
  const { workspace, ids } = context;
  const record = workspace.addMessage({
    channel,
    ts: workspace.nextTs(channel),
    threadTs: args.thread_ts,
    text: args.text,
    blocks: args.blocks && withGeneratedIds(args.blocks, () => ids.generatedId()),
    user: workspace.botUserId,
    botId: workspace.botId,
    ...(ephemeralTo === undefined ? {} : { ephemeralTo }),
  });
  record.stateValues = initialState(record.blocks);
  return record;
}

const postMessage: WebApiMethod = (raw, context) => {
  const args = parseArgs(postMessageArgs, raw, CODES);
  const { workspace } = context;
  const channel = conversation(context, args.channel);
  checkMessageContent(args);
  checkThread(context, channel.id, args.thread_ts);
  const record = addBotMessage(context, channel.id, args);
  return {
    ok: true,
    channel: channel.id,
    ts: record.ts,
    message: workspace.slackMessage(record),
  };
};

const update: WebApiMethod = (raw, context) => {
  const args = parseArgs(updateArgs, raw, CODES);
  const { workspace, ids } = context;
  const channel = conversation(context, args.channel);
  const record = workspace.findMessage(channel.id, args.ts);
  if (!record || record.ephemeralTo !== undefined) throw new SlackApiError('message_not_found');
  if (record.botId === undefined) throw new SlackApiError('cant_update_message');
  if (args.text === undefined && args.blocks === undefined && args.attachments === undefined)
    throw new SlackApiError('no_text');
  // Fields left out keep their old value; `blocks: []` removes the blocks.
  const text = args.text ?? record.text;
  const blocks = args.blocks ?? record.blocks;
  checkMessageContent({ text, blocks, attachments: args.attachments });
  record.text = text;
  record.blocks = blocks && withGeneratedIds(blocks, () => ids.generatedId());
  record.stateValues = initialState(record.blocks);
  record.updates += 1;
  record.editedTs = formatTs(context.now() * 1000);
  return {
    ok: true,
    channel: channel.id,
    ts: record.ts,
    text: record.text ?? '',
    message: workspace.slackMessage(record),
  };
};

const postEphemeral: WebApiMethod = (raw, context) => {
  const args = parseArgs(postEphemeralArgs, raw, CODES);
  const { workspace } = context;
  const channel = conversation(context, args.channel);
  if (!workspace.isMember(channel, args.user)) throw new SlackApiError('user_not_in_channel');
  checkMessageContent(args);
  const record = addBotMessage(context, channel.id, args, args.user);
  return { ok: true, message_ts: record.ts };
};

const getPermalinkArgs = z.looseObject({ channel: z.string().min(1), message_ts: slackString });

/** Slack's permalink shape: the workspace domain, the channel and the ts without its dot. */
const getPermalink: WebApiMethod = (raw, context) => {
  const args = parseArgs(getPermalinkArgs, raw, CODES);
  const channel = conversation(context, args.channel);
  const record = context.workspace.findMessage(channel.id, args.message_ts);
  if (!record || record.ephemeralTo !== undefined) throw new SlackApiError('message_not_found');
  const path = `/archives/${channel.id}/p${record.ts.replace('.', '')}`;
  const thread = record.threadTs ? `?thread_ts=${record.threadTs}&cid=${channel.id}` : '';
  return {
    ok: true,
    channel: channel.id,
    permalink: `https://${context.teamDomain}.slack.com${path}${thread}`,
  };
};

export const chatMethods: Record<string, WebApiMethod> = {
  'chat.postMessage': postMessage,
  'chat.update': update,
  'chat.postEphemeral': postEphemeral,
  'chat.getPermalink': getPermalink,
};
