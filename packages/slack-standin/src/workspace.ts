/**
 * The stand-in's workspace: people, channels and DMs, the messages in them, shared files.
 *
 * One piece (~360 lines): one class owns the state every Web API method and the browser reads;
 * its methods are small, and splitting the state would need each part to reach into the others.
 */

import { formatTs, parseTs } from './slack-ids.ts';
import type { StandInMessage } from './standin-types.ts';

type Json = Record<string, unknown>;

export interface WorkspaceUser {
  id: string;
  name: string;
  realName?: string;
  email?: string;
  isBot?: boolean;
}

export interface Conversation {
  id: string;
  name: string;
  /** Slack's `channel_type` in events: a public channel, a private one, or a DM. */
  kind: 'channel' | 'group' | 'im';
  /** The other person in a DM. */
  user?: string;
  created: number;
}

/** A message as the workspace keeps it: the public shape plus its bookkeeping. */
export interface MessageRecord extends StandInMessage {
  /** When chat.update last changed it, for Slack's `edited` field. */
  editedTs?: string;
  /** Set on messages the app posted, as Slack sets `bot_id`. */
  botId?: string;
  subtype?: string;
  files?: Json[];
  /** Values of the message's stateful elements (selects, pickers), as block_actions sends them. */
  stateValues: Record<string, Record<string, unknown>>;
}

/** What outlives a restart of local mode: the messages, shared files and opened DMs. */
export interface WorkspaceSnapshot {
  messages: MessageRecord[];
  files: Json[];
  /** The bytes of uploaded files (files.completeUploadExternal), base64, by file id. */
  fileBytes?: Record<string, string>;
  /** People whose DM with the app was opened. */
  dms: string[];
}

export interface WorkspaceOptions {
  teamId: string;
  appId: string;
  botId: string;
  botUserId: string;
  users: WorkspaceUser[];
  channels: { id: string; name: string; isPrivate?: boolean }[];
  now: () => number;
}

export class Workspace {
  readonly teamId: string;
  readonly appId: string;
  readonly botId: string;
  readonly botUserId: string;
  readonly #now: () => number;
  readonly #users = new Map<string, WorkspaceUser>();
  readonly #conversations = new Map<string, Conversation>();
  /** Every message in posting order; `#byKey` finds one by channel and ts. */
  readonly #messages: MessageRecord[] = [];
  readonly #byKey = new Map<string, MessageRecord>();
  readonly #lastMicros = new Map<string, number>();
  readonly #files = new Map<string, Json>();
  readonly #fileBytes = new Map<string, Buffer>();

  constructor(options: WorkspaceOptions) {
    this.teamId = options.teamId;
    this.appId = options.appId;
    this.botId = options.botId;
    this.botUserId = options.botUserId;
    this.#now = options.now;
    const created = Math.floor(options.now() / 1000);
    for (const user of options.users) this.#users.set(user.id, user);
    if (!this.#users.has(this.botUserId))
      this.#users.set(this.botUserId, { id: this.botUserId, name: 'deckhand', isBot: true });
    // Every Slack workspace has Slackbot; emails to a channel's address often arrive as it.
    if (!this.#users.has('USLACKBOT'))
      this.#users.set('USLACKBOT', {
        id: 'USLACKBOT',
        name: 'slackbot',
        realName: 'Slackbot',
        isBot: true,
      });
    for (const channel of options.channels)
      this.#conversations.set(channel.id, {
        id: channel.id,
        name: channel.name,
        kind: channel.isPrivate ? 'group' : 'channel',
        created,
      });
  }

  user(id: string): WorkspaceUser | undefined {
    return this.#users.get(id);
  }

  /** Everyone in the workspace, the app's bot user and Slackbot included. */
  users(): WorkspaceUser[] {
    return [...this.#users.values()];
  }

  /** Channels, then the DMs opened so far, in the order they were added. */
  conversations(): Conversation[] {
    return [...this.#conversations.values()];
  }

  conversation(id: string): Conversation | undefined {
    return this.#conversations.get(id);
  }

  /**
   * The conversation a `channel` argument names. Slack accepts an id, a `#name` or a name, and
   * a user id, which posts to the app's DM with that person.
   */
  resolveChannel(reference: string): Conversation | undefined {
    const byId = this.#conversations.get(reference);
    if (byId) return byId;
    if (this.#users.has(reference) && reference !== this.botUserId) return this.openDm(reference);
    const name = reference.replace(/^#/, '');
    return [...this.#conversations.values()].find((c) => c.kind !== 'im' && c.name === name);
  }

  /** The id of the app's DM with `userId`: the same every time, `D` + the user's id. */
  dmId(userId: string): string {
    return `D${userId.replace(/^[UW]/, '')}`;
  }

  /** The DM between the app and `userId`, opened on first use. */
  openDm(userId: string): Conversation {
    const id = this.dmId(userId);
    let dm = this.#conversations.get(id);
    if (!dm) {
      dm = {
        id,
        name: 'directmessage',
        kind: 'im',
        user: userId,
        created: Math.floor(this.#now() / 1000),
      };
      this.#conversations.set(id, dm);
    }
    return dm;
  }

  /** Whether `userId` can see messages in the conversation (everyone is in every channel). */
  isMember(conversation: Conversation, userId: string): boolean {
    if (!this.#users.has(userId)) return false;
    return conversation.kind !== 'im' || conversation.user === userId || userId === this.botUserId;
  }

  /** The next ts in a channel: from the clock, and always after the channel's last one. */
  nextTs(channel: string): string {
    const micros = Math.max(this.#now() * 1000, (this.#lastMicros.get(channel) ?? 0) + 1);
    this.#lastMicros.set(channel, micros);
    return formatTs(micros);
  }

  /** Keeps later allocations after a ts that arrived from outside (an event a test built). */
  #noteTs(channel: string, ts: string): void {
    const micros = parseTs(ts);
    if (micros !== undefined && micros > (this.#lastMicros.get(channel) ?? 0))
      this.#lastMicros.set(channel, micros);
  }

  addMessage(message: Omit<MessageRecord, 'updates' | 'stateValues'>): MessageRecord {
    this.#noteTs(message.channel, message.ts);
    const record: MessageRecord = { ...message, updates: 0, stateValues: {} };
    this.#messages.push(record);
    this.#byKey.set(`${message.channel}/${message.ts}`, record);
    return record;
  }

  findMessage(channel: string, ts: string): MessageRecord | undefined {
    return this.#byKey.get(`${channel}/${ts}`);
  }

  deleteMessage(record: MessageRecord): void {
    this.#byKey.delete(`${record.channel}/${record.ts}`);
    this.#messages.splice(this.#messages.indexOf(record), 1);
  }

  messages(channel?: string): MessageRecord[] {
    return this.#messages.filter((m) => channel === undefined || m.channel === channel);
  }

  /** The thread's parent, then its replies, in order. */
  thread(channel: string, threadTs: string): MessageRecord[] {
    return this.#messages.filter(
      (m) => m.channel === channel && (m.ts === threadTs || m.threadTs === threadTs),
    );
  }

  addFile(file: Json & { id: string }): void {
    this.#files.set(file.id, file);
  }

  file(id: string): Json | undefined {
    return this.#files.get(id);
  }

  setFileBytes(id: string, bytes: Buffer): void {
    this.#fileBytes.set(id, bytes);
  }

  /** An uploaded file's bytes (email files have none: their text is in the file object). */
  fileBytes(id: string): Buffer | undefined {
    return this.#fileBytes.get(id);
  }

  snapshot(): WorkspaceSnapshot {
    return structuredClone({
      messages: this.#messages,
      files: [...this.#files.values()],
      fileBytes: Object.fromEntries(
        [...this.#fileBytes].map(([id, bytes]) => [id, bytes.toString('base64')]),
      ),
      dms: [...this.#conversations.values()]
        .filter((c) => c.kind === 'im' && c.user !== undefined)
        .map((c) => c.user as string),
    });
  }

  /**
   * Puts a snapshot's messages and files back (before anything else is posted). Messages in a
   * channel this workspace no longer has, or a DM with someone no longer in it, are left out.
   */
  restore(snapshot: WorkspaceSnapshot): { restored: number; skipped: number } {
    for (const userId of snapshot.dms) if (this.#users.has(userId)) this.openDm(userId);
    let skipped = 0;
    for (const message of structuredClone(snapshot.messages)) {
      if (
        !this.#conversations.has(message.channel) ||
        this.#byKey.has(`${message.channel}/${message.ts}`)
      ) {
        skipped += 1;
        continue;
      }
      this.#noteTs(message.channel, message.ts);
      this.#messages.push(message);
      this.#byKey.set(`${message.channel}/${message.ts}`, message);
    }
    for (const file of snapshot.files)
      if (typeof file.id === 'string') this.#files.set(file.id, structuredClone(file));
    for (const [id, base64] of Object.entries(snapshot.fileBytes ?? {}))
      this.#fileBytes.set(id, Buffer.from(base64, 'base64'));
    return { restored: snapshot.messages.length - skipped, skipped };
  }

  /** users.info's `user` object. */
  slackUser(user: WorkspaceUser): Json {
    const realName = user.realName ?? user.name;
    return {
      id: user.id,
      team_id: this.teamId,
      name: user.name,
      deleted: false,
      real_name: realName,
      is_admin: false,
      is_owner: false,
      is_primary_owner: false,
      is_restricted: false,
      is_ultra_restricted: false,
      is_bot: user.isBot ?? false,
      is_app_user: false,
      updated: Math.floor(this.#now() / 1000),
      profile: {
        real_name: realName,
        real_name_normalized: realName,
        display_name: user.name,
        display_name_normalized: user.name,
        ...(user.email === undefined ? {} : { email: user.email }),
        ...(user.id === this.botUserId ? { bot_id: this.botId, api_app_id: this.appId } : {}),
        team: this.teamId,
      },
    };
  }

  /** conversations.info's `channel` object. */
  slackConversation(conversation: Conversation): Json {
    if (conversation.kind === 'im')
      return {
        id: conversation.id,
        created: conversation.created,
        is_im: true,
        is_org_shared: false,
        context_team_id: this.teamId,
        user: conversation.user,
        is_user_deleted: false,
        priority: 0,
      };
    return {
      id: conversation.id,
      name: conversation.name,
      is_channel: true,
      is_group: false,
      is_im: false,
      is_mpim: false,
      is_private: conversation.kind === 'group',
      created: conversation.created,
      is_archived: false,
      is_general: false,
      unlinked: 0,
      name_normalized: conversation.name,
      is_shared: false,
      is_org_shared: false,
      is_ext_shared: false,
      is_pending_ext_shared: false,
      is_member: true,
      context_team_id: this.teamId,
      topic: { value: '', creator: '', last_set: 0 },
      purpose: { value: '', creator: '', last_set: 0 },
      previous_names: [],
    };
  }

  /** A message as Slack's API and payloads show it. */
  slackMessage(record: MessageRecord): Json {
    const isBot = record.botId !== undefined;
    const replies = record.threadTs
      ? []
      : this.#messages.filter((m) => m.channel === record.channel && m.threadTs === record.ts);
    return {
      type: 'message',
      ...(record.subtype === undefined ? {} : { subtype: record.subtype }),
      user: record.user,
      text: record.text ?? '',
      ts: record.ts,
      team: this.teamId,
      ...(isBot
        ? {
            bot_id: record.botId,
            app_id: this.appId,
            bot_profile: {
              id: record.botId,
              app_id: this.appId,
              name: this.#users.get(this.botUserId)?.name ?? 'deckhand',
              deleted: false,
              team_id: this.teamId,
            },
          }
        : {}),
      ...(record.blocks === undefined ? {} : { blocks: record.blocks }),
      ...(record.files === undefined ? {} : { files: record.files, upload: false }),
      ...(record.threadTs === undefined
        ? {}
        : { thread_ts: record.threadTs, parent_user_id: this.#parentUser(record) }),
      ...(replies.length > 0
        ? {
            thread_ts: record.ts,
            reply_count: replies.length,
            latest_reply: replies.at(-1)?.ts,
          }
        : {}),
      ...(record.editedTs === undefined
        ? {}
        : { edited: { user: record.user, ts: record.editedTs } }),
    };
  }

  #parentUser(record: MessageRecord): string | undefined {
    return record.threadTs === undefined
      ? undefined
      : this.findMessage(record.channel, record.threadTs)?.user;
  }
}
