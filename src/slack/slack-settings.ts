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
