/** Slash commands: `/charter`. */
import type { App } from '@slack/bolt';
import type { SlackDeps } from '../../src/slack/slack-deps.ts';
import { registerCharterCommand } from './charter-command.ts';

export function registerSlashCommands(app: App, deps: SlackDeps): void {
  registerCharterCommand(app, deps);
}
