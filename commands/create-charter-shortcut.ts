/** The message shortcut "Create charter from message": the message's text (or email) → its card. */
import type { App, MessageShortcut } from '@slack/bolt';
import { parseIntake } from '../src/intake/parse-intake.ts';
import { postIntakeCard } from '../src/slack/intake-card.ts';
import type { SlackDeps } from '../src/slack/slack-deps.ts';
import { teamOf } from '../src/slack/slack-deps.ts';
import { CALLBACK_IDS } from '../views/block-ids.ts';
import { buildRefusal } from '../views/refusal.ts';

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
      deps.background(async () => {
        const intake = await parseIntake(input, {
          now: deps.clock(),
          timeZone: tenant.timezone,
          ...(email ? {} : { source: 'command' as const }),
        });
        const posted = await postIntakeCard(deps, client, {
          tenant,
          intake,
          channelId: shortcut.channel.id,
          messageTs: message.ts,
          userId: shortcut.user.id,
          sourceKey: `${shortcut.channel.id}-${message.ts}`,
          receivedAt: deps.clock(),
        });
        if (posted === 'ignored') {
          await client.chat.postEphemeral({
            channel: shortcut.channel.id,
            user: shortcut.user.id,
            text: `That message does not look like a booking (missing: ${intake.missing.join(', ')}). Try /charter with the details.`,
          });
        }
      });
    },
  );
}
