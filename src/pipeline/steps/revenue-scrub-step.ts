/**
 * Step 5, after the crew event exists: remove revenue and rates from the crew-visible event
 * record and strip money from its notes, then read it back and prove no money remains.
 */
import { PermanentError } from '../../external-errors.ts';
import { findMoneyInRecord } from '../../scc/money-scrub.ts';
import type { PipelineStep } from '../pipeline-step.ts';
import { crewEventStep } from './crew-event-step.ts';

export const revenueScrubStep: PipelineStep = {
  name: 'revenue_scrub',
  dependsOn: ['crew_event'],
  // Exactly when the crew event is (re)written.
  inputs: (booking, tenant) => crewEventStep.inputs(booking, tenant),
  async run({ tenant, deps, upstream, idempotencyKey }) {
    const eventId = upstream.crew_event?.eventId;
    if (typeof eventId !== 'string') return { eventId: null, verified: true };
    const scrubber = deps.scrubberFor(tenant);
    await scrubber.scrub(eventId, idempotencyKey);
    const leftovers = findMoneyInRecord(await scrubber.read(eventId));
    if (leftovers.length > 0) {
      throw new PermanentError(
        'SCC',
        `money is still visible to crew after the scrub: ${leftovers.join(', ')}`,
        {
          hint: 'Check the SCC event record by hand; crew must not see revenue or rates.',
        },
      );
    }
    return { eventId, verified: true };
  },
};
