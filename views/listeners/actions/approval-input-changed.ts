/**
 * A price input changed in the approval modal (`dispatch_action`): recompute the cost breakdown
 * and redraw the modal with `views.update`, passing the view's `hash` so a stale redraw loses.
 */
import type { App, BlockAction } from '@slack/bolt';
import type { SlackDeps } from '../../../src/slack/slack-deps.ts';
import { decodeApprovalMetadata } from '../../action-values.ts';
import { buildApprovalModal } from '../../approval-modal.ts';
import { readApprovalDraft, type ViewStateValues } from '../../approval-submission.ts';
import { ACTION_IDS } from '../../block-ids.ts';

const PRICE_INPUTS = [
  ACTION_IDS.approvalDuration,
  ACTION_IDS.approvalPartySize,
  ACTION_IDS.approvalRevenue,
  ACTION_IDS.approvalCaptain,
  ACTION_IDS.approvalCrew,
];

export function registerApprovalInputChanged(app: App, deps: SlackDeps): void {
  for (const actionId of PRICE_INPUTS) {
    app.action<BlockAction>(actionId, async ({ ack, body, client }) => {
      await ack();
      const view = body.view;
      const metadata = view ? decodeApprovalMetadata(view.private_metadata) : undefined;
      const tenant = metadata
        ? deps.tenants.list().find((t) => t.id === metadata.tenantId)
        : undefined;
      const draft =
        metadata && tenant ? await deps.drafts.get(tenant.id, metadata.draftId) : undefined;
      if (!view || !metadata || !tenant || !draft) return;
      const next = buildApprovalModal({
        tenant,
        now: deps.clock(),
        metadata,
        draft: readApprovalDraft(
          view.state.values as ViewStateValues,
          draft.intake.captainIncluded,
        ),
        marketplaceId: draft.intake.bookingId,
        missing: draft.intake.missing,
        warnings: draft.intake.warnings,
        notUnderstood: draft.intake.notUnderstood,
        evidence: draft.intake,
      });
      try {
        await client.views.update({ view_id: view.id, hash: view.hash, view: next });
      } catch (error) {
        // hash_conflict: a newer change already redrew the modal; that redraw wins.
        if ((error as { data?: { error?: string } }).data?.error !== 'hash_conflict') throw error;
      }
    });
  }
}
