/**
 * Buttons in a charter's thread: *Retry* re-runs failed steps; *Pick replacement* puts the
 * chosen person in place of a crew member who declined, then the pipeline updates the crew page,
 * the crew event and tells both people.
 */
import type { App, BlockAction, ButtonAction, StaticSelectAction } from '@slack/bolt';
import { assignReplacement } from '../../src/crew/replacements.ts';
import { runPipeline } from '../../src/pipeline/run-pipeline.ts';
import type { SlackDeps } from '../../src/slack/slack-deps.ts';
import { teamOf } from '../../src/slack/slack-deps.ts';
import { decodeReplacementChoice } from '../action-values.ts';
import { ACTION_IDS } from '../block-ids.ts';
import { buildRefusal } from '../refusal.ts';

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
      const bookingId = action.value ?? '';
      deps.background(async () => {
        await deps.runtime.store.resetFailedSteps(tenant.id, bookingId, deps.clock());
        await runPipeline(tenant, bookingId, deps.runtime.deps);
      });
    },
  );

  app.action<BlockAction<StaticSelectAction>>(
    ACTION_IDS.pickReplacement,
    async ({ ack, body, action, client }) => {
      await ack();
      const tenant = await allowed(body, client);
      const choice = decodeReplacementChoice(action.selected_option.value);
      if (!tenant || !choice) return;
      deps.background(async () => {
        const replacing = await deps.runtime.deps.crew.store.get(
          tenant.id,
          choice.bookingId,
          choice.replacing,
        );
        if (!replacing) return;
        await assignReplacement(
          deps.runtime.store,
          tenant,
          choice.bookingId,
          { role: replacing.role, personId: choice.personId, replacing: choice.replacing },
          deps.clock(),
          new Set([choice.replacing]),
        );
        await runPipeline(tenant, choice.bookingId, deps.runtime.deps);
      });
    },
  );
}
