/**
 * The internal calendar ("Dashboard") contract from the seed:
 * `POST {DASHBOARD_URL}/api/calendar` with `X-Dashboard-Token: Bearer <token>` and
 * `{calendar_id, title, start, duration_minutes, metadata: {guest_page, revenue, crew_cost,
 * captain_cost, port_fee, net_profit}}` (money in dollars, as the seed sends it).
 * deckhand's extensions, honoured by the built-in calendar: an `Idempotency-Key` header,
 * `PUT /api/calendar/{id}` to update and `DELETE /api/calendar/{id}` to cancel, and the
 * response `{id}`. `start` is a real UTC instant (the seed's 09:00:00Z for 9:00 local was a bug).
 */
import { z } from 'zod';

export const calendarMetadataSchema = z.looseObject({
  guest_page: z.url(),
  revenue: z.number(),
  crew_cost: z.number(),
  captain_cost: z.number(),
  port_fee: z.number(),
  net_profit: z.number(),
});

export const calendarEntryRequestSchema = z.strictObject({
  calendar_id: z.string().min(1).max(200),
  title: z.string().min(1).max(500),
  start: z.iso.datetime(),
  duration_minutes: z
    .number()
    .int()
    .positive()
    .max(60 * 24 * 14),
  metadata: calendarMetadataSchema,
});
export type CalendarEntryRequest = z.infer<typeof calendarEntryRequestSchema>;

export const calendarEntryResponseSchema = z.looseObject({ id: z.string().min(1) });

/** What the pipeline needs from a calendar. Every call carries an idempotency key. */
export interface CalendarClient {
  createEntry(entry: CalendarEntryRequest, idempotencyKey: string): Promise<{ id: string }>;
  updateEntry(
    id: string,
    entry: CalendarEntryRequest,
    idempotencyKey: string,
  ): Promise<{ id: string }>;
  cancelEntry(id: string, idempotencyKey: string): Promise<void>;
}
