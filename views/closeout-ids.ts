/**
 * The close-out modal's repeated block ids (one per person, one per cost kind) and its
 * private_metadata: ids and the version it was opened at, never money.
 */
import { z } from 'zod';
import { type ExtraCostKind, extraCostKinds } from '../src/closeout/close-out.ts';
import { LIMITS } from './slack-format.ts';

export const hoursBlockId = (role: 'captain' | 'crew', personId: string): string =>
  `closeout_hours_${role}_${personId}`;
export const costBlockId = (kind: ExtraCostKind): string => `closeout_cost_${kind}`;
export const noteBlockId = (kind: ExtraCostKind): string => `closeout_note_${kind}`;

/** Every block id the modal may use for a repeated input (for tests that check ids). */
export const CLOSEOUT_ID_PATTERN = new RegExp(
  `^closeout_(hours_(captain|crew)_[a-z0-9-]+|(cost|note)_(${extraCostKinds.join('|')}))$`,
);

const id = z.string().min(1).max(255);
export const closeOutMetadataSchema = z.strictObject({
  tenantId: id,
  bookingId: id,
  /** The stored close-out's version when the modal opened (0: none): the save's condition. */
  version: z.number().int().min(0),
  channelId: id,
  /** The thread reply the modal was opened from: it shows the actual net once saved. */
  replyTs: id.optional(),
});
export type CloseOutMetadata = z.infer<typeof closeOutMetadataSchema>;

export function encodeCloseOutMetadata(metadata: CloseOutMetadata): string {
  const text = JSON.stringify(closeOutMetadataSchema.parse(metadata));
  if (text.length > LIMITS.privateMetadata)
    throw new RangeError(`private_metadata over ${LIMITS.privateMetadata} characters`);
  return text;
}

/** Reads `view.private_metadata` back; undefined when it is not ours (stale or forged). */
export function decodeCloseOutMetadata(text: string): CloseOutMetadata | undefined {
  try {
    const parsed = closeOutMetadataSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}
