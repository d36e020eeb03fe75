/** loadDeployedConfig: a Lambda's environment plus the Secrets Manager secret, validated together. */
import { describe, expect, it } from 'vitest';
import { loadDeployedConfig } from '../../src/config/config.ts';
import { ConfigError } from '../../src/errors.ts';

const ENV = {
  DECKHAND_QUEUE_URL: 'https://sqs.us-east-1.amazonaws.com/123456789012/deckhand-jobs',
  DECKHAND_SECRETS_ID: 'deckhand/production',
  DECKHAND_TABLE: 'deckhand-prod',
  AWS_REGION: 'us-east-1',
};
const SECRET = {
  SLACK_SIGNING_SECRET: 'a-signing-secret',
  SLACK_BOT_TOKEN: 'xoxb-1-2-3',
  BUILTIN_DASHBOARD_TOKEN: 'd'.repeat(40),
  BUILTIN_SCC_SERVICE_KEY: 'k'.repeat(40),
  BUILTIN_SCC_SERVICE_KEY_HASH: `$2b$10$${'a'.repeat(53)}`,
  FEED_SECRET_SEED: 'f'.repeat(40),
};

function problemsOf(env: Record<string, string>, secret: string | undefined): readonly string[] {
  try {
    loadDeployedConfig(env, secret);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('loadDeployedConfig', () => {
  it('takes Slack and the built-in services credentials from the secret, stores on AWS', () => {
    const config = loadDeployedConfig(ENV, JSON.stringify(SECRET));

    expect(config.embedded).toBe(false);
    expect(config.queueUrl).toBe(ENV.DECKHAND_QUEUE_URL);
    expect(config.tableName).toBe('deckhand-prod');
    expect(config.slack.signingSecret).toBe('a-signing-secret');
    expect(config.slack.botToken).toBe('xoxb-1-2-3');
    expect(config.builtInSecrets).toEqual({
      dashboardToken: SECRET.BUILTIN_DASHBOARD_TOKEN,
      sccServiceKey: SECRET.BUILTIN_SCC_SERVICE_KEY,
      sccServiceKeyHash: SECRET.BUILTIN_SCC_SERVICE_KEY_HASH,
      feedSecretSeed: SECRET.FEED_SECRET_SEED,
    });
  });

  it('reads no secret for the schedule function, which needs only the queue', () => {
    const config = loadDeployedConfig({ DECKHAND_QUEUE_URL: ENV.DECKHAND_QUEUE_URL }, undefined);

    expect(config.slack.botToken).toBeUndefined();
    expect(config.builtInSecrets).toBeUndefined();
  });

  it('reports every problem at once, secrets in the environment included, never their values', () => {
    const problems = problemsOf(
      { SLACK_BOT_TOKEN: 'xoxb-in-the-env', DECKHAND_TABEL: 'typo' },
      JSON.stringify({
        ...SECRET,
        SLACK_BOT_TOKEN: 'xoxp-user-token',
        FEED_SECRET_SEED: 'short',
        EXTRA: 'x',
      }),
    );

    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^DECKHAND_QUEUE_URL: is required on AWS/),
        expect.stringMatching(/^DECKHAND_SECRETS_ID: is required on AWS/),
        expect.stringMatching(/^SLACK_BOT_TOKEN: must not be in the environment on AWS/),
        expect.stringMatching(/^DECKHAND_TABEL: is not a deckhand setting/),
        expect.stringMatching(
          /^the secret DECKHAND_SECRETS_ID: SLACK_BOT_TOKEN: must be a bot token/,
        ),
        expect.stringMatching(
          /^the secret DECKHAND_SECRETS_ID: FEED_SECRET_SEED: must be at least 32/,
        ),
        expect.stringMatching(/^the secret DECKHAND_SECRETS_ID: .*EXTRA/),
      ]),
    );
    expect(problems.join('\n')).not.toMatch(/xoxp-user-token|xoxb-in-the-env|short/);
  });

  it('says when the secret is not JSON', () => {
    expect(problemsOf(ENV, 'SLACK_BOT_TOKEN=xoxb-1')).toEqual([
      'the secret DECKHAND_SECRETS_ID: is not a JSON object',
    ]);
  });
});

describe('loadDeployedConfig: OAuth installs', () => {
  const { SLACK_BOT_TOKEN: _none, ...withoutToken } = SECRET;
  const env = {
    ...ENV,
    SLACK_CLIENT_ID: '1234567890.0987654321',
    DECKHAND_KMS_KEY_ID: 'arn:aws:kms:us-east-1:123456789012:key/abc',
  };

  it('takes the client secret and state secret from the secret, the client id and KMS key from the environment', () => {
    const config = loadDeployedConfig(
      env,
      JSON.stringify({
        ...withoutToken,
        SLACK_CLIENT_SECRET: 'c'.repeat(32),
        SLACK_STATE_SECRET: 's'.repeat(32),
      }),
    );
    expect(config.slack.botToken).toBeUndefined();
    expect(config.slack.oauth).toEqual({
      clientId: '1234567890.0987654321',
      clientSecret: 'c'.repeat(32),
      stateSecret: 's'.repeat(32),
    });
    expect(config.slack.kmsKeyId).toBe('arn:aws:kms:us-east-1:123456789012:key/abc');
  });

  it('asks for a bot token or the OAuth secrets, and refuses them in the environment', () => {
    expect(problemsOf(env, JSON.stringify(withoutToken))).toContainEqual(
      expect.stringMatching(
        /SLACK_BOT_TOKEN: is required \(one workspace\), or SLACK_CLIENT_SECRET/,
      ),
    );
    expect(
      problemsOf({ ...env, SLACK_CLIENT_SECRET: 'x'.repeat(32) }, JSON.stringify(SECRET)),
    ).toContainEqual(expect.stringMatching(/^SLACK_CLIENT_SECRET: must not be in the environment/));
  });
});
