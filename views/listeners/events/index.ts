/** Events API listeners on views: App Home. */
import type { App } from '@slack/bolt';
import type { SlackDeps } from '../../../src/slack/slack-deps.ts';
import { registerAppHomeOpened } from './app-home-opened.ts';

export function registerEvents(app: App, deps: SlackDeps): void {
  registerAppHomeOpened(app, deps);
}
