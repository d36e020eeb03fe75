/** Parked Slack work in memory, with the DynamoDB store's rules (unit tests, like MemoryDraftStore). */
import {
  byReplayOrder,
  type ParkedSlackItem,
  type ParkedSlackWork,
  type ParkedSlackWorkRepository,
} from './ports/parked-slack-work.ts';

export class MemoryParkedSlackStore implements ParkedSlackWorkRepository {
  readonly #items = new Map<string, ParkedSlackItem>();

  async park(
    teamId: string,
    key: string,
    work: ParkedSlackWork,
    at: { order: number; now: Date },
  ): Promise<number> {
    await Promise.resolve();
    const id = `${teamId}#${key}`;
    const kept = this.#items.get(id);
    const item: ParkedSlackItem = kept
      ? { ...kept, work: structuredClone(work), revision: kept.revision + 1 }
      : {
          teamId,
          key,
          order: at.order,
          revision: 1,
          parkedAt: at.now.toISOString(),
          work: structuredClone(work),
        };
    this.#items.set(id, item);
    return item.revision;
  }

  async list(teamId: string): Promise<ParkedSlackItem[]> {
    await Promise.resolve();
    return [...this.#items.values()]
      .filter((i) => i.teamId === teamId)
      .sort(byReplayOrder)
      .map((i) => structuredClone(i));
  }

  async remove(teamId: string, key: string, revision: number): Promise<boolean> {
    await Promise.resolve();
    const id = `${teamId}#${key}`;
    if (this.#items.get(id)?.revision !== revision) return false;
    this.#items.delete(id);
    return true;
  }

  async teams(): Promise<string[]> {
    await Promise.resolve();
    return [...new Set([...this.#items.values()].map((i) => i.teamId))].sort();
  }
}
