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
  /** All three set: OAuth v2 installs ("Add to Slack"), one installation per workspace. */
  SLACK_CLIENT_ID: unsetIfBlank(
    z
      .string()
      .regex(/^\d+\.\d+$/, 'must be the app’s Client ID (Basic Information), digits.digits')
      .optional(),
  ),
  SLACK_CLIENT_SECRET: unsetIfBlank(
    z.string().min(16, 'must be the app’s Client Secret (Basic Information)').optional(),
  ),
  SLACK_STATE_SECRET: unsetIfBlank(
    z
      .string()
      .min(32, 'must be at least 32 characters (it signs the OAuth state; any random string)')
      .optional(),
  ),
  /** The KMS key that seals installations' tokens on AWS; unset: the data folder's key file. */
  DECKHAND_KMS_KEY_ID: optionalString,
};

const OAUTH_KEYS = ['SLACK_CLIENT_ID', 'SLACK_CLIENT_SECRET', 'SLACK_STATE_SECRET'] as const;

/**
 * The cross-key rules of OAuth: the three keys together or none, the signing secret with them
 * (requests are still signed), each missing key reported.
 */
export function slackOAuthProblems(
  env: Partial<Record<(typeof OAUTH_KEYS)[number] | 'SLACK_SIGNING_SECRET', string | undefined>>,
): { path: string; message: string }[] {
  const set = OAUTH_KEYS.filter((key) => env[key] !== undefined);
  if (set.length === 0) return [];
  const problems: { path: string; message: string }[] = OAUTH_KEYS.filter(
    (key) => env[key] === undefined,
  ).map((key) => ({
    path: key,
    message: `is required when ${set.join(', ')} ${set.length === 1 ? 'is' : 'are'} set: OAuth installs need ${OAUTH_KEYS.join(', ')} (all three, or none for one workspace with SLACK_BOT_TOKEN)`,
  }));
  if (env.SLACK_SIGNING_SECRET === undefined)
    problems.push({
      path: 'SLACK_SIGNING_SECRET',
      message:
        'is required with OAuth installs (SLACK_CLIENT_ID): Slack signs every request (Basic Information → Signing Secret)',
    });
  return problems;
}

/** OAuth settings of a validated environment, when all three keys are set. */
export function slackOAuthSettings(env: {
  SLACK_CLIENT_ID?: string | undefined;
  SLACK_CLIENT_SECRET?: string | undefined;
  SLACK_STATE_SECRET?: string | undefined;
}): SlackOAuthSettings | undefined {
  const { SLACK_CLIENT_ID: clientId, SLACK_CLIENT_SECRET: clientSecret } = env;
  const stateSecret = env.SLACK_STATE_SECRET;
  return clientId && clientSecret && stateSecret
    ? { clientId, clientSecret, stateSecret }
    : undefined;
}

export interface SlackOAuthSettings {
  clientId: string;
  clientSecret: string;
  stateSecret: string;
}
