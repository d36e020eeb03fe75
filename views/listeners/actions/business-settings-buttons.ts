/**
 * App Home's *Set up your business* and *Edit business settings*: the business settings modal,
 * for admins only (checked here, and again when the modal is submitted).
 */
import type { App, BlockAction, ButtonAction } from '@slack/bolt';
import type { SlackDeps } from '../../../src/slack/slack-deps.ts';
import { teamOf } from '../../../src/slack/slack-deps.ts';
import {
  businessNamed,
  isBusinessAdmin,
  workspaceHasBusiness,
} from '../../../src/slack/workspace-roles.ts';
import { ACTION_IDS } from '../../block-ids.ts';
import { buildBusinessSettingsModal } from '../../business-settings-modal.ts';
import { buildSettingsRefusalModal } from '../../business-settings-refusal.ts';

export function registerBusinessSettingsButtons(app: App, deps: SlackDeps): void {
  app.action<BlockAction<ButtonAction>>(
    ACTION_IDS.openBusinessSetup,
    async ({ ack, body, client }) => {
      await ack();
      const teamId = teamOf(body as unknown as Record<string, unknown>);
      const userId = body.user.id;
      const open = (view: Parameters<typeof client.views.open>[0]['view']) =>
        client.views.open({ trigger_id: body.trigger_id, view });
      if (!teamId || !deps.tenants.storesTenants)
        return void (await open(buildSettingsRefusalModal('unknown')));
      if (workspaceHasBusiness(deps, teamId, userId))
        return void (await open(buildSettingsRefusalModal('exists')));
      const enterpriseId = body.enterprise?.id;
      if (!(await isBusinessAdmin(deps, client, { teamId, enterpriseId, userId })))
        return void (await open(buildSettingsRefusalModal('not_admin')));
      await open(buildBusinessSettingsModal({ teamId, userId }));
    },
  );

  app.action<BlockAction<ButtonAction>>(
    ACTION_IDS.editBusinessSettings,
    async ({ ack, body, action, client }) => {
      await ack();
      const teamId = teamOf(body as unknown as Record<string, unknown>);
      const userId = body.user.id;
      const open = (view: Parameters<typeof client.views.open>[0]['view']) =>
        client.views.open({ trigger_id: body.trigger_id, view });
      const tenant = businessNamed(deps, teamId, userId, action.value);
      // The button names the tenant; only the workspace's own business may be edited from it.
      if (!teamId || !tenant) return void (await open(buildSettingsRefusalModal('unknown')));
      const enterpriseId = body.enterprise?.id;
      if (!(await isBusinessAdmin(deps, client, { teamId, enterpriseId, userId, tenant })))
        return void (await open(buildSettingsRefusalModal('not_admin')));
      const stored = deps.tenants.stored(tenant.id);
      if (!stored) return void (await open(buildSettingsRefusalModal('read_only')));
      await open(
        buildBusinessSettingsModal({
          teamId,
          userId,
          editing: { tenant: stored.tenant, version: stored.version },
        }),
      );
    },
  );
}
