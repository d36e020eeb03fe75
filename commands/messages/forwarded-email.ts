/**
 * A booking email forwarded to the channel's Slack address arrives as a `file_share` message
 * whose file is an email. Slack cuts long emails (`has_more`): then files.info has the whole
 * body. Slack re-delivers events it thinks were missed; the draft keyed by the file id makes
 * a re-delivery post nothing.
 */
import type { App } from '@slack/bolt';
import type { SlackDeps } from '../../src/slack/slack-deps.ts';
import { teamOf } from '../../src/slack/slack-deps.ts';

interface EmailFile {
  id: string;
  filetype?: string;
  mode?: string;
  has_more?: boolean;
  headers?: { date?: string };
}

/** When the email was sent (its Date header), or now when that is missing or unreadable. */
function receivedAt(file: EmailFile, now: Date): string {
  const sent = file.headers?.date ? new Date(file.headers.date) : now;
  return (Number.isNaN(sent.getTime()) ? now : sent).toISOString();
}

export function registerForwardedEmail(app: App, deps: SlackDeps): void {
  app.event('message', async ({ event, body }) => {
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
    await deps.enqueue({
      type: 'intake.read',
      tenantId: tenant.id,
      input: JSON.stringify(file),
      ...(file.has_more ? { fullFileId: file.id } : {}),
      asCommand: false,
      channelId: message.channel,
      messageTs: message.ts,
      userId: message.user ?? '',
      sourceKey: file.id,
      receivedAt: receivedAt(file, deps.clock()),
      ifNotBooking: 'nothing',
    });
  });
}
