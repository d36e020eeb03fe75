/** Step 2: the crew page (logistics, call time, checklist, roster; no money). */

import { crewPageModel, guestPageModel } from '../../pages/booking-page-models.ts';
import { renderCancelledCrewPage, renderCrewPage } from '../../pages/render-pages.ts';
import type { PipelineStep } from '../pipeline-step.ts';

export const crewPageStep: PipelineStep = {
  name: 'crew_page',
  dependsOn: [],
  inputs: (booking, tenant) => ({
    model: crewPageModel(booking, tenant, ''),
    cancelled: booking.status === 'cancelled',
  }),
  async run({ booking, tenant, deps, previous, idempotencyKey }) {
    const cancelled = booking.status === 'cancelled';
    const html = cancelled
      ? renderCancelledCrewPage(guestPageModel(booking, tenant))
      : renderCrewPage(
          crewPageModel(booking, tenant, deps.guestPageUrl(tenant, booking.guestSlug)),
        );
    const key = `c/${booking.crewSlug}.html`;
    // The crew page changes when crew are swapped: do not let browsers keep an old roster.
    await deps.objects.put({
      bucket: tenant.bucket,
      key,
      body: html,
      contentType: 'text/html; charset=utf-8',
      cacheControl: 'no-cache',
    });
    let invalidationId: string | undefined;
    if (previous?.result && tenant.cloudfrontDistributionId) {
      invalidationId = await deps.objects.invalidate(
        tenant.cloudfrontDistributionId,
        [`/c/${booking.crewSlug}`, `/c/${booking.crewSlug}.html`],
        idempotencyKey,
      );
    }
    return {
      key,
      url: deps.crewPageUrl(tenant, booking.crewSlug),
      cancelled,
      ...(invalidationId ? { invalidationId } : {}),
    };
  },
};
