/** App Home: upcoming charters with crew status and links, and for approvers the Money section. */
import type { App } from '@slack/bolt';
import { upcomingCharters } from '../../../src/slack/charter-entries.ts';
import { homeMoney } from '../../../src/slack/report-replies.ts';
import type { SlackDeps } from '../../../src/slack/slack-deps.ts';
import { teamOf } from '../../../src/slack/slack-deps.ts';
import { buildHomeView } from '../../home-view.ts';

export function registerAppHomeOpened(app: App, deps: SlackDeps): void {
  app.event('app_home_opened', async ({ event, body, client }) => {
    if (event.tab !== 'home') return;
    const tenant = deps.routing.tenantFor({
      teamId: teamOf(body as unknown as Record<string, unknown>),
      userId: event.user,
    });
    if (!tenant) return;
    const now = deps.clock();
    const upcoming = await upcomingCharters(deps, tenant);
    // Money only for approvers, decided here on the server; others' Home has none.
    const money = deps.routing.mayApprove(tenant, event.user)
      ? await homeMoney(deps, tenant)
      : undefined;
    await client.views.publish({
      user_id: event.user,
      view: buildHomeView({ upcoming, tenant, now, money }),
    });
  });
}
