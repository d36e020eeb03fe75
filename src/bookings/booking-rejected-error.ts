/** Why a booking cannot be approved (or changed) as it stands: approval and crew replacement both refuse with it. */
import { DeckhandError } from '../errors.ts';

/** A booking that cannot be approved as it stands, and why. */
export class BookingRejectedError extends DeckhandError {
  override readonly name = 'BookingRejectedError';
}
