/** Listeners for modals, message buttons, crew DMs and App Home, one folder per Slack surface. */
import type { App } from '@slack/bolt';
import type { SlackDeps } from '../../src/slack/slack-deps.ts';
import { registerActions } from './actions/index.ts';
import { registerEvents } from './events/index.ts';
import { registerViews } from './views/index.ts';

export function registerViewListeners(app: App, deps: SlackDeps): void {
  registerViews(app, deps);
  registerActions(app, deps);
  registerEvents(app, deps);
}
