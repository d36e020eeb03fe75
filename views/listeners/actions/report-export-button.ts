/**
 * *Export CSV* on the P&L (`/charter report`) or App Home's Money section: approvers only,
 * checked here and again in the job; the `report.csv` job uploads the file to the clicker's DM.
 */
import { randomUUID } from 'node:crypto';
import type { App, BlockAction, ButtonAction } from '@slack/bolt';
import type { SlackDeps } from '../../../src/slack/slack-deps.ts';
import { teamOf } from '../../../src/slack/slack-deps.ts';
import { ACTION_IDS } from '../../block-ids.ts';
import { buildRefusal } from '../../refusal.ts';

export function registerReportExportButton(app: App, deps: SlackDeps): void {
  app.action<BlockAction<ButtonAction>>(
    ACTION_IDS.reportExportCsv,
    async ({ ack, body, action, client, respond }) => {
      await ack();
      const tenant = deps.routing.tenantFor({
        teamId: teamOf(body as unknown as Record<string, unknown>),
        channelId: body.channel?.id,
        userId: body.user.id,
      });
      if (!tenant || !deps.routing.mayApprove(tenant, body.user.id)) {
        const refusal = tenant
          ? buildRefusal({ reason: 'not_approver', tenant, action: 'report' })
          : buildRefusal({ reason: 'no_tenant' });
        // On a message: an ephemeral answer; on App Home (no channel): a DM.
        if (body.response_url)
          await respond({ response_type: 'ephemeral', replace_original: false, ...refusal });
        else await client.chat.postMessage({ channel: body.user.id, ...refusal });
        return;
      }
      await deps.enqueue({
        type: 'report.csv',
        tenantId: tenant.id,
        userId: body.user.id,
        period: (action.value ?? '').slice(0, 40),
        requestId: randomUUID(),
      });
      const note = { text: 'The CSV is on its way to your DM with deckhand.' };
      if (body.response_url)
        await respond({ response_type: 'ephemeral', replace_original: false, ...note });
    },
  );
}
