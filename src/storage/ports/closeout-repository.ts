/** The port for charters' close-outs (actual hours and costs), versioned beside the booking. */
import type { CloseOut } from '../../closeout/close-out.ts';

export interface CloseOutRepository {
  get(tenantId: string, bookingId: string): Promise<CloseOut | undefined>;
  /**
   * Saves `closeOut` if the stored one is still at `expectedVersion` (0: none stored yet), with
   * `version = expectedVersion + 1`. Throws VersionConflictError (src/bookings/booking.ts) when
   * someone else saved first: the caller re-reads and asks the person, never merges silently.
   */
  save(closeOut: CloseOut, expectedVersion: number): Promise<CloseOut>;
  /** A tenant's close-outs (any order); never another tenant's. */
  listByTenant(tenantId: string): Promise<CloseOut[]>;
}
