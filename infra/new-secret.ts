/**
 * `npm run --silent aws:secret`: prints the JSON for the deployment's Secrets Manager secret
 * (docs/DEPLOY.md), with fresh random credentials for the built-in calendar and SCC services and
 * the feed-URL seed, and Slack's two values from this shell's SLACK_SIGNING_SECRET and
 * SLACK_BOT_TOKEN (DASHBOARD_TOKEN and SCC_SERVICE_KEY too when an external calendar or SCC is
 * used). The output is checked with the same schema the functions use; pipe it straight to the
 * AWS CLI and do not keep it in a file or in the repository.
 */
import { randomBytes } from 'node:crypto';
import bcrypt from 'bcryptjs';
import { parseDeployedSecrets } from '../src/config/config.ts';

const random = () => randomBytes(32).toString('base64url');
const sccKey = random();
const secret = {
  SLACK_SIGNING_SECRET: process.env.SLACK_SIGNING_SECRET ?? '',
  SLACK_BOT_TOKEN: process.env.SLACK_BOT_TOKEN ?? '',
  // auth.test's bot_id and user_id: with both, the Slack function's cold start skips auth.test.
  ...(process.env.SLACK_BOT_ID ? { SLACK_BOT_ID: process.env.SLACK_BOT_ID } : {}),
  ...(process.env.SLACK_BOT_USER_ID ? { SLACK_BOT_USER_ID: process.env.SLACK_BOT_USER_ID } : {}),
  ...(process.env.DASHBOARD_TOKEN ? { DASHBOARD_TOKEN: process.env.DASHBOARD_TOKEN } : {}),
  ...(process.env.SCC_SERVICE_KEY ? { SCC_SERVICE_KEY: process.env.SCC_SERVICE_KEY } : {}),
  BUILTIN_DASHBOARD_TOKEN: random(),
  BUILTIN_SCC_SERVICE_KEY: sccKey,
  BUILTIN_SCC_SERVICE_KEY_HASH: await bcrypt.hash(sccKey, 12),
  FEED_SECRET_SEED: random(),
};
const json = JSON.stringify(secret);
const checked = parseDeployedSecrets(json);
if (Array.isArray(checked)) {
  console.error(
    `Not a valid secret (set SLACK_SIGNING_SECRET and SLACK_BOT_TOKEN in this shell first):\n${checked.map((p) => `  - ${p}`).join('\n')}`,
  );
  process.exit(1);
}
process.stdout.write(`${json}\n`);
