/**
 * The approval modal submitted: validate (answered inline within Slack's 3 seconds), close the
 * modal, then book and run the pipeline after the acknowledgement. The draft is claimed with one
 * conditional write, so a double submit or a re-delivery books once.
 */
import { randomUUID } from 'node:crypto';
import type { App } from '@slack/bolt';
import type { SlackDeps } from '../../../src/slack/slack-deps.ts';
import { decodeApprovalMetadata } from '../../action-values.ts';
import { overlapErrors } from '../../approval-overlaps.ts';
import { readApprovalSubmission, type ViewStateValues } from '../../approval-submission.ts';
import { CALLBACK_IDS } from '../../block-ids.ts';

export function registerApprovalSubmitted(app: App, deps: SlackDeps): void {
  app.view(CALLBACK_IDS.approvalModal, async ({ ack, view, body }) => {
    const metadata = decodeApprovalMetadata(view.private_metadata);
    const tenant = metadata
      ? deps.tenants.list().find((t) => t.id === metadata.tenantId)
      : undefined;
    if (!metadata || !tenant) {
      await ack({ response_action: 'errors', errors: {} });
      return;
    }
    const validate = (captainIncluded: boolean | null) =>
      readApprovalSubmission(view.state.values as ViewStateValues, tenant, deps.clock(), {
        captainIncluded,
      });
    // The modal carries what validation needs: a submission with errors is answered from memory,
    // before any store read (modals opened before it carried `captainIncluded` read the draft).
    const early =
      metadata.captainIncluded === undefined ? undefined : validate(metadata.captainIncluded);
    if (early && !early.ok && deps.routing.mayApprove(tenant, body.user.id)) {
      await ack({ response_action: 'errors', errors: early.errors });
      return;
    }
    const draft = await deps.drafts.get(tenant.id, metadata.draftId);
    if (!draft) {
      await ack({ response_action: 'errors', errors: {} });
      return;
    }
    if (!deps.routing.mayApprove(tenant, body.user.id)) {
      await ack({ response_action: 'clear' });
      return;
    }
    const read = validate(draft.intake.captainIncluded);
    if (!read.ok) {
      await ack({ response_action: 'errors', errors: read.errors });
      return;
    }
    const overlaps = overlapErrors(read.value, tenant, await deps.bookings.listByTenant(tenant.id));
    if (Object.keys(overlaps).length > 0) {
      await ack({ response_action: 'errors', errors: overlaps });
      return;
    }
    await ack();
    await deps.enqueue({
      type: 'draft.approve',
      tenantId: tenant.id,
      draftId: draft.draftId,
      channelId: metadata.channelId,
      threadTs: metadata.threadTs ?? draft.threadTs,
      approvedBy: body.user.id,
      submission: read.value,
      claim: randomUUID(),
      ...(metadata.cardTs ? { cardTs: metadata.cardTs } : {}),
    });
  });
}
