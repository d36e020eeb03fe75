/**
 * closeOutCharter on memory adapters: the close-out saved with who and what changed, the calendar
 * entry updated with the actual figures once per version, a retried submission finding its own
 * save, another's save refused, and a charter not yet ended refused.
 */
import { describe, expect, it } from 'vitest';
import { VersionConflictError } from '../../src/bookings/booking.ts';
import { closeOutCharter } from '../../src/closeout/close-out-charter.ts';
import { CloseOutInputError, plannedHours } from '../../src/closeout/compute-actual.ts';
import { EXAMPLE_TENANTS_FILE } from '../../src/config/config.ts';
import { approveBooking } from '../../src/pipeline/book-from-intake.ts';
import { runPipeline } from '../../src/pipeline/run-pipeline.ts';
import { MemoryCloseOutStore } from '../../src/storage/memory-closeout-store.ts';
import { loadTenantsFile } from '../../src/tenants/tenant-registry.ts';
import { bookingIntake, memoryPipeline } from '../support/memory-pipeline.ts';

const tenants = await loadTenantsFile(EXAMPLE_TENANTS_FILE);
const QUEEN = tenants.get('queen-of-san-diego');
const now = new Date();

async function ranCharter() {
  const p = memoryPipeline(QUEEN, { now });
  const { booking } = await approveBooking(p.store, QUEEN, bookingIntake(now), { now });
  const { booking: active } = await runPipeline(QUEEN, booking.bookingId, p.deps);
  const closeOuts = new MemoryCloseOutStore();
  const after = new Date(Date.parse(active.endsAt) + 3_600_000);
  const input = (fuelCents: number, expectedVersion: number, requestId?: string) => ({
    booking: active,
    tenant: QUEEN,
    actuals: {
      hours: plannedHours(active, QUEEN),
      extraCosts: [{ kind: 'fuel' as const, cents: fuelCents, note: '' }],
      tipsCents: 0,
      refundCents: 0,
      extraChargeCents: 0,
    },
    expectedVersion,
    by: 'U0DANAOPS',
    now: after,
    ...(requestId ? { requestId } : {}),
  });
  return { p, booking: active, closeOuts, input, deps: { closeOuts, pipeline: p.deps } };
}

describe('closeOutCharter', () => {
  it('saves version 1 and gives the calendar entry the actual figures, keyed by the version', async () => {
    const { p, booking, deps, input } = await ranCharter();
    const created = p.calendar.calls.length;

    const { closeOut, calendar } = await closeOutCharter(deps, input(4_500, 0));

    // $1,200 revenue: port fee 216.00, captain 150.00, crew 250.00, fuel 45.00
    expect(closeOut.actual.netCents).toBe(120_000 - 21_600 - 15_000 - 25_000 - 4_500);
    expect(closeOut.history).toEqual([expect.objectContaining({ version: 1, by: 'U0DANAOPS' })]);
    expect(calendar.updated).toBe(true);
    const update = p.calendar.calls.slice(created);
    expect(update).toHaveLength(1);
    expect(update[0]).toMatchObject({
      op: 'update',
      key: `${QUEEN.id}/${booking.bookingId}/closeout/v1`,
      entry: { metadata: { revenue: 1200, port_fee: 216, net_profit: 539 } },
    });
  });

  it('re-closing records what changed; a stale version is refused, nothing merged', async () => {
    const { deps, input, closeOuts, booking } = await ranCharter();
    await closeOutCharter(deps, input(4_500, 0));

    const second = await closeOutCharter(deps, input(6_000, 1));
    await expect(closeOutCharter(deps, input(9_900, 1))).rejects.toBeInstanceOf(
      VersionConflictError,
    );

    expect(second.closeOut.history[1]?.summary).toBe('costs: fuel $60.00');
    const stored = await closeOuts.get(QUEEN.id, booking.bookingId);
    expect(stored?.version).toBe(2);
    expect(stored?.extraCosts[0]?.cents).toBe(6_000);
  });

  it('a retried submission finds its own save (same requestId), another one is a conflict', async () => {
    const { deps, input } = await ranCharter();
    const first = await closeOutCharter(deps, input(4_500, 0, 'req-aaaaaaaaaaaaaaaa'));

    const retried = await closeOutCharter(deps, input(4_500, 0, 'req-aaaaaaaaaaaaaaaa'));

    expect(retried.closeOut).toEqual(first.closeOut);
    await expect(
      closeOutCharter(deps, input(4_500, 0, 'req-bbbbbbbbbbbbbbbb')),
    ).rejects.toBeInstanceOf(VersionConflictError);
  });

  it('refuses a charter that has not ended yet', async () => {
    const { deps, input } = await ranCharter();
    await expect(closeOutCharter(deps, { ...input(0, 0), now })).rejects.toBeInstanceOf(
      CloseOutInputError,
    );
  });
});
