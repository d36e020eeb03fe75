/**
 * Closing out a charter, as the Slack job and `deckhand close` do it: save the close-out (one
 * conditional write), then give the calendar entry the actual figures, once per close-out
 * version (the idempotency key `<tenant>/<booking>/closeout/v<version>`, so a retry repeats the
 * same update and the calendar answers it once).
 */
import { centsToDecimal } from '../money/cents.ts';
import type { PipelineDeps } from '../pipeline/pipeline-deps.ts';
import { calendarEntryFor } from '../pipeline/steps/calendar-entry-step.ts';
import type { CloseOutRepository } from '../storage/ports/closeout-repository.ts';
import type { CloseOut } from './close-out.ts';
import { type RecordCloseOutInput, recordCloseOut } from './record-close-out.ts';

export interface ClosedOut {
  closeOut: CloseOut;
  /** The calendar entry updated with the actual figures, or why not. */
  calendar: { entryId: string; updated: true } | { updated: false; reason: string };
}

export async function closeOutCharter(
  deps: { closeOuts: CloseOutRepository; pipeline: PipelineDeps },
  input: RecordCloseOutInput,
): Promise<ClosedOut> {
  const closeOut = await recordCloseOut(deps.closeOuts, input);
  const { booking, tenant } = input;
  if (booking.status === 'cancelled') {
    return { closeOut, calendar: { updated: false, reason: 'the charter was cancelled' } };
  }
  const steps = await deps.pipeline.store.getSteps(tenant.id, booking.bookingId);
  const entryId = steps.find((s) => s.step === 'calendar_entry')?.result?.entryId;
  if (typeof entryId !== 'string') {
    return { closeOut, calendar: { updated: false, reason: 'the charter has no calendar entry' } };
  }
  const entry = calendarEntryFor(
    { ...booking, price: closeOut.actual },
    tenant,
    deps.pipeline.guestPageUrl(tenant, booking.guestSlug),
  );
  // The contract's six figures: port_fee stays the tenant's fees; extra costs and tips (keys with
  // a ':') are in net_profit only, as the seed's payload has no field for them.
  const fees = closeOut.actual.lines
    .filter((l) => l.key !== 'captain' && l.key !== 'crew' && !l.key.includes(':'))
    .reduce((sum, l) => sum + l.cents, 0);
  entry.metadata.port_fee = centsToDecimal(fees);
  await deps.pipeline
    .calendarFor(tenant)
    .updateEntry(entryId, entry, `${tenant.id}/${booking.bookingId}/closeout/v${closeOut.version}`);
  return { closeOut, calendar: { entryId, updated: true } };
}
