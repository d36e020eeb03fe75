/** The checks Slack runs on a message's content before it posts or updates it. */
import { BLOCK_KIT_LIMITS, checkBlocks } from './block-kit-rules.ts';
import { SlackApiError } from './slack-api-error.ts';

/**
 * Refuses a message as Slack would: nothing to show (`no_text`), text over 40,000 characters
 * (`msg_too_long`), or blocks that break Block Kit's rules (`invalid_blocks`, with the reasons).
 */
export function checkMessageContent(content: {
  text?: string;
  blocks?: unknown[];
  attachments?: unknown[];
}): void {
  const hasText = content.text !== undefined && content.text !== '';
  const hasBlocks = content.blocks !== undefined && content.blocks.length > 0;
  const hasAttachments = content.attachments !== undefined && content.attachments.length > 0;
  if (!hasText && !hasBlocks && !hasAttachments) throw new SlackApiError('no_text');
  if ((content.text?.length ?? 0) > BLOCK_KIT_LIMITS.messageText)
    throw new SlackApiError('msg_too_long');
  const problems = content.blocks ? checkBlocks(content.blocks, 'message') : [];
  if (problems.length > 0) throw SlackApiError.withMessages('invalid_blocks', problems, true);
}
