/** The upload counter in memory, with the DynamoDB counter's rule: never past the cap (unit tests, like MemoryBookingStore). */
import type { UploadCounter } from '../uploads/upload-counter.ts';

export class MemoryUploadCounter implements UploadCounter {
  readonly #counts = new Map<string, number>();

  async reserve(tenantId: string, bookingId: string, cap: number): Promise<boolean> {
    await Promise.resolve();
    const key = `${tenantId}#${bookingId}`;
    const count = this.#counts.get(key) ?? 0;
    if (count >= cap) return false;
    this.#counts.set(key, count + 1);
    return true;
  }

  async count(tenantId: string, bookingId: string): Promise<number> {
    await Promise.resolve();
    return this.#counts.get(`${tenantId}#${bookingId}`) ?? 0;
  }
}
