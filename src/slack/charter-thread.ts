/**
 * One Slack thread per charter: a status message updated in place as steps finish and crew
 * answer, and replies for notable events. Updates for a booking are serialized and coalesced
 * (a pipeline emits a dozen events in a second; Slack gets one chat.update for them), and
 * posts go through a per-channel queue. The thread's place is stored on the booking, so any
 * process can update it.
 */
import type { WebClient } from '@slack/web-api';
import { buildEventReply } from '../../views/event-reply.ts';
import type { CrewStatusEntry } from '../../views/slack-format.ts';
import { buildStatusMessage } from '../../views/status-message.ts';
import type { Booking } from '../bookings/booking.ts';
import type { CrewDeps } from '../crew/crew-deps.ts';
import { suggestReplacements } from '../crew/replacements.ts';
import type { Logger } from '../logging/logger.ts';
import type { PipelineDeps } from '../pipeline/pipeline-deps.ts';
import { pipelineStatus } from '../pipeline/run-pipeline.ts';
import type { PipelineEvent } from '../pipeline/step-record.ts';
import type { TenantRegistry } from '../tenants/tenant-registry.ts';
import type { Tenant } from '../tenants/tenant-schema.ts';
import { ChannelQueue } from './channel-queue.ts';

/** What the thread reads: bookings, their steps and crew, page links, the clock (not the runners). */
export type CharterThreadDeps = Pick<
  PipelineDeps,
  'store' | 'guestPageUrl' | 'crewPageUrl' | 'clock'
> & {
  crew: Pick<CrewDeps, 'store'>;
};

export interface CharterThreadOptions {
  client: WebClient;
  deps: CharterThreadDeps;
  tenants: TenantRegistry;
  logger: Logger;
  /** Spacing of posts in one channel (Slack: about one per second). */
  postIntervalMs?: number;
  /** How long to gather events before one status update. */
  coalesceMs?: number;
  /**
   * Claims a stored event's reply before it is posted, released when posting fails: a queue
   * delivers a job at least once (SQS), and a second delivery of an event must not post twice.
   */
  replies?: { claim(key: string): Promise<boolean>; release(key: string): Promise<void> };
}

export class CharterThread {
  readonly #o: CharterThreadOptions;
  readonly #queue: ChannelQueue;
  readonly #pending = new Map<string, NodeJS.Timeout>();
  readonly #chains = new Map<string, Promise<void>>();

  constructor(options: CharterThreadOptions) {
    this.#o = options;
    this.#queue = new ChannelQueue(options.postIntervalMs ?? 1_000);
  }

  /** Posts the status message (in `threadTs` when the booking came from a message) and remembers it. */
  async open(
    booking: Booking,
    tenant: Tenant,
    where: { channelId: string; threadTs: string | null },
  ): Promise<Booking> {
    if (booking.slack?.statusTs) return booking;
    const message = await this.#render(booking, tenant);
    const posted = await this.#queue.run(where.channelId, () =>
      this.#o.client.chat.postMessage({
        channel: where.channelId,
        text: message.text,
        blocks: message.blocks,
        ...(where.threadTs ? { thread_ts: where.threadTs } : {}),
        unfurl_links: false,
      }),
    );
    const statusTs = posted.ts ?? null;
    const slack = { channelId: where.channelId, threadTs: where.threadTs ?? statusTs, statusTs };
    return this.#o.deps.store.update(booking, { slack }, this.#o.deps.clock());
  }

  /** The pipeline/crew event subscriber: a reply for notable events, a coalesced status update. */
  onEvent(tenantId: string, bookingId: string, event: PipelineEvent): void {
    const key = `${tenantId}/${bookingId}`;
    this.#chain(key, async () => {
      const tenant = this.#o.tenants.get(tenantId);
      const booking = await this.#o.deps.store.get(tenantId, bookingId);
      if (!booking?.slack?.threadTs) return;
      const crew = await this.#crew(booking, tenant);
      const declined = crew.find(
        (c) => c.personId === event.detail?.personId && c.state === 'declined',
      );
      const reply = buildEventReply(event, tenant, {
        bookingId,
        allHandsConfirmed:
          event.type === 'crew_confirmed' &&
          crew.length > 0 &&
          crew.every((c) => c.state === 'confirmed'),
        suggestions: declined?.suggestions,
      });
      if (reply) {
        const { channelId, threadTs } = booking.slack;
        // Stored events (seq > 0) reply once however often they are delivered.
        const once = event.seq > 0 ? `reply:${tenantId}/${bookingId}/${event.seq}` : undefined;
        if (once && this.#o.replies && !(await this.#o.replies.claim(once))) return;
        try {
          await this.#queue.run(channelId, () =>
            this.#o.client.chat.postMessage({
              channel: channelId,
              thread_ts: threadTs ?? undefined,
              text: reply.text,
              blocks: reply.blocks,
              unfurl_links: false,
            }),
          );
        } catch (error) {
          if (once) await this.#o.replies?.release(once).catch(() => undefined);
          throw error;
        }
      }
    });
    this.scheduleRefresh(tenantId, bookingId);
  }

  /** Updates the status message soon, once for all events that arrive meanwhile. */
  scheduleRefresh(tenantId: string, bookingId: string): void {
    const key = `${tenantId}/${bookingId}`;
    if (this.#pending.has(key)) return;
    this.#pending.set(
      key,
      setTimeout(() => {
        this.#pending.delete(key);
        // Its own chain: a status update must not wait behind replies spaced out by the channel queue.
        this.#chain(`${key}#status`, () => this.refresh(tenantId, bookingId));
      }, this.#o.coalesceMs ?? 300),
    );
  }

  /** Rebuilds the status message from the stored state and updates it in place. */
  async refresh(tenantId: string, bookingId: string): Promise<void> {
    const tenant = this.#o.tenants.get(tenantId);
    const booking = await this.#o.deps.store.get(tenantId, bookingId);
    if (!booking?.slack?.statusTs) return;
    const message = await this.#render(booking, tenant);
    const { channelId, statusTs } = booking.slack;
    await this.#o.client.chat.update({
      channel: channelId,
      ts: statusTs ?? '',
      text: message.text,
      blocks: message.blocks,
    });
  }

  /** Waits until every queued update has been sent (tests, shutdown). */
  async idle(): Promise<void> {
    while (this.#pending.size > 0 || this.#chains.size > 0) {
      await Promise.all([...this.#chains.values()]);
      await new Promise((resolve) => setTimeout(resolve, (this.#o.coalesceMs ?? 300) + 10));
    }
  }

  #chain(key: string, work: () => Promise<void>): void {
    const next = (this.#chains.get(key) ?? Promise.resolve())
      .then(work)
      .catch((error: unknown) =>
        this.#o.logger.error({ err: error, booking: key }, 'updating the charter thread failed'),
      );
    this.#chains.set(key, next);
    void next.then(() => {
      if (this.#chains.get(key) === next) this.#chains.delete(key);
    });
  }

  async #crew(booking: Booking, tenant: Tenant): Promise<CrewStatusEntry[]> {
    const assignments = (await this.#o.deps.crew.store.list(tenant.id, booking.bookingId)).filter(
      (a) => a.state !== 'replaced',
    );
    // The tenant's other bookings only matter for suggesting a replacement: reading them for
    // every event made each event cost O(bookings), and 200 approvals at once O(bookings²).
    const others = assignments.some((a) => a.state === 'declined')
      ? await this.#o.deps.store.listByTenant(tenant.id)
      : [];
    return assignments.map((a) => ({
      personId: a.personId,
      name: tenant.roster.find((m) => m.id === a.personId)?.name ?? a.personId,
      role: a.role,
      state: a.state,
      reason: [...a.history].reverse().find((h) => h.action === 'declined')?.reason ?? null,
      suggestions:
        a.state === 'declined'
          ? suggestReplacements(tenant, booking, a.role, others).map((m) => ({
              id: m.id,
              name: m.name,
            }))
          : undefined,
    }));
  }

  async #render(booking: Booking, tenant: Tenant) {
    const records = new Map(
      (await this.#o.deps.store.getSteps(tenant.id, booking.bookingId)).map((r) => [r.step, r]),
    );
    return buildStatusMessage({
      booking,
      tenant,
      outcome: pipelineStatus(booking, tenant, records),
      crew: await this.#crew(booking, tenant),
      links: {
        guestPageUrl: this.#o.deps.guestPageUrl(tenant, booking.guestSlug),
        crewPageUrl: this.#o.deps.crewPageUrl(tenant, booking.crewSlug),
      },
      now: this.#o.deps.clock(),
    });
  }
}
