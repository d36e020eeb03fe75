/** View submissions: the approval modal and the close-out modal. */
import type { App } from '@slack/bolt';
import type { SlackDeps } from '../../../src/slack/slack-deps.ts';
import { registerApprovalSubmitted } from './approval-submitted.ts';
import { registerCloseOutSubmitted } from './closeout-submitted.ts';

export function registerViews(app: App, deps: SlackDeps): void {
  registerApprovalSubmitted(app, deps);
  registerCloseOutSubmitted(app, deps);
}
