/** *Retry* in a charter's thread: the `pipeline.retry` job re-runs the failed steps. */
import type { App, BlockAction, ButtonAction } from '@slack/bolt';
import type { SlackDeps } from '../../../src/slack/slack-deps.ts';
import { ACTION_IDS } from '../../block-ids.ts';
import { safe } from '../../slack-format.ts';
import { approvingTenant } from './card-approver.ts';

export function registerRetryPipelineButton(app: App, deps: SlackDeps): void {
  app.action<BlockAction<ButtonAction>>(
    ACTION_IDS.retryPipeline,
    async ({ ack, body, action, client }) => {
      await ack();
      const tenant = await approvingTenant(deps, body, client);
      if (!tenant) return;
      const bookingId = action.value;
      if (!bookingId) return;
      // A button copied from another workspace's thread, or a booking since removed: say so.
      if (!(await deps.bookings.get(tenant.id, bookingId))) {
        if (body.channel) {
          await client.chat.postEphemeral({
            channel: body.channel.id,
            user: body.user.id,
            text: `${safe(tenant.name, 200)} has no charter ${safe(bookingId, 80)}, so there is nothing to retry. \`/charter list\` shows its charters.`,
          });
        }
        return;
      }
      await deps.enqueue({ type: 'pipeline.retry', tenantId: tenant.id, bookingId });
    },
  );
}
