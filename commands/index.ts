/** Intake listeners, one folder per Slack surface: /charter, message events, the message shortcut. */
import type { App } from '@slack/bolt';
import type { SlackDeps } from '../src/slack/slack-deps.ts';
import { registerMessages } from './messages/index.ts';
import { registerShortcuts } from './shortcuts/index.ts';
import { registerSlashCommands } from './slash-commands/index.ts';

export function registerCommands(app: App, deps: SlackDeps): void {
  registerSlashCommands(app, deps);
  registerMessages(app, deps);
  registerShortcuts(app, deps);
}
