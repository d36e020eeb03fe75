/** Why the business settings cannot be opened or saved by this person, as a small modal. */
import type { ModalView } from '@slack/types';
import { BLOCK_IDS } from './block-ids.ts';
import { LIMITS, mrkdwn, plain } from './slack-format.ts';

export type SettingsRefusal = 'not_admin' | 'read_only' | 'exists' | 'unknown';

const TEXT: Record<SettingsRefusal, string> = {
  not_admin:
    "Only this business's admins can change its settings: whoever installed deckhand, the workspace's admins and owners, and the admins named in the settings.",
  read_only:
    "This business's settings come from the tenants file on deckhand's server, so they are read-only in Slack: change them in that file (DECKHAND_TENANTS_FILE).",
  exists: 'This workspace has a business already. Open the Home tab again to edit its settings.',
  unknown: 'This business is not set up in this workspace. Open the Home tab again.',
};

/** The refusal's text, also used inline when a submitted form is refused. */
export function settingsRefusalText(reason: SettingsRefusal): string {
  return TEXT[reason];
}

export function buildSettingsRefusalModal(reason: SettingsRefusal): ModalView {
  return {
    type: 'modal',
    title: plain('Business settings', LIMITS.viewTitle),
    close: plain('OK', LIMITS.viewButton),
    blocks: [{ type: 'section', block_id: BLOCK_IDS.refusal, text: mrkdwn(TEXT[reason]) }],
  };
}
