/**
 * *Close out* / *Edit close-out* in a charter's thread: the close-out modal, pre-filled with the
 * stored close-out or the plan's hours. Approvers only (checked here, on submission and in the job).
 */
import type { App, BlockAction, ButtonAction } from '@slack/bolt';
import { plannedActuals } from '../../../src/closeout/compute-actual.ts';
import type { SlackDeps } from '../../../src/slack/slack-deps.ts';
import { ACTION_IDS } from '../../block-ids.ts';
import { checkCloseOutForm, formFromActuals } from '../../closeout-form.ts';
import { buildCloseOutModal } from '../../closeout-modal.ts';
import { buildRefusal } from '../../refusal.ts';
import { approverOf } from './card-approver.ts';

export function registerCloseOutOpenButton(app: App, deps: SlackDeps): void {
  app.action<BlockAction<ButtonAction>>(
    ACTION_IDS.closeOutOpen,
    async ({ ack, body, action, client }) => {
      await ack();
      const { tenant, allowed } = approverOf(deps, body);
      if (!tenant || !allowed) {
        if (!body.channel) return;
        await client.chat.postEphemeral({
          channel: body.channel.id,
          user: body.user.id,
          ...buildRefusal(
            tenant ? { reason: 'not_approver', tenant, action: 'close' } : { reason: 'no_tenant' },
          ),
        });
        return;
      }
      const booking = await deps.bookings.get(tenant.id, action.value ?? '');
      if (!booking || !body.channel) return;
      const stored = await deps.closeOuts.get(tenant.id, booking.bookingId);
      const form = formFromActuals(stored ?? plannedActuals(booking, tenant));
      const checked = checkCloseOutForm(form, booking, tenant);
      await client.views.open({
        trigger_id: body.trigger_id,
        view: buildCloseOutModal({
          tenant,
          booking,
          metadata: {
            tenantId: tenant.id,
            bookingId: booking.bookingId,
            version: stored?.version ?? 0,
            channelId: body.channel.id,
            ...(body.message ? { replyTs: body.message.ts } : {}),
          },
          form,
          actual: checked.ok ? checked.actual : undefined,
        }),
      });
    },
  );
}
