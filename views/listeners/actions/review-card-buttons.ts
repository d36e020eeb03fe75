/**
 * The buttons on intake cards: *Review & approve* opens the approval modal for the draft,
 * *Dismiss* closes the draft, *Apply changes* and *Cancel charter* apply a change email (or a
 * `/charter cancel`) to the booking and re-run what it affects.
 */
import type { App, BlockAction, ButtonAction } from '@slack/bolt';
import type { SlackDeps } from '../../../src/slack/slack-deps.ts';
import { teamOf } from '../../../src/slack/slack-deps.ts';
import { approvalDraftFromIntake } from '../../approval-draft.ts';
import { buildApprovalModal } from '../../approval-modal.ts';
import { ACTION_IDS } from '../../block-ids.ts';
import { buildRefusal } from '../../refusal.ts';

export function registerReviewCardButtons(app: App, deps: SlackDeps): void {
  const resolve = (body: BlockAction) => {
    const tenant = deps.routing.tenantFor({
      teamId: teamOf(body as unknown as Record<string, unknown>),
      channelId: body.channel?.id,
    });
    return { tenant, allowed: tenant ? deps.routing.mayApprove(tenant, body.user.id) : false };
  };
  const refuse = async (
    body: BlockAction,
    client: App['client'],
    tenant: ReturnType<typeof resolve>['tenant'],
  ) => {
    if (!body.channel) return;
    await client.chat.postEphemeral({
      channel: body.channel.id,
      user: body.user.id,
      ...buildRefusal(tenant ? { reason: 'not_approver', tenant } : { reason: 'no_tenant' }),
    });
  };

  app.action<BlockAction<ButtonAction>>(
    ACTION_IDS.reviewApprove,
    async ({ ack, body, action, client }) => {
      await ack();
      const { tenant, allowed } = resolve(body);
      if (!tenant || !allowed) return refuse(body, client, tenant);
      const draft = await deps.drafts.get(tenant.id, action.value ?? '');
      if (draft?.status !== 'open') return;
      await client.views.open({
        trigger_id: body.trigger_id,
        view: buildApprovalModal({
          tenant,
          now: deps.clock(),
          metadata: {
            tenantId: tenant.id,
            draftId: draft.draftId,
            channelId: draft.channelId,
            ...(draft.threadTs ? { threadTs: draft.threadTs } : {}),
            ...(body.message ? { cardTs: body.message.ts } : {}),
          },
          draft: approvalDraftFromIntake(draft.intake, tenant),
          marketplaceId: draft.intake.bookingId,
          missing: draft.intake.missing,
          warnings: draft.intake.warnings,
        }),
      });
    },
  );

  app.action<BlockAction<ButtonAction>>(
    ACTION_IDS.reviewDismiss,
    async ({ ack, body, action, client }) => {
      await ack();
      const { tenant, allowed } = resolve(body);
      if (!tenant || !allowed) return refuse(body, client, tenant);
      if (await deps.drafts.transition(tenant.id, action.value ?? '', 'open', 'dismissed')) {
        if (body.channel && body.message) {
          await client.chat.update({
            channel: body.channel.id,
            ts: body.message.ts,
            text: `Dismissed by <@${body.user.id}>.`,
            blocks: [],
          });
        }
      }
    },
  );

  for (const actionId of [ACTION_IDS.applyChanges, ACTION_IDS.cancelCharter]) {
    app.action<BlockAction<ButtonAction>>(actionId, async ({ ack, body, action, client }) => {
      await ack();
      const { tenant, allowed } = resolve(body);
      if (!tenant || !allowed) return refuse(body, client, tenant);
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
