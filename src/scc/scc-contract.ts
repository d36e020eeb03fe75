/**
 * The ShipCaptainCrew (SCC) contract from the seed: `POST {SCC_URL}` with `X-Service-Key`
 * and a JSON body with an `action`. `create_event` carries event_name, start_time (a real UTC
 * instant), duration_hours, crew_ids, captain_id, notes, revenue, crew_rate, captain_rate (the
 * seed sends money to SCC; deckhand scrubs it from the crew-visible record right after).
 * deckhand's extensions, honoured by the built-in service: an `Idempotency-Key` header,
 * `patch_event` and `get_event`, and the responses below.
 */
import { z } from 'zod';

export const sccCreateEventSchema = z.strictObject({
  action: z.literal('create_event'),
  event_name: z.string().min(1).max(300),
  start_time: z.iso.datetime(),
  duration_hours: z
    .number()
    .positive()
    .max(24 * 14),
  crew_ids: z.array(z.string().min(1).max(100)).max(50),
  captain_id: z.string().min(1).max(100).nullable(),
  notes: z.string().max(10_000),
  revenue: z.number().optional(),
  crew_rate: z.number().optional(),
  captain_rate: z.number().optional(),
});
export type SccCreateEvent = z.infer<typeof sccCreateEventSchema>;

export const sccPatchEventSchema = z.strictObject({
  action: z.literal('patch_event'),
  event_id: z.string().min(1).max(100),
  event_name: z.string().min(1).max(300).optional(),
  start_time: z.iso.datetime().optional(),
  duration_hours: z
    .number()
    .positive()
    .max(24 * 14)
    .optional(),
  crew_ids: z.array(z.string().min(1).max(100)).max(50).optional(),
  captain_id: z.string().min(1).max(100).nullable().optional(),
  notes: z.string().max(10_000).optional(),
  status: z.enum(['scheduled', 'cancelled']).optional(),
  /** `null` removes the field: how the revenue scrub clears money from an external SCC. */
  revenue: z.null().optional(),
  crew_rate: z.null().optional(),
  captain_rate: z.null().optional(),
});
export type SccPatchEvent = z.infer<typeof sccPatchEventSchema>;

export const sccGetEventSchema = z.strictObject({
  action: z.literal('get_event'),
  event_id: z.string().min(1).max(100),
});

/** The seed's "presigned SCC endpoint" for guest photos, as an action of the same API. */
export const sccPresignUploadSchema = z.strictObject({
  action: z.literal('presign_upload'),
  event_id: z.string().min(1).max(100),
  content_type: z.string().min(1).max(100),
  size: z.number().int().positive(),
});

export const sccRequestSchema = z.discriminatedUnion('action', [
  sccCreateEventSchema,
  sccPatchEventSchema,
  sccGetEventSchema,
  sccPresignUploadSchema,
]);
export type SccRequest = z.infer<typeof sccRequestSchema>;

/** The crew-visible event record as SCC returns it. Money fields appear only until scrubbed. */
export const sccEventSchema = z.looseObject({
  event_id: z.string(),
  event_name: z.string(),
  start_time: z.string(),
  duration_hours: z.number(),
  crew_ids: z.array(z.string()),
  captain_id: z.string().nullable(),
  notes: z.string(),
  status: z.enum(['scheduled', 'cancelled']),
  revenue: z.number().optional(),
  crew_rate: z.number().optional(),
  captain_rate: z.number().optional(),
});
export type SccEvent = z.infer<typeof sccEventSchema>;

/** What the pipeline needs from SCC. Every write carries an idempotency key. */
export interface SccClient {
  createEvent(
    request: Omit<SccCreateEvent, 'action'>,
    idempotencyKey: string,
  ): Promise<{ eventId: string }>;
  patchEvent(request: Omit<SccPatchEvent, 'action'>, idempotencyKey: string): Promise<void>;
  getEvent(eventId: string): Promise<SccEvent>;
}
