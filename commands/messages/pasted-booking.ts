/**
 * A booking pasted into a DM with deckhand, or in a message that mentions it: the same card as
 * a forwarded email, in the message's thread. Text that is not a booking gets a short hint
 * (only in the DM, where it was meant for deckhand).
 */
import type { App } from '@slack/bolt';
import type { SlackDeps } from '../../src/slack/slack-deps.ts';
import { teamOf } from '../../src/slack/slack-deps.ts';

export function registerPastedBooking(app: App, deps: SlackDeps): void {
  const handle = async (where: {
    teamId: string | undefined;
    channel: string;
    ts: string;
    user: string;
    text: string;
    isDm: boolean;
  }) => {
    const tenant = deps.routing.tenantFor({
      teamId: where.teamId,
      channelId: where.isDm ? undefined : where.channel,
      userId: where.user,
    });
    if (!tenant || !deps.routing.mayApprove(tenant, where.user)) return;
    const text = where.text.replace(/<@[UW][A-Z0-9]+>/g, '').trim();
    if (!text) return;
    await deps.enqueue({
      type: 'intake.read',
      tenantId: tenant.id,
      input: text,
      asCommand: !text.includes('\n'),
      channelId: where.channel,
      messageTs: where.ts,
      userId: where.user,
      sourceKey: `${where.channel}-${where.ts}`,
      receivedAt: deps.clock().toISOString(),
      // A hint only in the DM, where it was meant for deckhand.
      ifNotBooking: where.isDm ? 'reply' : 'nothing',
    });
  };

  app.message(async ({ message, body }) => {
    const m = message as {
      channel_type?: string;
      subtype?: string;
      bot_id?: string;
      text?: string;
      channel: string;
      ts: string;
      user?: string;
    };
    // DMs only (channel messages arrive as mentions); never deckhand's own posts or edits.
    if (m.channel_type !== 'im' || m.subtype !== undefined || m.bot_id || !m.user || !m.text)
      return;
    const where = {
      teamId: teamOf(body as unknown as Record<string, unknown>),
      channel: m.channel,
      ts: m.ts,
      user: m.user,
      text: m.text,
      isDm: true,
    };
    await handle(where);
  });

  app.event('app_mention', async ({ event, body }) => {
    const where = {
      teamId: teamOf(body as unknown as Record<string, unknown>),
      channel: event.channel,
      ts: event.ts,
      user: event.user ?? '',
      text: event.text,
      isDm: false,
    };
    await handle(where);
  });
}
