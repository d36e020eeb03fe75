/**
 * *Confirm* / *Can't make it* in a crew member's DM: the same answer as the magic link, taken only
 * from the person the DM was for (the button's key names the assignment; the clicking user must
 * be that person's Slack user).
 */
import type { App, BlockAction, ButtonAction } from '@slack/bolt';
import { AnswerRefusedError, answerAssignment } from '../../../src/crew/answer-assignment.ts';
import type { SlackDeps } from '../../../src/slack/slack-deps.ts';
import { ACTION_IDS } from '../../block-ids.ts';

export function registerCrewAnswerButtons(app: App, deps: SlackDeps): void {
  for (const [actionId, state] of [
    [ACTION_IDS.crewConfirm, 'confirmed'],
    [ACTION_IDS.crewDecline, 'declined'],
  ] as const) {
    app.action<BlockAction<ButtonAction>>(actionId, async ({ ack, body, action, respond }) => {
      await ack();
      const [tenantId = '', bookingId = '', personId = ''] = (action.value ?? '').split('|');
      const tenant = deps.tenants.list().find((t) => t.id === tenantId);
      const person = tenant?.roster.find((m) => m.id === personId);
      if (!tenant || !person || person.slackUserId !== body.user.id) {
        await respond({
          response_type: 'ephemeral',
          replace_original: false,
          text: 'This button is for someone else.',
        });
        return;
      }
      try {
        await answerAssignment(
          {
            bookings: deps.bookings,
            crew: deps.crew,
            onEvent: deps.onEvent,
          },
          tenant,
          { bookingId, personId },
          { state, via: 'slack' },
          deps.clock(),
        );
        await respond({
          replace_original: false,
          text:
            state === 'confirmed'
              ? 'Thanks, you are confirmed. See you at the dock!'
              : 'Thanks for telling us. The office will find someone else.',
        });
      } catch (error) {
        if (!(error instanceof AnswerRefusedError)) throw error;
        await respond({
          replace_original: false,
          text: `${error.message} ${error.hint ?? ''}`.trim(),
        });
      }
    });
  }
}
