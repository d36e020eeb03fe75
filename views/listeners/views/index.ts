/** View submissions: the approval modal, the close-out modal, the business settings modal. */
import type { App } from '@slack/bolt';
import type { SlackDeps } from '../../../src/slack/slack-deps.ts';
import { registerApprovalSubmitted } from './approval-submitted.ts';
import { registerBusinessSettingsSubmitted } from './business-settings-submitted.ts';
import { registerCloseOutSubmitted } from './closeout-submitted.ts';

export function registerViews(app: App, deps: SlackDeps): void {
  registerApprovalSubmitted(app, deps);
  registerCloseOutSubmitted(app, deps);
  registerBusinessSettingsSubmitted(app, deps);
}
