/**
 * App Home: the workspace's charters (and for approvers the Money section), or "Set up your
 * business" when it has none yet.
 */
import type { App } from '@slack/bolt';
import { publishHome } from '../../../src/slack/home-tab.ts';
import type { SlackDeps } from '../../../src/slack/slack-deps.ts';
import { teamOf } from '../../../src/slack/slack-deps.ts';

export function registerAppHomeOpened(app: App, deps: SlackDeps): void {
  app.event('app_home_opened', async ({ event, body, client }) => {
    if (event.tab !== 'home') return;
    await publishHome(deps, client, {
      teamId: teamOf(body as unknown as Record<string, unknown>),
      enterpriseId: (body as { enterprise_id?: string }).enterprise_id,
      userId: event.user,
    });
  });
}
