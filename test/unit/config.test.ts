/** Unit tests for loadConfig: defaults, every bad key at once, pair rules, no process.env. */
import { describe, expect, it } from 'vitest';
import { EXAMPLE_TENANTS_FILE, loadConfig } from '../../src/config/config.ts';
import { ConfigError } from '../../src/errors.ts';

type Env = Record<string, string | undefined>;

function problemsOf(env: Env): readonly string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected loadConfig to throw a ConfigError');
}

const DEFAULTS = {
  port: 3000,
  host: '127.0.0.1',
  logLevel: 'info',
  tenantsFile: EXAMPLE_TENANTS_FILE,
  defaultTenant: undefined,
  dataDir: './.data',
  tableName: 'deckhand',
  publicUrl: undefined,
  aws: { region: 'us-east-1', dynamodbEndpoint: undefined, s3Endpoint: undefined },
  embedded: true,
  slack: {
    signingSecret: undefined,
    botToken: undefined,
    appToken: undefined,
    apiUrl: undefined,
    approvers: undefined,
    bot: undefined,
  },
  dashboard: undefined,
  scc: undefined,
  sesFrom: undefined,
  builtIn: {
    tokenHeader: 'X-Dashboard-Token',
    keyHeader: 'X-Service-Key',
    serviceKeyHash: undefined,
  },
  pipeline: { concurrency: 8, leaseMs: 60_000 },
  faults: [],
};

describe('loadConfig', () => {
  it('gives the defaults for an empty environment', () => {
    // Act
    const config = loadConfig({});

    // Assess
    expect(config).toStrictEqual(DEFAULTS);
    expect(EXAMPLE_TENANTS_FILE).toMatch(/[/\\]config[/\\]tenants\.example\.yml$/);
  });

  it('reads every setting when all are given', () => {
    // Prepare
    const env: Env = {
      PORT: '8080',
      HOST: '0.0.0.0',
      LOG_LEVEL: 'debug',
      DECKHAND_TENANTS_FILE: '/etc/deckhand/tenants.yml',
      DECKHAND_DEFAULT_TENANT: 'queen-of-san-diego',
      SLACK_SIGNING_SECRET: 'secret',
      SLACK_BOT_TOKEN: 'xoxb-1',
      SLACK_APP_TOKEN: 'xapp-1',
      DASHBOARD_URL: 'https://dash.example.com',
      DASHBOARD_TOKEN: 'dash-token',
      SCC_URL: 'http://scc.example.com/api',
      SCC_SERVICE_KEY: 'scc-key',
      SCC_KEY_HEADER: 'X-Api-Key',
      DECKHAND_DATA_DIR: '/var/lib/deckhand',
      DECKHAND_TABLE: 'deckhand-prod',
      DECKHAND_PUBLIC_URL: 'https://charters.example.com/',
      DYNAMODB_ENDPOINT: 'http://127.0.0.1:8000',
      S3_ENDPOINT: 'http://127.0.0.1:9000',
      AWS_REGION: 'eu-west-1',
      DECKHAND_PIPELINE_CONCURRENCY: '4',
      DECKHAND_PIPELINE_LEASE_MS: '5000',
      DECKHAND_FAULTS: 'scc:POST=slow:100*1',
    };

    // Act
    const config = loadConfig(env);

    // Assess
    expect(config).toStrictEqual({
      port: 8080,
      host: '0.0.0.0',
      logLevel: 'debug',
      tenantsFile: '/etc/deckhand/tenants.yml',
      defaultTenant: 'queen-of-san-diego',
      dataDir: '/var/lib/deckhand',
      tableName: 'deckhand-prod',
      publicUrl: 'https://charters.example.com',
      aws: {
        region: 'eu-west-1',
        dynamodbEndpoint: 'http://127.0.0.1:8000',
        s3Endpoint: 'http://127.0.0.1:9000',
      },
      embedded: false,
      slack: {
        signingSecret: 'secret',
        botToken: 'xoxb-1',
        appToken: 'xapp-1',
        apiUrl: undefined,
        approvers: undefined,
        bot: undefined,
      },
      dashboard: {
        url: 'https://dash.example.com',
        token: 'dash-token',
        tokenHeader: 'X-Dashboard-Token',
      },
      scc: { url: 'http://scc.example.com/api', serviceKey: 'scc-key', keyHeader: 'X-Api-Key' },
      sesFrom: undefined,
      builtIn: {
        tokenHeader: 'X-Dashboard-Token',
        keyHeader: 'X-Api-Key',
        serviceKeyHash: undefined,
      },
      pipeline: { concurrency: 4, leaseMs: 5000 },
      faults: [{ target: 'scc', operation: 'POST', kind: 'slow', ms: 100, times: 1 }],
    });
  });

  it('reports every bad key together, each by name', () => {
    // Prepare
    const env: Env = {
      PORT: 'abc',
      LOG_LEVEL: 'loud',
      SLACK_BOT_TOKEN: 'nope',
      DASHBOARD_URL: 'ftp://x',
      DECKHAND_TENANT_FILE: 'typo.yml',
    };

    // Act
    const problems = problemsOf(env);

    // Assess
    expect(problems).toHaveLength(5);
    for (const key of ['PORT', 'LOG_LEVEL', 'SLACK_BOT_TOKEN', 'DASHBOARD_URL']) {
      expect(problems.filter((p) => p.startsWith(`${key}: `))).toHaveLength(1);
    }
    expect(problems).toContain(
      'DECKHAND_TENANT_FILE: is not a deckhand setting (known: DECKHAND_TENANTS_FILE, DECKHAND_DEFAULT_TENANT, DECKHAND_DATA_DIR, DECKHAND_TABLE, DECKHAND_PUBLIC_URL, DECKHAND_APPROVERS, DECKHAND_KMS_KEY_ID, DECKHAND_QUEUE_URL, DECKHAND_SECRETS_ID, DECKHAND_PIPELINE_CONCURRENCY, DECKHAND_PIPELINE_LEASE_MS, DECKHAND_FAULTS)',
    );
    expect(problems).toContain('SLACK_BOT_TOKEN: must be a bot token starting with xoxb-');
    expect(problems).toContain('DASHBOARD_URL: must be an http(s) URL');
  });

  it('puts every problem in the error message with a hint to fix them', () => {
    // Act
    let error: unknown;
    try {
      loadConfig({ PORT: '70000', SLACK_APP_TOKEN: 'xoxb-wrong', SLACK_BOT_TOKEN: 'xoxb-1' });
    } catch (e) {
      error = e;
    }

    // Assess
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).message).toBe(
      'Environment is invalid:\n  - PORT: must be a TCP port number (0-65535), e.g. PORT=3000\n  - SLACK_APP_TOKEN: must be an app-level token starting with xapp-',
    );
    expect((error as ConfigError).hint).toBe('Fix the settings above and start again.');
  });

  it.each([
    [
      { DASHBOARD_URL: 'https://dash.example.com' },
      'DASHBOARD_TOKEN: is required when DASHBOARD_URL is set: the calendar API needs its token',
    ],
    [
      { SCC_URL: 'https://scc.example.com' },
      'SCC_SERVICE_KEY: is required when SCC_URL is set: the SCC API needs its service key',
    ],
    [
      { SLACK_BOT_TOKEN: 'xoxb-1' },
      'SLACK_SIGNING_SECRET: is required when SLACK_BOT_TOKEN is set: the Slack app needs both (Basic Information → Signing Secret), or SLACK_APP_TOKEN for Socket Mode',
    ],
    [
      { SLACK_APP_TOKEN: 'xapp-1' },
      'SLACK_BOT_TOKEN: is required when SLACK_APP_TOKEN is set: Socket Mode receives over the app-level token and answers with the bot token (xoxb-…)',
    ],
  ])('requires the partner of %o', (env, problem) => {
    // Act + Assess
    expect(problemsOf(env)).toEqual([problem]);
  });

  it('needs no signing secret in Socket Mode (nothing arrives over HTTP)', () => {
    // Act
    const config = loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xapp-1' });

    // Assess
    expect(config.slack).toMatchObject({
      botToken: 'xoxb-1',
      appToken: 'xapp-1',
      signingSecret: undefined,
    });
  });

  it("reads the bot's two ids together, and refuses one without the other or a malformed one", () => {
    // Act + Assess
    expect(
      loadConfig({ SLACK_BOT_ID: 'B0DECKBOT', SLACK_BOT_USER_ID: 'U0DECKBOT' }).slack.bot,
    ).toEqual({ botId: 'B0DECKBOT', botUserId: 'U0DECKBOT' });
    expect(loadConfig({}).slack.bot).toBeUndefined();
    expect(problemsOf({ SLACK_BOT_ID: 'B0DECKBOT' })).toEqual([
      "SLACK_BOT_USER_ID: is required when SLACK_BOT_ID is set: set both of the bot's ids (auth.test), or neither",
    ]);
    expect(problemsOf({ SLACK_BOT_ID: 'U0DECKBOT', SLACK_BOT_USER_ID: 'B0DECKBOT' })).toEqual([
      "SLACK_BOT_ID: a bot id (B0123ABCD): auth.test's bot_id",
      "SLACK_BOT_USER_ID: the bot's user id (U0123ABCD): auth.test's user_id",
    ]);
  });

  it('treats an empty partner as missing', () => {
    // Act + Assess
    expect(problemsOf({ DASHBOARD_URL: 'https://dash.example.com', DASHBOARD_TOKEN: '' })).toEqual([
      'DASHBOARD_TOKEN: is required when DASHBOARD_URL is set: the calendar API needs its token',
    ]);
  });

  it('treats empty strings as unset, so every default applies', () => {
    // Prepare
    const env: Env = {
      PORT: '',
      HOST: '',
      LOG_LEVEL: '',
      DECKHAND_TENANTS_FILE: '',
      DECKHAND_DEFAULT_TENANT: '',
      SLACK_SIGNING_SECRET: '',
      SLACK_BOT_TOKEN: '',
      SLACK_APP_TOKEN: '',
      DASHBOARD_URL: '',
      DASHBOARD_TOKEN: '',
      SCC_URL: '',
      SCC_SERVICE_KEY: '',
    };

    // Act
    const config = loadConfig(env);

    // Assess
    expect(config).toStrictEqual(DEFAULTS);
  });

  it.each([
    ['0', 0],
    ['65535', 65_535],
  ])('accepts PORT=%j', (port, expected) => {
    // Act + Assess
    expect(loadConfig({ PORT: port }).port).toBe(expected);
  });

  it.each([
    ['65536', 'PORT: must be a TCP port number (0-65535), e.g. PORT=3000'],
    ['-1', 'PORT: must be a TCP port number (0-65535), e.g. PORT=3000'],
    ['1.5', 'PORT: must be a TCP port number (0-65535), e.g. PORT=3000'],
    ['0x50', 'PORT: must be a TCP port number (0-65535), e.g. PORT=3000'],
  ])('rejects PORT=%j', (port, problem) => {
    // Act + Assess
    expect(problemsOf({ PORT: port })).toEqual([problem]);
  });

  it('does not turn a whitespace PORT into port 0', () => {
    expect(loadConfig({ PORT: ' ' }).port).not.toBe(0);
  });

  it('ignores environment keys that are not deckhand settings', () => {
    // Act + Assess
    expect(loadConfig({ PATH: '/usr/bin', HOME: '/root', NODE_ENV: 'test' })).toStrictEqual(
      DEFAULTS,
    );
  });

  it('never reads process.env: only the object it is given counts', () => {
    // Prepare
    const saved = process.env['PORT'];
    process.env['PORT'] = 'not-a-port';

    try {
      // Act
      const config = loadConfig({ HOST: 'localhost' });

      // Assess
      expect(config.port).toBe(3000);
      expect(config.host).toBe('localhost');
    } finally {
      if (saved === undefined) delete process.env['PORT'];
      else process.env['PORT'] = saved;
    }
  });
});

describe('loadConfig: Slack OAuth installs', () => {
  const oauth = {
    SLACK_SIGNING_SECRET: 'signing-secret',
    SLACK_CLIENT_ID: '1234567890.0987654321',
    SLACK_CLIENT_SECRET: 'a1b2c3d4e5f6a7b8c9d0',
    SLACK_STATE_SECRET: 'x'.repeat(32),
  };

  it('reads the three keys together, with no bot token needed', () => {
    const config = loadConfig({ ...oauth, DECKHAND_KMS_KEY_ID: 'alias/deckhand-tokens' });
    expect(config.slack.oauth).toEqual({
      clientId: '1234567890.0987654321',
      clientSecret: 'a1b2c3d4e5f6a7b8c9d0',
      stateSecret: 'x'.repeat(32),
    });
    expect(config.slack.kmsKeyId).toBe('alias/deckhand-tokens');
    expect(config.slack.botToken).toBeUndefined();
  });

  it('reports every missing or bad OAuth key at once', () => {
    expect(problemsOf({ SLACK_CLIENT_ID: '1234.5678' })).toEqual([
      expect.stringMatching(/^SLACK_CLIENT_SECRET: is required when SLACK_CLIENT_ID is set/),
      expect.stringMatching(/^SLACK_STATE_SECRET: is required when SLACK_CLIENT_ID is set/),
      expect.stringMatching(/^SLACK_SIGNING_SECRET: is required with OAuth installs/),
    ]);
    const bad = problemsOf({ ...oauth, SLACK_CLIENT_ID: 'abc', SLACK_STATE_SECRET: 'short' });
    expect(bad).toContainEqual(
      expect.stringMatching(/^SLACK_CLIENT_ID: must be the app’s Client ID/),
    );
    expect(bad).toContainEqual(expect.stringMatching(/^SLACK_STATE_SECRET: must be at least 32/));
  });
});
