/** Counts the photo uploads a booking has been given, so a per-booking cap holds under races. */
export interface UploadCounter {
  /**
   * Takes one upload from the booking's allowance with a single conditional write: true when the
   * count was below `cap` (it is now one higher), false when the cap is reached.
   */
  reserve(tenantId: string, bookingId: string, cap: number): Promise<boolean>;
  /** How many uploads the booking has been given so far. */
  count(tenantId: string, bookingId: string): Promise<number>;
}
