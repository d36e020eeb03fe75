/** What the browser workspace shows, as JSON: people, conversations, messages, the open modal. */
import type { StandInInternals } from '../slack-standin.ts';
import type { Conversation, MessageRecord } from '../workspace.ts';

type Json = Record<string, unknown>;

export interface WorkspaceState {
  teamName: string;
  /** The workspace's id, and every workspace this page can switch to (OAuth stand-in). */
  teamId: string;
  workspaces: { teamId: string; teamName: string }[];
  me: string;
  botUserId: string;
  users: { id: string; name: string; realName: string; isBot: boolean }[];
  /** Channels, then one DM with the app per person (the person acts in their own DM). */
  conversations: { id: string; name: string; kind: Conversation['kind']; user?: string }[];
  channel: string | null;
  /** The channel's messages `me` can see (thread replies included), oldest first. */
  messages: Json[];
  /** The modal on top of `me`'s stack, or null. */
  modal: Json | null;
  /** The Home tab the app last published for `me` (views.publish), or null. */
  home: Json | null;
}

function messageJson(record: MessageRecord): Json {
  return {
    ts: record.ts,
    threadTs: record.threadTs ?? null,
    user: record.user,
    isBot: record.botId !== undefined,
    text: record.text ?? '',
    blocks: record.blocks ?? null,
    ephemeral: record.ephemeralTo !== undefined,
    edited: record.editedTs !== undefined,
    // An email file shows as a card: subject, sender, the start of its text. An uploaded file
    // (files.completeUploadExternal) as its name, size and a link to its bytes.
    files: (record.files ?? []).map((file) =>
      file.mode === 'hosted'
        ? {
            id: file.id,
            kind: 'upload',
            title: file.title ?? file.name ?? '',
            name: file.name ?? '',
            size: typeof file.size === 'number' ? file.size : 0,
            mimetype: file.mimetype ?? '',
            url: file.url_private_download ?? '',
          }
        : {
            id: file.id,
            kind: 'email',
            title: file.title ?? file.name ?? '',
            subject: file.subject ?? null,
            from: Array.isArray(file.from)
              ? ((file.from[0] as Json | undefined)?.original ?? '')
              : '',
            preview: file.preview_plain_text ?? file.preview ?? '',
          },
    ),
  };
}

export function workspaceState(
  internals: StandInInternals,
  me: string,
  channelId: string | null,
  teamName: string,
  workspaces: { teamId: string; teamName: string }[] = [],
): WorkspaceState {
  const { workspace, views } = internals;
  const people = workspace
    .users()
    .filter((u) => !u.isBot)
    .sort((a, b) => (a.realName ?? a.name).localeCompare(b.realName ?? b.name));
  const channels = workspace.conversations().filter((c) => c.kind !== 'im');
  const conversations = [
    ...channels.map((c) => ({ id: c.id, name: c.name, kind: c.kind })),
    ...people.map((u) => ({
      id: workspace.dmId(u.id),
      name: u.realName ?? u.name,
      kind: 'im' as const,
      user: u.id,
    })),
  ];
  const known = conversations.find((c) => c.id === channelId);
  const messages = known
    ? workspace
        .messages(known.id)
        .filter((m) => m.ephemeralTo === undefined || m.ephemeralTo === me)
        .map(messageJson)
    : [];
  const open = views
    .list()
    .filter((v) => v.userId === me && v.view.type === 'modal' && views.top(v.id) === v)
    .at(-1);
  const home = views.list().find((v) => v.userId === me && v.view.type === 'home');
  return {
    teamName,
    teamId: workspace.teamId,
    workspaces,
    me,
    botUserId: workspace.botUserId,
    users: workspace.users().map((u) => ({
      id: u.id,
      name: u.name,
      realName: u.realName ?? u.name,
      isBot: u.isBot ?? false,
    })),
    conversations,
    channel: known?.id ?? null,
    messages,
    modal: open ? open.view : null,
    home: home ? home.view : null,
  };
}
