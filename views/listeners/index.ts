/** Listeners for modals, message buttons, crew DMs and App Home. */
import type { App } from '@slack/bolt';
import type { SlackDeps } from '../../src/slack/slack-deps.ts';
import { registerAppHomeOpened } from './app-home-opened.ts';
import { registerApprovalInputChanged } from './approval-input-changed.ts';
import { registerApprovalSubmitted } from './approval-submitted.ts';
import { registerCrewDmButtons } from './crew-dm-buttons.ts';
import { registerReviewCardButtons } from './review-card-buttons.ts';
import { registerStatusButtons } from './status-buttons.ts';

export function registerViewListeners(app: App, deps: SlackDeps): void {
  registerApprovalSubmitted(app, deps);
  registerApprovalInputChanged(app, deps);
  registerReviewCardButtons(app, deps);
  registerStatusButtons(app, deps);
  registerCrewDmButtons(app, deps);
  registerAppHomeOpened(app, deps);
}
