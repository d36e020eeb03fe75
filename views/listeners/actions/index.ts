/** Block actions: the intake cards' buttons, the approval modal's price inputs, the thread's and crew DMs' buttons. */
import type { App } from '@slack/bolt';
import type { SlackDeps } from '../../../src/slack/slack-deps.ts';
import { registerApprovalInputChanged } from './approval-input-changed.ts';
import { registerCrewDmButtons } from './crew-dm-buttons.ts';
import { registerReviewCardButtons } from './review-card-buttons.ts';
import { registerStatusButtons } from './status-buttons.ts';

export function registerActions(app: App, deps: SlackDeps): void {
  registerApprovalInputChanged(app, deps);
  registerReviewCardButtons(app, deps);
  registerStatusButtons(app, deps);
  registerCrewDmButtons(app, deps);
}
