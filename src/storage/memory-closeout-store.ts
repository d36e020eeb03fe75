/** The CloseOutRepository in memory, with the DynamoDB adapter's version check (unit tests, local use). */
import { VersionConflictError } from '../bookings/booking.ts';
import type { CloseOut } from '../closeout/close-out.ts';
import type { CloseOutRepository } from './ports/closeout-repository.ts';

export class MemoryCloseOutStore implements CloseOutRepository {
  readonly #items = new Map<string, CloseOut>();

  async get(tenantId: string, bookingId: string): Promise<CloseOut | undefined> {
    await Promise.resolve();
    const found = this.#items.get(`${tenantId}#${bookingId}`);
    return found ? structuredClone(found) : undefined;
  }

  async save(closeOut: CloseOut, expectedVersion: number): Promise<CloseOut> {
    await Promise.resolve();
    const key = `${closeOut.tenantId}#${closeOut.bookingId}`;
    const stored = this.#items.get(key);
    if ((stored?.version ?? 0) !== expectedVersion) {
      throw new VersionConflictError(
        `close-out of ${closeOut.bookingId} is no longer at version ${expectedVersion}`,
      );
    }
    const saved: CloseOut = structuredClone({ ...closeOut, version: expectedVersion + 1 });
    this.#items.set(key, saved);
    return structuredClone(saved);
  }

  async listByTenant(tenantId: string): Promise<CloseOut[]> {
    await Promise.resolve();
    return [...this.#items.values()]
      .filter((item) => item.tenantId === tenantId)
      .map((item) => structuredClone(item));
  }
}
