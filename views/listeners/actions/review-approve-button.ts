/** *Review & approve* on an intake card: the approval modal for the card's open draft. */
import type { App, BlockAction, ButtonAction } from '@slack/bolt';
import type { SlackDeps } from '../../../src/slack/slack-deps.ts';
import { approvalDraftFromIntake } from '../../approval-draft.ts';
import { buildApprovalModal } from '../../approval-modal.ts';
import { ACTION_IDS } from '../../block-ids.ts';
import { approverOf, refuseApproval } from './card-approver.ts';

export function registerReviewApproveButton(app: App, deps: SlackDeps): void {
  app.action<BlockAction<ButtonAction>>(
    ACTION_IDS.reviewApprove,
    async ({ ack, body, action, client }) => {
      await ack();
      const { tenant, allowed } = approverOf(deps, body);
      if (!tenant || !allowed) return refuseApproval(body, client, tenant);
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
          notUnderstood: draft.intake.notUnderstood,
          evidence: draft.intake,
        }),
      });
    },
  );
}
