/**
 * *Pick replacement* in a charter's thread: the `crew.replace` job puts the chosen person in
 * place of a crew member who declined, then the pipeline updates the crew page, the crew event
 * and tells both people.
 */
import type { App, BlockAction, StaticSelectAction } from '@slack/bolt';
import type { SlackDeps } from '../../../src/slack/slack-deps.ts';
import { decodeReplacementChoice } from '../../action-values.ts';
import { ACTION_IDS } from '../../block-ids.ts';
import { approvingTenant } from './card-approver.ts';

export function registerPickReplacementSelect(app: App, deps: SlackDeps): void {
  app.action<BlockAction<StaticSelectAction>>(
    ACTION_IDS.pickReplacement,
    async ({ ack, body, action, client }) => {
      await ack();
      const tenant = await approvingTenant(deps, body, client);
      const choice = decodeReplacementChoice(action.selected_option.value);
      if (!tenant || !choice) return;
      await deps.enqueue({
        type: 'crew.replace',
        tenantId: tenant.id,
        bookingId: choice.bookingId,
        replacing: choice.replacing,
        personId: choice.personId,
      });
    },
  );
}
