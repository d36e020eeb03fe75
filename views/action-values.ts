/** Values the app puts in Slack and reads back: the modal's private_metadata, replacement picks. */
import { z } from 'zod';
import { LIMITS } from './slack-format.ts';

const id = z.string().min(1).max(255);

export const approvalMetadataSchema = z.strictObject({
  tenantId: id,
  /** The stored draft (parsed intake) the modal approves. */
  draftId: id,
  /** Where the status message goes: the email's channel, or the ops channel for /charter. */
  channelId: id,
  /** The email's thread, when the booking came from a message. */
  threadTs: id.optional(),
  /** The review card the modal was opened from: once approved it says so and loses its buttons. */
  cardTs: id.optional(),
  /**
   * Whether the parsed booking includes a captain (the draft's; null: not said), so that the
   * submission is validated in memory, with no store read before the ack. Absent in modals opened
   * before it was added: the submission reads the draft first.
   */
  captainIncluded: z.boolean().nullable().optional(),
});
export type ApprovalMetadata = z.infer<typeof approvalMetadataSchema>;

/**
 * The modal's `private_metadata`: a small JSON of ids, never booking data or money.
 *
 * @example encodeApprovalMetadata({ tenantId: 'queen-of-san-diego', draftId: 'DR1', channelId: 'C0QSDOPS' })
 * // '{"tenantId":"queen-of-san-diego","draftId":"DR1","channelId":"C0QSDOPS"}'
 */
export function encodeApprovalMetadata(metadata: ApprovalMetadata): string {
  const text = JSON.stringify(approvalMetadataSchema.parse(metadata));
  if (text.length > LIMITS.privateMetadata)
    throw new RangeError(`private_metadata over ${LIMITS.privateMetadata} characters`);
  return text;
}

/**
 * Reads `view.private_metadata` back; undefined when it is not ours (stale or forged).
 *
 * @example decodeApprovalMetadata(view.private_metadata)?.draftId
 */
export function decodeApprovalMetadata(text: string): ApprovalMetadata | undefined {
  try {
    const parsed = approvalMetadataSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/** A pick in the replacement select: on booking `bookingId`, `personId` takes `replacing`'s place. */
export interface ReplacementChoice {
  bookingId: string;
  replacing: string;
  personId: string;
}

const PART = /^[A-Za-z0-9_-]{1,63}$/;

/**
 * The option value of a replacement pick, `booking|replacing|person` (booking ids and roster ids
 * have no `|`): at most 12 + 63 + 63 + 2 characters, within Slack's 150 for option values.
 *
 * @example encodeReplacementChoice({ bookingId: 'BKABCDEFGHJK', replacing: 'kai', personId: 'nina' })
 * // 'BKABCDEFGHJK|kai|nina'
 */
export function encodeReplacementChoice(choice: ReplacementChoice): string {
  const parts = [choice.bookingId, choice.replacing, choice.personId];
  if (!parts.every((p) => PART.test(p)))
    throw new RangeError(`not an id: ${JSON.stringify(parts)}`);
  const value = parts.join('|');
  if (value.length > LIMITS.optionValue)
    throw new RangeError(`replacement value over ${LIMITS.optionValue} characters`);
  return value;
}

/**
 * Reads a replacement pick back from `action.selected_option.value`; undefined when malformed.
 *
 * @example decodeReplacementChoice('BKABCDEFGHJK|kai|nina')?.personId // 'nina'
 */
export function decodeReplacementChoice(value: string): ReplacementChoice | undefined {
  const parts = value.split('|');
  if (parts.length !== 3 || !parts.every((p) => PART.test(p))) return undefined;
  const [bookingId, replacing, personId] = parts as [string, string, string];
  return { bookingId, replacing, personId };
}
