/** The message shortcut "Create charter from message": the message's text (or email) → its card. */
import type { App, MessageShortcut } from '@slack/bolt';
import type { SlackDeps } from '../../src/slack/slack-deps.ts';
import { teamOf } from '../../src/slack/slack-deps.ts';
import { CALLBACK_IDS } from '../../views/block-ids.ts';
import { buildRefusal } from '../../views/refusal.ts';

export function registerCreateCharterShortcut(app: App, deps: SlackDeps): void {
  app.shortcut<MessageShortcut>(
    CALLBACK_IDS.createCharterShortcut,
    async ({ shortcut, ack, client }) => {
      await ack();
      const tenant = deps.routing.tenantFor({
        teamId: teamOf(shortcut as unknown as Record<string, unknown>),
        channelId: shortcut.channel.id,
      });
      if (!tenant || !deps.routing.mayApprove(tenant, shortcut.user.id)) {
        await client.chat.postEphemeral({
          channel: shortcut.channel.id,
          user: shortcut.user.id,
          ...buildRefusal(tenant ? { reason: 'not_approver', tenant } : { reason: 'no_tenant' }),
        });
        return;
      }
      const message = shortcut.message as { ts: string; text?: string; files?: unknown[] };
      const email = message.files?.find((f) => (f as { filetype?: string }).filetype === 'email');
      const input = email ? JSON.stringify(email) : (message.text ?? '');
      await deps.enqueue({
        type: 'intake.read',
        tenantId: tenant.id,
        input,
        asCommand: !email,
        channelId: shortcut.channel.id,
        messageTs: message.ts,
        userId: shortcut.user.id,
        sourceKey: `${shortcut.channel.id}-${message.ts}`,
        receivedAt: deps.clock().toISOString(),
        ifNotBooking: 'ephemeral',
      });
    },
  );
}
