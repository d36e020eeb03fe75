/** Block actions, one listener per file: intake cards, the approval modal's inputs, the thread, crew DMs. */
import type { App } from '@slack/bolt';
import type { SlackDeps } from '../../../src/slack/slack-deps.ts';
import { registerApplyChangeButtons } from './apply-change-buttons.ts';
import { registerApprovalInputChanged } from './approval-input-changed.ts';
import { registerBusinessSettingsButtons } from './business-settings-buttons.ts';
import { registerCloseOutInputChanged } from './closeout-input-changed.ts';
import { registerCloseOutOpenButton } from './closeout-open-button.ts';
import { registerCrewAnswerButtons } from './crew-answer-buttons.ts';
import { registerCrewOpenLinkButton } from './crew-open-link-button.ts';
import { registerPickReplacementSelect } from './pick-replacement-select.ts';
import { registerReportExportButton } from './report-export-button.ts';
import { registerRetryPipelineButton } from './retry-pipeline-button.ts';
import { registerReviewApproveButton } from './review-approve-button.ts';
import { registerReviewDismissButton } from './review-dismiss-button.ts';

export function registerActions(app: App, deps: SlackDeps): void {
  registerApprovalInputChanged(app, deps);
  registerReviewApproveButton(app, deps);
  registerReviewDismissButton(app, deps);
  registerApplyChangeButtons(app, deps);
  registerRetryPipelineButton(app, deps);
  registerPickReplacementSelect(app, deps);
  registerCrewOpenLinkButton(app);
  registerCrewAnswerButtons(app, deps);
  registerReportExportButton(app, deps);
  registerCloseOutOpenButton(app, deps);
  registerCloseOutInputChanged(app, deps);
  registerBusinessSettingsButtons(app, deps);
}
