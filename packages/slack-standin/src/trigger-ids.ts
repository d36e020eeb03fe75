/** Trigger ids: handed out with each interaction, exchangeable once within 3 s, as in Slack. */
import type { SlackIds } from './slack-ids.ts';

/** How long a trigger id can be exchanged for a view, as Slack documents. */
export const TRIGGER_LIFETIME_MS = 3000;

interface Trigger {
  userId: string;
  /** The view the interaction happened in, which views.push stacks onto. */
  viewId?: string;
  issuedAt: number;
  used: boolean;
}

export type TriggerRefusal = 'invalid_trigger_id' | 'exchanged_trigger_id' | 'expired_trigger_id';

export class TriggerIds {
  readonly #ids: SlackIds;
  readonly #now: () => number;
  readonly #triggers = new Map<string, Trigger>();

  constructor(ids: SlackIds, now: () => number) {
    this.#ids = ids;
    this.#now = now;
  }

  /** A new trigger id for an interaction by `userId` (inside view `viewId`, if any). */
  issue(userId: string, viewId?: string): string {
    const id = this.#ids.triggerId();
    this.#triggers.set(id, { userId, viewId, issuedAt: this.#now(), used: false });
    return id;
  }

  /** Uses up a trigger id: who it belongs to, or why Slack would refuse it. */
  exchange(id: string): { userId: string; viewId?: string } | TriggerRefusal {
    const trigger = this.#triggers.get(id);
    if (!trigger) return 'invalid_trigger_id';
    if (trigger.used) return 'exchanged_trigger_id';
    if (this.#now() - trigger.issuedAt > TRIGGER_LIFETIME_MS) return 'expired_trigger_id';
    trigger.used = true;
    return { userId: trigger.userId, viewId: trigger.viewId };
  }
}
