/**
 * *Confirm* / *Can't make it* / *Change my answer* in a crew member's DM: the same answer as the
 * magic link, taken only from the person the DM was for (the button's key names the assignment;
 * the clicking user must be that person's Slack user). The DM is updated in place to the answer
 * given, so no stale buttons stay live and pressing an old one again posts nothing new.
 */
import type { App, BlockAction, ButtonAction, RespondFn } from '@slack/bolt';
import type { KnownBlock } from '@slack/types';
import type { Booking } from '../../../src/bookings/booking.ts';
import { AnswerRefusedError, answerAssignment } from '../../../src/crew/answer-assignment.ts';
import { briefingFor } from '../../../src/crew/crew-briefing.ts';
import type { SlackDeps } from '../../../src/slack/slack-deps.ts';
import type { RosterMember, Tenant } from '../../../src/tenants/tenant-schema.ts';
import { ACTION_IDS } from '../../block-ids.ts';
import { buildCrewDm } from '../../crew-dm.ts';

/** The magic link the DM already carries (its link button), so the update keeps it. */
function linkIn(blocks: unknown): string | null {
  for (const block of (Array.isArray(blocks) ? blocks : []) as KnownBlock[]) {
    if (block.type !== 'actions') continue;
    for (const element of block.elements) {
      if (element.type === 'button' && element.action_id === ACTION_IDS.crewOpenLink)
        return element.url ?? null;
    }
  }
  return null;
}

/** Replaces the DM with its current state (same briefing, the answer, the right buttons). */
async function redrawDm(
  respond: RespondFn,
  body: BlockAction<ButtonAction>,
  dm: {
    tenant: Tenant;
    person: RosterMember;
    booking: Booking;
    key: string;
    answered: 'confirmed' | 'declined' | null;
    changing?: boolean;
  },
): Promise<void> {
  const message = buildCrewDm({
    message: {
      kind: 'assignment',
      tenant: dm.tenant,
      person: dm.person,
      bookingId: dm.booking.bookingId,
      briefing: briefingFor(dm.booking, dm.tenant, dm.person.id),
      link: linkIn(body.message?.blocks),
    },
    assignmentKey: dm.key,
    answered: dm.answered,
    changing: dm.changing,
  });
  await respond({ replace_original: true, text: message.text, blocks: message.blocks });
}

export function registerCrewAnswerButtons(app: App, deps: SlackDeps): void {
  const target = (body: BlockAction<ButtonAction>, value: string) => {
    const [tenantId = '', bookingId = '', personId = ''] = value.split('|');
    const tenant = deps.tenants.list().find((t) => t.id === tenantId);
    const person = tenant?.roster.find((m) => m.id === personId);
    if (!tenant || !person || person.slackUserId !== body.user.id) return null;
    return { tenant, person, bookingId };
  };
  const notYours = async (respond: RespondFn): Promise<void> => {
    await respond({
      response_type: 'ephemeral',
      replace_original: false,
      text: 'This button is for someone else.',
    });
  };

  for (const [actionId, state] of [
    [ACTION_IDS.crewConfirm, 'confirmed'],
    [ACTION_IDS.crewDecline, 'declined'],
  ] as const) {
    app.action<BlockAction<ButtonAction>>(actionId, async ({ ack, body, action, respond }) => {
      await ack();
      const found = target(body, action.value ?? '');
      if (!found) return notYours(respond);
      const { tenant, person, bookingId } = found;
      try {
        const { assignment, booking } = await answerAssignment(
          {
            bookings: deps.bookings,
            crew: deps.crew,
            onEvent: deps.onEvent,
          },
          tenant,
          { bookingId, personId: person.id },
          { state, via: 'slack' },
          deps.clock(),
        );
        // The redrawn DM is the thanks: an answer given twice redraws the same DM, nothing more.
        await redrawDm(respond, body, {
          tenant,
          person,
          booking,
          key: action.value ?? '',
          answered: assignment.state === 'declined' ? 'declined' : 'confirmed',
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

  app.action<BlockAction<ButtonAction>>(
    ACTION_IDS.crewChangeAnswer,
    async ({ ack, body, action, respond }) => {
      await ack();
      const found = target(body, action.value ?? '');
      if (!found) return notYours(respond);
      const { tenant, person, bookingId } = found;
      const booking = await deps.bookings.get(tenant.id, bookingId);
      const current = await deps.crew.get(tenant.id, bookingId, person.id);
      if (!booking || booking.status === 'cancelled' || !current || current.state === 'replaced') {
        await respond({
          replace_original: false,
          text: `There is no answer to change for this charter any more. Questions: call ${tenant.name} on ${tenant.contact.phone}.`,
        });
        return;
      }
      await redrawDm(respond, body, {
        tenant,
        person,
        booking,
        key: action.value ?? '',
        answered:
          current.state === 'confirmed' || current.state === 'declined' ? current.state : null,
        changing: true,
      });
    },
  );
}
