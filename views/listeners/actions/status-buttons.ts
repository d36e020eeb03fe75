/**
 * Buttons in a charter's thread: *Retry* re-runs failed steps; *Pick replacement* puts the
 * chosen person in place of a crew member who declined, then the pipeline updates the crew page,
 * the crew event and tells both people.
 */
import type { App, BlockAction, ButtonAction, StaticSelectAction } from '@slack/bolt';
import type { SlackDeps } from '../../../src/slack/slack-deps.ts';
import { teamOf } from '../../../src/slack/slack-deps.ts';
import { decodeReplacementChoice } from '../../action-values.ts';
import { ACTION_IDS } from '../../block-ids.ts';
import { buildRefusal } from '../../refusal.ts';
import { safe } from '../../slack-format.ts';

export function registerStatusButtons(app: App, deps: SlackDeps): void {
  const allowed = async (body: BlockAction, client: App['client']) => {
    const tenant = deps.routing.tenantFor({
      teamId: teamOf(body as unknown as Record<string, unknown>),
      channelId: body.channel?.id,
    });
    if (tenant && deps.routing.mayApprove(tenant, body.user.id)) return tenant;
    if (body.channel) {
      await client.chat.postEphemeral({
        channel: body.channel.id,
        user: body.user.id,
        ...buildRefusal(tenant ? { reason: 'not_approver', tenant } : { reason: 'no_tenant' }),
      });
    }
    return undefined;
  };

  app.action<BlockAction<ButtonAction>>(
    ACTION_IDS.retryPipeline,
    async ({ ack, body, action, client }) => {
      await ack();
      const tenant = await allowed(body, client);
      if (!tenant) return;
      const bookingId = action.value;
      if (!bookingId) return;
      // A button copied from another workspace's thread, or a booking since removed: say so.
      if (!(await deps.runtime.store.get(tenant.id, bookingId))) {
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

  app.action<BlockAction<StaticSelectAction>>(
    ACTION_IDS.pickReplacement,
    async ({ ack, body, action, client }) => {
      await ack();
      const tenant = await allowed(body, client);
      const choice = decodeReplacementChoice(action.selected_option.value);
      if (!tenant || !choice) return;
      await deps.enqueue({
        type: 'crew.replace',
        tenantId: tenant.id,
        bookingId: choice.bookingId,
        replacing: choice.replacing,
        personId: choice.personId,
      });
    },
  );
}
