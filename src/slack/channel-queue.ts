/**
 * One queue per Slack channel, so deckhand posts about one message per second per channel, as
 * Slack asks; calls in different channels do not wait for each other.
 */
export class ChannelQueue {
  readonly #minIntervalMs: number;
  readonly #tails = new Map<string, Promise<void>>();
  readonly #last = new Map<string, number>();

  constructor(minIntervalMs = 1_000) {
    this.#minIntervalMs = minIntervalMs;
  }

  /** Runs `work` after the channel's previous call, spaced by the minimum interval. */
  run<T>(channel: string, work: () => Promise<T>): Promise<T> {
    const previous = this.#tails.get(channel) ?? Promise.resolve();
    const result = previous.then(async () => {
      const wait = (this.#last.get(channel) ?? 0) + this.#minIntervalMs - Date.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      try {
        return await work();
      } finally {
        this.#last.set(channel, Date.now());
      }
    });
    this.#tails.set(
      channel,
      result.then(
        () => undefined,
        () => undefined,
      ),
    );
    return result;
  }
}
