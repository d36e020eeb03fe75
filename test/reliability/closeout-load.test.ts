/**
 * Load: 50 charters closed out at once on DynamoDB (dynalite), four editors racing on each:
 * every editor starts from the version it read, conflicts are reported (VersionConflictError)
 * and retried from a fresh read, never merged. In the end every charter has one version per
 * editor, each saved version is exactly one editor's values, and every stored total is exact
 * (the breakdown recomputed from the stored actuals, net = revenue − costs, and the tenant's
 * total the sum of its charters). The figures are printed (LOAD: …).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { VersionConflictError } from '../../src/bookings/booking.ts';
import type { CloseOutActuals } from '../../src/closeout/compute-actual.ts';
import { computeActual, plannedHours } from '../../src/closeout/compute-actual.ts';
import { recordCloseOut } from '../../src/closeout/record-close-out.ts';
import { type Harness, startHarness } from '../support/pipeline-harness.ts';

const CHARTERS = 50;
const EDITORS = 4;

let h: Harness;
afterEach(async () => {
  await h?.close();
});

describe('50 close-outs at once, with racing edits', () => {
  it('keeps every total exact, reports every conflict and merges nothing', {
    timeout: 300_000,
  }, async () => {
    h = await startHarness();
    const ids = await Promise.all(
      Array.from({ length: CHARTERS }, (_, n) =>
        h.book(
          `June 2 9am 3h $${840 + n}.75 for Guest Number${n} party of 4 #CLOSE${String(n).padStart(4, '0')}`,
        ),
      ),
    );
    expect(new Set(ids).size).toBe(CHARTERS);
    const closeOuts = h.runtime.slackPorts.closeOuts;
    const bookings = await Promise.all(ids.map((id) => h.runtime.store.get(h.tenant.id, id)));
    /** Editor e's values on charter c: fuel and tips both unique to (c, e), so a merge shows. */
    const edit = (c: number, e: number, hours: CloseOutActuals['hours']): CloseOutActuals => ({
      hours: hours.map((p) => ({ ...p, minutes: p.minutes + e * 15 })),
      extraCosts: [{ kind: 'fuel', cents: 1_000 * (c + 1) + e, note: `editor ${e}` }],
      tipsCents: 100 * (c + 1) + e,
      refundCents: 0,
      extraChargeCents: e * 7,
    });
    let attempts = 0;
    let conflicts = 0;
    const started = Date.now();
    await Promise.all(
      bookings.flatMap((booking, c) => {
        if (!booking) throw new Error('not booked');
        const now = new Date(Date.parse(booking.endsAt) + 3_600_000);
        const planned = plannedHours(booking, h.tenant);
        return Array.from({ length: EDITORS }, async (_, e) => {
          // Each editor reads, edits and saves; a conflict means re-read and try again.
          for (;;) {
            const current = await closeOuts.get(h.tenant.id, booking.bookingId);
            attempts += 1;
            try {
              await recordCloseOut(closeOuts, {
                booking,
                tenant: h.tenant,
                actuals: edit(c, e, planned),
                expectedVersion: current?.version ?? 0,
                by: `cli:editor-${e}`,
                now,
              });
              return;
            } catch (error) {
              if (!(error instanceof VersionConflictError)) throw error;
              conflicts += 1;
            }
          }
        });
      }),
    );
    const wallMs = Date.now() - started;
    console.log(
      `LOAD (close-out): ${CHARTERS} charters × ${EDITORS} editors: ${wallMs} ms, ${attempts} saves tried, ${conflicts} conflicts reported and retried`,
    );

    expect(attempts - conflicts).toBe(CHARTERS * EDITORS);
    expect(conflicts).toBeGreaterThan(0);
    const stored = await closeOuts.listByTenant(h.tenant.id);
    expect(stored).toHaveLength(CHARTERS);
    let total = 0;
    let expectedTotal = 0;
    for (const [c, booking] of bookings.entries()) {
      if (!booking) continue;
      const closeOut = stored.find((s) => s.bookingId === booking.bookingId);
      if (!closeOut) throw new Error(`no close-out for ${booking.bookingId}`);
      // One version per editor, each recorded by someone different.
      expect(closeOut.version).toBe(EDITORS);
      expect(closeOut.history.map((v) => v.version)).toEqual([1, 2, 3, 4]);
      expect(new Set(closeOut.history.map((v) => v.by)).size).toBe(EDITORS);
      // The last save is exactly its editor's values: nothing merged from another.
      const e = Number(closeOut.history.at(-1)?.by.replace('cli:editor-', ''));
      const mine = edit(c, e, plannedHours(booking, h.tenant));
      expect({
        hours: closeOut.hours,
        extraCosts: closeOut.extraCosts,
        tipsCents: closeOut.tipsCents,
        refundCents: closeOut.refundCents,
        extraChargeCents: closeOut.extraChargeCents,
      }).toEqual(mine);
      // Every stored total exact.
      const recomputed = computeActual(booking, h.tenant, mine);
      expect(closeOut.actual).toEqual(recomputed);
      expect(closeOut.actual.costCents).toBe(
        closeOut.actual.lines.reduce((sum, l) => sum + l.cents, 0),
      );
      expect(closeOut.actual.netCents).toBe(
        closeOut.actual.revenueCents - closeOut.actual.costCents,
      );
      total += closeOut.actual.netCents;
      expectedTotal += recomputed.netCents;
    }
    expect(total).toBe(expectedTotal);
  });
});
