/**
 * *Apply changes* and *Cancel charter* (a change email's card, or `/charter cancel`): the
 * `change.apply` job applies it to the booking and re-runs what it affects.
 */
import type { App, BlockAction, ButtonAction } from '@slack/bolt';
import type { SlackDeps } from '../../../src/slack/slack-deps.ts';
import { ACTION_IDS } from '../../block-ids.ts';
import { approverOf, refuseApproval } from './card-approver.ts';

export function registerApplyChangeButtons(app: App, deps: SlackDeps): void {
  for (const actionId of [ACTION_IDS.applyChanges, ACTION_IDS.cancelCharter]) {
    app.action<BlockAction<ButtonAction>>(actionId, async ({ ack, body, action, client }) => {
      await ack();
      const { tenant, allowed } = approverOf(deps, body);
      if (!tenant || !allowed) return refuseApproval(body, client, tenant);
      if (!action.value) return;
      await deps.enqueue({
        type: 'change.apply',
        tenantId: tenant.id,
        target: action.value,
        userId: body.user.id,
        ...(body.channel && body.message
          ? { card: { channelId: body.channel.id, ts: body.message.ts } }
          : {}),
      });
    });
  }
}
