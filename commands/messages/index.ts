/** Message events: a forwarded email (`file_share`), a booking pasted in a DM or a mention. */
import type { App } from '@slack/bolt';
import type { SlackDeps } from '../../src/slack/slack-deps.ts';
import { registerForwardedEmail } from './forwarded-email.ts';
import { registerPastedBooking } from './pasted-booking.ts';

export function registerMessages(app: App, deps: SlackDeps): void {
  registerForwardedEmail(app, deps);
  registerPastedBooking(app, deps);
}
