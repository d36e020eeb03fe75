/**
 * The revenue scrubber's two adapters (the pipeline's RevenueScrubber port): an external SCC is
 * scrubbed through its API, the built-in SCC's record directly in its store. Both read the event
 * back as crew would see it, for the pipeline's check that no money is left.
 */
import { stripMoneyFromText } from './money-scrub.ts';
import type { SccClient, SccEvent } from './scc-contract.ts';
import type { SccStore } from './scc-store.ts';

/** An external SCC: clear the money through its API, then read it back. */
export class SccApiRevenueScrubber {
  readonly #client: () => SccClient;

  /** `client` is asked for each call, as the pipeline asks sccFor (its fetch may be replaced). */
  constructor(client: () => SccClient) {
    this.#client = client;
  }

  async scrub(eventId: string, idempotencyKey: string): Promise<void> {
    const client = this.#client();
    const event = await client.getEvent(eventId);
    await client.patchEvent(
      {
        event_id: eventId,
        notes: stripMoneyFromText(event.notes),
        revenue: null,
        crew_rate: null,
        captain_rate: null,
      },
      idempotencyKey,
    );
  }

  read(eventId: string): Promise<SccEvent> {
    return this.#client().getEvent(eventId);
  }
}

/** The built-in SCC's record is deckhand's own: a direct store update, as the seed did. */
export class BuiltInSccRevenueScrubber {
  readonly #store: SccStore;
  readonly #tenantId: string;
  readonly #clock: () => Date;

  constructor(store: SccStore, tenantId: string, clock: () => Date) {
    this.#store = store;
    this.#tenantId = tenantId;
    this.#clock = clock;
  }

  async scrub(eventId: string): Promise<void> {
    const event = await this.read(eventId);
    await this.#store.patch(this.#tenantId, eventId, {
      set: { notes: stripMoneyFromText(event.notes) },
      remove: ['revenue', 'crew_rate', 'captain_rate'],
      updatedAt: this.#clock().toISOString(),
    });
  }

  async read(eventId: string): Promise<SccEvent> {
    const event = await this.#store.get(this.#tenantId, eventId);
    if (!event) throw new Error(`SCC event ${eventId} of ${this.#tenantId} does not exist`);
    return event;
  }
}
