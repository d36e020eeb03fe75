/** Intake listeners: the /charter command, forwarded emails, the message shortcut. */
import type { App } from '@slack/bolt';
import type { SlackDeps } from '../src/slack/slack-deps.ts';
import { registerCharterCommand } from './charter-command.ts';
import { registerCreateCharterShortcut } from './create-charter-shortcut.ts';
import { registerForwardedEmail } from './forwarded-email.ts';

export function registerCommands(app: App, deps: SlackDeps): void {
  registerCharterCommand(app, deps);
  registerForwardedEmail(app, deps);
  registerCreateCharterShortcut(app, deps);
}
