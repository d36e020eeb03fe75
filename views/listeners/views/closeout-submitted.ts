/**
 * The close-out modal submitted: approvers only; values checked and answered inline within
 * Slack's 3 seconds (`response_action: 'errors'`), including a close-out someone else saved
 * since the modal opened; then the `closeout.save` job saves it after the acknowledgement.
 */
import { randomUUID } from 'node:crypto';
import type { App } from '@slack/bolt';
import type { SlackDeps } from '../../../src/slack/slack-deps.ts';
import type { ViewStateValues } from '../../approval-submission.ts';
import { CALLBACK_IDS } from '../../block-ids.ts';
import { checkCloseOutForm, peopleInBlocks, readCloseOutForm } from '../../closeout-form.ts';
import { decodeCloseOutMetadata } from '../../closeout-ids.ts';

export function registerCloseOutSubmitted(app: App, deps: SlackDeps): void {
  app.view(CALLBACK_IDS.closeOutModal, async ({ ack, view, body }) => {
    const metadata = decodeCloseOutMetadata(view.private_metadata);
    const tenant = metadata
      ? deps.tenants.list().find((t) => t.id === metadata.tenantId)
      : undefined;
    const booking =
      metadata && tenant ? await deps.bookings.get(tenant.id, metadata.bookingId) : undefined;
    if (!metadata || !tenant || !booking) {
      await ack({ response_action: 'errors', errors: {} });
      return;
    }
    if (!deps.routing.mayApprove(tenant, body.user.id)) {
      await ack({ response_action: 'clear' });
      return;
    }
    const people = peopleInBlocks(view.blocks as { block_id?: string }[]);
    const checked = checkCloseOutForm(
      readCloseOutForm(view.state.values as ViewStateValues, people),
      booking,
      tenant,
    );
    if (!checked.ok) {
      await ack({ response_action: 'errors', errors: checked.errors });
      return;
    }
    const stored = await deps.closeOuts.get(tenant.id, booking.bookingId);
    if ((stored?.version ?? 0) !== metadata.version) {
      const first = (view.blocks as { type: string; block_id?: string }[]).find(
        (b) => b.type === 'input',
      );
      await ack({
        response_action: 'errors',
        errors: {
          [first?.block_id ?? '']:
            'Someone else saved this close-out while you had it open; nothing was merged. Close this and click Edit close-out in the thread to see theirs.',
        },
      });
      return;
    }
    await ack();
    await deps.enqueue({
      type: 'closeout.save',
      tenantId: tenant.id,
      bookingId: booking.bookingId,
      userId: body.user.id,
      expectedVersion: metadata.version,
      requestId: randomUUID(),
      channelId: metadata.channelId,
      ...(metadata.replyTs ? { replyTs: metadata.replyTs } : {}),
      actuals: checked.actuals,
    });
  });
}
