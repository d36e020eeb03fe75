/** *Dismiss* on an intake card: the draft closed, the card replaced by who dismissed it. */
import type { App, BlockAction, ButtonAction } from '@slack/bolt';
import type { SlackDeps } from '../../../src/slack/slack-deps.ts';
import { ACTION_IDS } from '../../block-ids.ts';
import { approverOf, refuseApproval } from './card-approver.ts';

export function registerReviewDismissButton(app: App, deps: SlackDeps): void {
  app.action<BlockAction<ButtonAction>>(
    ACTION_IDS.reviewDismiss,
    async ({ ack, body, action, client }) => {
      await ack();
      const { tenant, allowed } = approverOf(deps, body);
      if (!tenant || !allowed) return refuseApproval(body, client, tenant);
      if (await deps.drafts.transition(tenant.id, action.value ?? '', 'open', 'dismissed')) {
        if (body.channel && body.message) {
          await client.chat.update({
            channel: body.channel.id,
            ts: body.message.ts,
            text: `Dismissed by <@${body.user.id}>.`,
            blocks: [],
          });
        }
        return;
      }
      // Not open any more (a stale card, or someone was quicker): say so instead of nothing.
      const draft = await deps.drafts.get(tenant.id, action.value ?? '');
      if (body.channel) {
        await client.chat.postEphemeral({
          channel: body.channel.id,
          user: body.user.id,
          ...(body.message?.thread_ts ? { thread_ts: body.message.thread_ts } : {}),
          text: draft
            ? `Nothing to dismiss: this card was already ${draft.status === 'approving' ? 'being approved' : draft.status}.`
            : 'Nothing to dismiss: deckhand has no record of this card any more.',
        });
      }
    },
  );
}
