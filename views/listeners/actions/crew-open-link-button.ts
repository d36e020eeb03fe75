/** *Open* in a crew member's DM: a link button; Slack still sends the click, which only needs an ack. */
import type { App, BlockAction } from '@slack/bolt';
import { ACTION_IDS } from '../../block-ids.ts';

export function registerCrewOpenLinkButton(app: App): void {
  app.action<BlockAction>(ACTION_IDS.crewOpenLink, async ({ ack }) => {
    await ack();
  });
}
