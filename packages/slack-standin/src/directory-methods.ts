/** auth.test, users.info, conversations.info, conversations.open and files.info. */
import { z } from 'zod';
import type { WebApiMethod } from './method-context.ts';
import { SlackApiError } from './slack-api-error.ts';
import { parseArgs, slackBoolean } from './web-api-args.ts';

const authTest: WebApiMethod = (_raw, { workspace, teamName, teamDomain }) => ({
  ok: true,
  url: `https://${teamDomain}.slack.com/`,
  team: teamName,
  user: workspace.user(workspace.botUserId)?.name ?? 'deckhand',
  team_id: workspace.teamId,
  user_id: workspace.botUserId,
  bot_id: workspace.botId,
  is_enterprise_install: false,
});

const usersInfo: WebApiMethod = (raw, { workspace }) => {
  const args = parseArgs(z.looseObject({ user: z.string().min(1) }), raw, {
    user: 'user_not_found',
  });
  const user = workspace.user(args.user);
  if (!user) throw new SlackApiError('user_not_found');
  return { ok: true, user: workspace.slackUser(user) };
};

const conversationsInfo: WebApiMethod = (raw, { workspace }) => {
  const args = parseArgs(z.looseObject({ channel: z.string().min(1) }), raw, {
    channel: 'channel_not_found',
  });
  const conversation = workspace.conversation(args.channel);
  if (!conversation) throw new SlackApiError('channel_not_found');
  return { ok: true, channel: workspace.slackConversation(conversation) };
};

const conversationsOpen: WebApiMethod = (raw, { workspace }) => {
  const args = parseArgs(
    z.looseObject({
      users: z.string().optional(),
      channel: z.string().optional(),
      return_im: slackBoolean.optional(),
    }),
    raw,
  );
  let userId: string | undefined;
  if (args.channel !== undefined) {
    const existing = workspace.conversation(args.channel);
    if (existing?.kind !== 'im') throw new SlackApiError('channel_not_found');
    userId = existing.user;
  } else {
    const users = (args.users ?? '').split(',').filter(Boolean);
    if (users.length === 0) throw new SlackApiError('users_list_not_supplied');
    // Group DMs (several users) are not modelled: deckhand only writes to one person at a time.
    if (users.length > 1)
      throw SlackApiError.withMessages('invalid_arguments', [
        'the Slack stand-in opens DMs with one person only',
      ]);
    userId = users[0];
  }
  if (!userId || !workspace.user(userId)) throw new SlackApiError('user_not_found');
  if (userId === workspace.botUserId) throw new SlackApiError('cannot_dm_bot');
  const alreadyOpen = workspace.conversation(workspace.dmId(userId)) !== undefined;
  const dm = workspace.openDm(userId);
  return {
    ok: true,
    ...(alreadyOpen ? { no_op: true, already_open: true } : {}),
    channel: args.return_im ? workspace.slackConversation(dm) : { id: dm.id },
  };
};

const filesInfo: WebApiMethod = (raw, { workspace }) => {
  const args = parseArgs(z.looseObject({ file: z.string().min(1) }), raw, {
    file: 'file_not_found',
  });
  const file = workspace.file(args.file);
  if (!file) throw new SlackApiError('file_not_found');
  return { ok: true, file, comments: [], response_metadata: { next_cursor: '' } };
};

export const directoryMethods: Record<string, WebApiMethod> = {
  'auth.test': authTest,
  'users.info': usersInfo,
  'conversations.info': conversationsInfo,
  'conversations.open': conversationsOpen,
  'files.info': filesInfo,
};
