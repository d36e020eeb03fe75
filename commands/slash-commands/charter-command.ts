/**
 * `/charter`: `help`, `list`, `status ID`, `cancel ID`, or a booking in free text (or a pasted
 * email) → the approval modal, prefilled. The modal opens right after the parse (milliseconds),
 * well inside the trigger_id's 3 seconds; nothing slow runs before it.
 */
import { randomUUID } from 'node:crypto';
import type { App } from '@slack/bolt';
import { bookingFieldNames, type IntakeResult } from '../../src/intake/intake-result.ts';
import { parseIntake } from '../../src/intake/parse-intake.ts';
import { findBooking, UnknownBookingError } from '../../src/pipeline/book-from-intake.ts';
import { upcomingCharters } from '../../src/slack/charter-entries.ts';
import { reportReply } from '../../src/slack/report-replies.ts';
import type { SlackDeps } from '../../src/slack/slack-deps.ts';
import { teamOf } from '../../src/slack/slack-deps.ts';
import { charterName } from '../../views/already-booked-card.ts';
import { approvalDraftFromIntake } from '../../views/approval-draft.ts';
import { buildApprovalModal } from '../../views/approval-modal.ts';
import { buildCancellationCard } from '../../views/cancellation-card.ts';
import { buildCharterList } from '../../views/charter-list.ts';
import { buildHelpMessage } from '../../views/help-message.ts';
import { buildNotUnderstoodReply } from '../../views/not-understood-blocks.ts';
import { buildRefusal } from '../../views/refusal.ts';
import { safe } from '../../views/slack-format.ts';

/** True when the line gave no booking field at all. */
function nothingRead(intake: IntakeResult): boolean {
  return bookingFieldNames.every((field) => intake[field] === null);
}

export function registerCharterCommand(app: App, deps: SlackDeps): void {
  app.command('/charter', async ({ command, ack, client, respond }) => {
    const tenant = deps.routing.tenantFor({
      teamId: teamOf(command),
      channelId: command.channel_id,
    });
    const text = command.text.trim();
    const [verb = '', ...rest] = text.split(/\s+/);
    if (!tenant) {
      await ack({ response_type: 'ephemeral', ...buildRefusal({ reason: 'no_tenant' }) });
      return;
    }
    if (verb === 'help') {
      await ack({ response_type: 'ephemeral', ...buildHelpMessage() });
      return;
    }
    if (verb === 'list' && rest.length === 0) {
      await ack();
      const bookings = await upcomingCharters(deps, tenant);
      await respond({
        response_type: 'ephemeral',
        ...buildCharterList({ bookings, tenant, now: deps.clock() }),
      });
      return;
    }
    // `report [period]` is a command, never a booking line: money for approvers only.
    if (verb.toLowerCase() === 'report') {
      if (!deps.routing.mayApprove(tenant, command.user_id)) {
        await ack({
          response_type: 'ephemeral',
          ...buildRefusal({ reason: 'not_approver', tenant, action: 'report' }),
        });
        return;
      }
      await ack();
      await respond({
        response_type: 'ephemeral',
        ...(await reportReply(deps, tenant, rest.join(' '))),
      });
      return;
    }
    if ((verb === 'status' || verb === 'cancel') && rest.length === 1) {
      await ack();
      try {
        const booking = await findBooking(deps.bookings, tenant, rest[0] as string);
        if (verb === 'status') {
          await respond({
            response_type: 'ephemeral',
            // Named as a person reads it (boat, renter, when in the tenant's zone), not by id.
            text: `${safe(charterName(booking, tenant.timezone), 600)}: ${booking.status}. The charter's thread has the details.`,
          });
        } else if (!deps.routing.mayApprove(tenant, command.user_id)) {
          await respond({
            response_type: 'ephemeral',
            ...buildRefusal({ reason: 'not_approver', tenant }),
          });
        } else {
          // Ask to confirm: the card's button cancels.
          await respond({
            response_type: 'ephemeral',
            ...buildCancellationCard({
              intake: null,
              booking,
              tenant,
              draftId: booking.bookingId,
              now: deps.clock(),
            }),
          });
        }
      } catch (error) {
        if (!(error instanceof UnknownBookingError)) throw error;
        // The error's hint is the CLI's (deckhand list); in Slack, point at what Slack has.
        await respond({
          response_type: 'ephemeral',
          text: `${safe(error.message, 500)} \`/charter list\` shows each upcoming charter with its id; a marketplace booking number works too.`,
        });
      }
      return;
    }
    if (!deps.routing.mayApprove(tenant, command.user_id)) {
      await ack({
        response_type: 'ephemeral',
        ...buildRefusal({ reason: 'not_approver', tenant }),
      });
      return;
    }
    const intake = text
      ? await parseIntake(text, { now: deps.clock(), timeZone: tenant.timezone, source: 'command' })
      : null;
    // Nothing readable ("/charter hello"): say what was not understood, not an empty form.
    if (intake?.notUnderstood?.length && nothingRead(intake)) {
      await ack({ response_type: 'ephemeral', ...buildNotUnderstoodReply(intake.notUnderstood) });
      return;
    }
    await ack();
    const draftId = `DR${randomUUID().replace(/-/g, '').slice(0, 16).toUpperCase()}`;
    const channelId = deps.routing.opsChannel(tenant, command.channel_id);
    const metadata = { tenantId: tenant.id, draftId, channelId };
    const view = buildApprovalModal({
      tenant,
      now: deps.clock(),
      metadata,
      draft: approvalDraftFromIntake(intake, tenant),
      marketplaceId: intake?.bookingId ?? null,
      missing: intake?.missing,
      warnings: intake?.warnings,
      notUnderstood: intake?.notUnderstood,
      // As every redraw does (approval-input-changed reads the stored draft's intake).
      evidence: intake ?? undefined,
    });
    await client.views.open({ trigger_id: command.trigger_id, view });
    await deps.drafts.create({
      tenantId: tenant.id,
      draftId,
      intake:
        intake ??
        (await parseIntake('', {
          now: deps.clock(),
          timeZone: tenant.timezone,
          source: 'command',
        })),
      channelId,
      threadTs: null,
      createdBy: command.user_id,
      status: 'open',
      bookingId: null,
      source: null,
      createdAt: deps.clock().toISOString(),
    });
  });
}
