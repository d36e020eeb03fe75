/**
 * The port for Slack work parked while a workspace's bot token does not work (revoked, app
 * removed, account inactive): kept per Slack team until deckhand is installed there again (or,
 * with one SLACK_BOT_TOKEN, until a start-up with a working token), then replayed in order.
 *
 * Each item has a key naming what it replays (`status:<tenant>/<booking>`,
 * `reply:<tenant>/<booking>/<seq>`, `open:<tenant>/<booking>`): parking the same key again
 * replaces the work but keeps the item's place in the order, so a dozen progress updates of one
 * booking are one status update when replayed. `revision` counts the parkings of a key, so an
 * item parked again while it was being replayed is not removed by that replay.
 */
import type { PipelineEvent } from '../../pipeline/step-record.ts';

/** What a parked item replays: the thread's first post, an event's reply, the status message. */
export type ParkedSlackWork =
  | {
      kind: 'open';
      tenantId: string;
      bookingId: string;
      channelId: string;
      threadTs: string | null;
    }
  | {
      kind: 'reply';
      tenantId: string;
      bookingId: string;
      event: PipelineEvent;
      /** The reply as it read when the event happened (e.g. "all hands confirmed" then). */
      reply: { text: string; blocks?: unknown[] };
    }
  | { kind: 'status'; tenantId: string; bookingId: string };

export interface ParkedSlackItem {
  teamId: string;
  key: string;
  /** Where the item stands in its team's replay order (set by its first parking). */
  order: number;
  /** How many times the key was parked (1 the first time). */
  revision: number;
  /** ISO instant of the first parking. */
  parkedAt: string;
  work: ParkedSlackWork;
}

export interface ParkedSlackWorkRepository {
  /**
   * Parks work under a key: a new key is placed at `order`; a key parked already keeps its
   * place and first instant, takes the new work, and its revision goes up. Returns the revision.
   */
  park(
    teamId: string,
    key: string,
    work: ParkedSlackWork,
    at: { order: number; now: Date },
  ): Promise<number>;
  /** A team's parked items in replay order (order, then key). */
  list(teamId: string): Promise<ParkedSlackItem[]>;
  /** Removes an item once replayed; false (and kept) when it was parked again since `revision`. */
  remove(teamId: string, key: string, revision: number): Promise<boolean>;
  /** The teams that have parked work (the start-up drain). */
  teams(): Promise<string[]>;
}

/** Replay order: by the first parking, then by key (a reply's key carries its event's seq). */
export function byReplayOrder(a: ParkedSlackItem, b: ParkedSlackItem): number {
  return a.order - b.order || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
}
