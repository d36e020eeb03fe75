/** The environment keys of the Slack app: its credentials, the Web API's URL and an approvers override. */
import { z } from 'zod';
import { optionalString, optionalUrl, unsetIfBlank } from '../config/env-values.ts';

export const slackEnv = {
  SLACK_SIGNING_SECRET: optionalString,
  SLACK_BOT_TOKEN: unsetIfBlank(
    z.string().startsWith('xoxb-', 'must be a bot token starting with xoxb-').optional(),
  ),
  /** Set: Socket Mode instead of HTTP. */
  SLACK_APP_TOKEN: unsetIfBlank(
    z.string().startsWith('xapp-', 'must be an app-level token starting with xapp-').optional(),
  ),
  SLACK_API_URL: optionalUrl,
  /**
   * The bot's ids (`auth.test`'s bot_id and user_id). Set both and Bolt skips `auth.test` when
   * the app is built: a Lambda cold start answers without that round trip to Slack.
   */
  SLACK_BOT_ID: unsetIfBlank(
    z
      .string()
      .regex(/^B[A-Z0-9]{2,}$/, "a bot id (B0123ABCD): auth.test's bot_id")
      .optional(),
  ),
  SLACK_BOT_USER_ID: unsetIfBlank(
    z
      .string()
      .regex(/^[UW][A-Z0-9]{2,}$/, "the bot's user id (U0123ABCD): auth.test's user_id")
      .optional(),
  ),
  DECKHAND_APPROVERS: unsetIfBlank(
    z
      .string()
      .regex(
        /^(\*|[UW][A-Z0-9]{2,}(,[UW][A-Z0-9]{2,})*)$/,
        'a comma-separated list of Slack user ids (U0123ABCD,U0456EFGH), or *',
      )
      .optional(),
  ),
};
