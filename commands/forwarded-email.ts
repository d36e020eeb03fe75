/**
 * A booking email forwarded to the channel's Slack address arrives as a `file_share` message
 * whose file is an email. Slack cuts long emails (`has_more`): then files.info has the whole
 * body. Slack re-delivers events it thinks were missed; the draft keyed by the file id makes
 * a re-delivery post nothing.
 */
import type { App } from '@slack/bolt';
import { parseIntake } from '../src/intake/parse-intake.ts';
import { postIntakeCard } from '../src/slack/intake-card.ts';
import type { SlackDeps } from '../src/slack/slack-deps.ts';
import { teamOf } from '../src/slack/slack-deps.ts';

interface EmailFile {
  id: string;
  filetype?: string;
  mode?: string;
  has_more?: boolean;
  headers?: { date?: string };
}

export function registerForwardedEmail(app: App, deps: SlackDeps): void {
  app.event('message', async ({ event, body, client }) => {
    const message = event as unknown as {
      subtype?: string;
      files?: EmailFile[];
      channel: string;
      ts: string;
      user?: string;
    };
    if (message.subtype !== 'file_share') return;
    const file = message.files?.find((f) => f.filetype === 'email' || f.mode === 'email');
    if (!file) return;
    const tenant = deps.routing.tenantFor({
      teamId: teamOf(body as unknown as Record<string, unknown>),
      channelId: message.channel,
    });
    if (!tenant) return;
    deps.background(async () => {
      // The event's copy may be shortened; files.info has the full plain text.
      const full = file.has_more
        ? ((await client.files.info({ file: file.id })).file ?? file)
        : file;
      const intake = await parseIntake(JSON.stringify(full), {
        now: deps.clock(),
        timeZone: tenant.timezone,
      });
      await postIntakeCard(deps, client, {
        tenant,
        intake,
        channelId: message.channel,
        messageTs: message.ts,
        userId: message.user ?? '',
        sourceKey: file.id,
        receivedAt: file.headers?.date ? new Date(file.headers.date) : deps.clock(),
      });
    });
  });
}
