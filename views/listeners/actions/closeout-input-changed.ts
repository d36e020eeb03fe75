/**
 * A value changed in the close-out modal (`dispatch_action`): recompute the actual breakdown and
 * redraw with `views.update`, passing the view's `hash` so a stale redraw loses.
 */
import type { App, BlockAction } from '@slack/bolt';
import type { SlackDeps } from '../../../src/slack/slack-deps.ts';
import type { ViewStateValues } from '../../approval-submission.ts';
import { ACTION_IDS } from '../../block-ids.ts';
import { checkCloseOutForm, peopleInBlocks, readCloseOutForm } from '../../closeout-form.ts';
import { decodeCloseOutMetadata } from '../../closeout-ids.ts';
import { buildCloseOutModal } from '../../closeout-modal.ts';

const INPUTS = [
  ACTION_IDS.closeOutHours,
  ACTION_IDS.closeOutCost,
  ACTION_IDS.closeOutTips,
  ACTION_IDS.closeOutRefund,
  ACTION_IDS.closeOutCharge,
];

export function registerCloseOutInputChanged(app: App, deps: SlackDeps): void {
  for (const actionId of INPUTS) {
    app.action<BlockAction>(actionId, async ({ ack, body, client }) => {
      await ack();
      const view = body.view;
      const metadata = view ? decodeCloseOutMetadata(view.private_metadata) : undefined;
      const tenant = metadata
        ? deps.tenants.list().find((t) => t.id === metadata.tenantId)
        : undefined;
      if (!view || !metadata || !tenant || !deps.routing.mayApprove(tenant, body.user.id)) return;
      const booking = await deps.bookings.get(tenant.id, metadata.bookingId);
      if (!booking) return;
      const form = readCloseOutForm(
        view.state.values as ViewStateValues,
        peopleInBlocks(view.blocks as { block_id?: string }[]),
      );
      const checked = checkCloseOutForm(form, booking, tenant);
      const next = buildCloseOutModal({
        tenant,
        booking,
        metadata,
        form,
        actual: checked.ok ? checked.actual : undefined,
        problem: checked.ok ? undefined : Object.values(checked.errors)[0],
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
