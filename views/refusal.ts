/** A polite refusal: who may do this, or that this workspace is not connected to a tenant. */
import type { KnownBlock } from '@slack/types';
import type { Tenant } from '../src/tenants/tenant-schema.ts';
import { BLOCK_IDS } from './block-ids.ts';
import { LIMITS, mrkdwn, type SlackMessage, safe, userMention } from './slack-format.ts';

export type RefusalReason = 'not_approver' | 'no_tenant';

/** What the person tried to do, for the wording. */
export type RefusedAction =
  | 'approve'
  | 'apply'
  | 'cancel'
  | 'reassign'
  | 'retry'
  | 'create'
  | 'report'
  | 'close';

const ACTION_TEXT: Record<RefusedAction, string> = {
  approve: 'approve charters',
  apply: 'apply booking changes',
  cancel: 'cancel charters',
  reassign: 'change the crew',
  retry: 'retry pipeline steps',
  create: 'create charters',
  report: 'see the money (the P&L and its CSV)',
  close: 'close out charters',
};

export interface RefusalInput {
  reason: RefusalReason;
  /** The tenant the request was for (for `not_approver`). */
  tenant?: Pick<Tenant, 'name'> | undefined;
  /** Who may approve; default: the tenant's `slack.approvers`. */
  approverUserIds?: readonly string[] | undefined;
  action?: RefusedAction | undefined;
}

function tenantApprovers(tenant: RefusalInput['tenant']): readonly string[] {
  const slack = (tenant as { slack?: { approvers?: unknown } } | undefined)?.slack;
  return Array.isArray(slack?.approvers)
    ? slack.approvers.filter((id): id is string => typeof id === 'string')
    : [];
}

function joinNames(names: readonly string[]): string {
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(', ')} or ${names.at(-1)}`;
}

/**
 * Builds an ephemeral refusal that says why and who can help: for `not_approver`, the people
 * who may approve (mentions of well-formed user ids, at most 10); for `no_tenant`, how whoever
 * runs deckhand connects the workspace or channel.
 *
 * @example await respond({ response_type: 'ephemeral', ...buildRefusal({ reason: 'not_approver', tenant, action: 'cancel' }) })
 */
export function buildRefusal(input: RefusalInput): SlackMessage {
  let text: string;
  if (input.reason === 'no_tenant') {
    text =
      "Sorry, this workspace or channel isn't connected to a charter business in deckhand yet. Whoever runs deckhand can add it to the tenants file (`slack.teamId` and `slack.channels`) or set `DECKHAND_DEFAULT_TENANT`.";
  } else {
    const company = input.tenant ? ` for ${safe(input.tenant.name, 200)}` : '';
    const approvers = (input.approverUserIds ?? tenantApprovers(input.tenant)).slice(0, 10);
    const what = ACTION_TEXT[input.action ?? 'approve'];
    text =
      approvers.length > 0
        ? `Sorry, only approvers can ${what}${company}. Please ask ${joinNames(approvers.map(userMention))}.`
        : `Sorry, only approvers can ${what}${company}, and none are set up yet: whoever runs deckhand can add Slack user ids to \`slack.approvers\` in the tenants file.`;
  }
  const blocks: KnownBlock[] = [
    { type: 'section', block_id: BLOCK_IDS.refusal, text: mrkdwn(text, LIMITS.sectionText) },
  ];
  return { text, blocks };
}
