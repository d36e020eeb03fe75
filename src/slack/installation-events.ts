/**
 * `app_uninstalled` and `tokens_revoked` (Slack sends both when a workspace removes deckhand):
 * the workspace's installation is removed, so its later requests are refused and its queued
 * Slack work waits for a reinstall. Bolt skips `authorize` for these two events, so they arrive
 * even though the token is gone.
 */
import type { App } from '@slack/bolt';
import type { Logger } from '../logging/logger.ts';
import type { SlackInstallationStore } from './slack-oauth.ts';

export const INSTALLATION_EVENTS = ['app_uninstalled', 'tokens_revoked'] as const;

export interface InstallationEventDeps {
  store: SlackInstallationStore;
  logger: Logger;
  /** Drops cached tokens of the workspace. */
  forget(teamId: string | undefined): void;
}

export function registerInstallationEvents(app: App, deps: InstallationEventDeps): void {
  const remove = async (
    body: { team_id?: string; enterprise_id?: string; is_enterprise_install?: boolean },
    why: string,
  ) => {
    const org = body.is_enterprise_install === true;
    await deps.store.deleteInstallation({
      teamId: org ? undefined : body.team_id,
      enterpriseId: body.enterprise_id,
      isEnterpriseInstall: org,
    } as never);
    deps.forget(body.team_id);
    deps.logger.warn(
      { teamId: body.team_id, enterpriseId: body.enterprise_id, why },
      'removed a Slack installation: its requests are refused until deckhand is installed again',
    );
  };
  app.event('app_uninstalled', async ({ body }) => {
    await remove(body as never, 'app_uninstalled');
  });
  app.event('tokens_revoked', async ({ event, body }) => {
    // Only the bot's token matters: user tokens (none are asked for) leave the install in place.
    if ((event.tokens.bot ?? []).length === 0) return;
    await remove(body as never, 'tokens_revoked');
  });
}
