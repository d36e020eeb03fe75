/**
 * The business settings modal submitted: checked again on the server (the workspace's own
 * business, an admin, not a tenants-file business), read and validated by the tenants file's
 * schema (issues inline), then saved as the next version before the acknowledgement. Saving here
 * rather than in a job is deliberate: it is one conditional write, and its refusal (someone
 * saved in between, the id is taken) must be shown in the form, which only the acknowledgement can do.
 */
import type { App } from '@slack/bolt';
import { DeckhandError } from '../../../src/errors.ts';
import { publishHome } from '../../../src/slack/home-tab.ts';
import type { SlackDeps } from '../../../src/slack/slack-deps.ts';
import { teamOf } from '../../../src/slack/slack-deps.ts';
import { lookUpPeople } from '../../../src/slack/workspace-people.ts';
import {
  businessNamed,
  isBusinessAdmin,
  workspaceHasBusiness,
} from '../../../src/slack/workspace-roles.ts';
import type { StoredTenant } from '../../../src/tenants/stored-tenant.ts';
import { BLOCK_IDS, CALLBACK_IDS } from '../../block-ids.ts';
import { decodeBusinessMetadata } from '../../business-settings-metadata.ts';
import { type SettingsRefusal, settingsRefusalText } from '../../business-settings-refusal.ts';
import {
  type BusinessStateValues,
  pickedPeople,
  readBusinessSettings,
} from '../../business-settings-submission.ts';

export function registerBusinessSettingsSubmitted(app: App, deps: SlackDeps): void {
  app.view(CALLBACK_IDS.businessSettingsModal, async ({ ack, view, body, client }) => {
    const teamId = teamOf(body as unknown as Record<string, unknown>);
    const enterpriseId = body.enterprise?.id;
    const userId = body.user.id;
    const refuse = (message: string) =>
      ack({ response_action: 'errors', errors: { [BLOCK_IDS.bizName]: message } });
    const refuseFor = (reason: SettingsRefusal) => refuse(settingsRefusalText(reason));

    const metadata = decodeBusinessMetadata(view.private_metadata);
    if (!metadata || !teamId || metadata.teamId !== teamId) return refuseFor('unknown');
    let previous: StoredTenant | undefined;
    if (metadata.tenantId !== undefined) {
      const named = businessNamed(deps, teamId, userId, metadata.tenantId);
      if (!named) return refuseFor('unknown');
      if (deps.tenants.source(named.id) === 'file') return refuseFor('read_only');
      previous = deps.tenants.stored(named.id);
      if (!previous) return refuseFor('unknown');
    } else if (workspaceHasBusiness(deps, teamId, userId)) return refuseFor('exists');
    if (
      !(await isBusinessAdmin(deps, client, {
        teamId,
        enterpriseId,
        userId,
        tenant: previous?.tenant,
      }))
    )
      return refuseFor('not_admin');

    const values = view.state.values as unknown as BusinessStateValues;
    const people = await lookUpPeople(client, deps.logger, pickedPeople(values));
    const read = readBusinessSettings({
      values,
      teamId,
      people,
      ...(previous ? { previous: previous.tenant } : {}),
      idTaken: (id) => deps.tenants.source(id) !== undefined,
    });
    if (!read.ok) return ack({ response_action: 'errors', errors: read.errors });
    try {
      await deps.tenants.save(read.tenant, {
        expectedVersion: metadata.version ?? 0,
        by: userId,
        at: deps.clock(),
      });
    } catch (error) {
      // A stale version, a taken id, a tenants-file id: said in the form, with what to do.
      if (error instanceof DeckhandError)
        return refuse(`${error.message} ${error.hint ?? ''}`.trim());
      throw error;
    }
    await ack();
    deps.logger.info({ tenantId: read.tenant.id, teamId, by: userId }, 'business settings saved');
    deps.background(() => publishHome(deps, client, { teamId, enterpriseId, userId }));
  });
}
