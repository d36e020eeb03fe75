/** Step 1: the guest page (or its cancellation notice) and its .ics, in the tenant's bucket. */

import { guestPageModel } from '../../pages/booking-page-models.ts';
import { buildGuestIcs } from '../../pages/guest-ics.ts';
import { renderCancelledGuestPage, renderGuestPage } from '../../pages/render-pages.ts';
import type { PipelineStep } from '../pipeline-step.ts';

export const guestPageStep: PipelineStep = {
  name: 'guest_page',
  dependsOn: [],
  inputs: (booking, tenant) => {
    // What the booking decides, not the clock: the photo section's state at render time is left
    // out (the page's script keeps it current), so time passing never re-publishes the page.
    const { uploads, ...page } = guestPageModel(booking, tenant);
    return {
      model: {
        ...page,
        uploads: {
          opensAt: uploads.opensAt,
          closesAt: uploads.closesAt,
          endpoint: uploads.endpoint,
        },
      },
      cancelled: booking.status === 'cancelled',
    };
  },
  async run({ booking, tenant, deps, previous, idempotencyKey }) {
    const cancelled = booking.status === 'cancelled';
    let connectSource: string | null = null;
    if (!cancelled) connectSource = await deps.objects.uploadOrigin(tenant.bucket);
    const model = guestPageModel(booking, tenant, {
      now: deps.clock(),
      uploadConnectSource: connectSource,
    });
    const html = cancelled ? renderCancelledGuestPage(model) : renderGuestPage(model);
    const key = `g/${booking.guestSlug}.html`;
    // Guests reload the page on the day: a short cache keeps changes visible. The page and its
    // calendar file are independent, so both go up at once.
    const page = { contentType: 'text/html; charset=utf-8', cacheControl: 'public, max-age=60' };
    const ics = { contentType: 'text/calendar; charset=utf-8', cacheControl: 'public, max-age=60' };
    await Promise.all([
      deps.objects.put({ bucket: tenant.bucket, key, body: html, ...page }),
      cancelled
        ? undefined
        : deps.objects.put({
            bucket: tenant.bucket,
            key: `g/${booking.guestSlug}.ics`,
            body: buildGuestIcs(model, deps.clock()),
            ...ics,
          }),
    ]);
    let invalidationId: string | undefined;
    const republished = previous?.result !== null && previous?.result !== undefined;
    if (republished && tenant.cloudfrontDistributionId) {
      invalidationId = await deps.objects.invalidate(
        tenant.cloudfrontDistributionId,
        [`/g/${booking.guestSlug}`, `/g/${booking.guestSlug}.html`, `/g/${booking.guestSlug}.ics`],
        idempotencyKey,
      );
    }
    return {
      key,
      url: deps.guestPageUrl(tenant, booking.guestSlug),
      cancelled,
      ...(invalidationId ? { invalidationId } : {}),
    };
  },
};
