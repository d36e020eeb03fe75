/** Intake listeners: /charter, forwarded emails, the message shortcut, bookings pasted in a DM or a mention. */
import type { App } from '@slack/bolt';
import type { SlackDeps } from '../src/slack/slack-deps.ts';
import { registerCharterCommand } from './charter-command.ts';
import { registerCreateCharterShortcut } from './create-charter-shortcut.ts';
import { registerForwardedEmail } from './forwarded-email.ts';
import { registerPastedBooking } from './pasted-booking.ts';

export function registerCommands(app: App, deps: SlackDeps): void {
  registerCharterCommand(app, deps);
  registerForwardedEmail(app, deps);
  registerCreateCharterShortcut(app, deps);
  registerPastedBooking(app, deps);
}
