/**
 * The one place that reads the environment. `loadConfig(env)` validates every key with zod
 * and reports every problem at once, each with what to set. Pass `process.env` only from an
 * entry point; tests pass a plain object.
 *
 * One piece (~320 lines): the local and the deployed configuration are read by the same schema
 * and must report problems the same way; each area's keys already live beside its code
 * (`*-settings.ts`), what is left here is the composition of them.
 */
import { z } from 'zod';
import { calendarEnv } from '../calendar/calendar-settings.ts';
import { crewMailEnv } from '../crew/crew-mail-settings.ts';
import { ConfigError } from '../errors.ts';
import type { FaultRule } from '../faults/fault-rules.ts';
import { faultEnv } from '../faults/fault-settings.ts';
import { logEnv } from '../logging/log-settings.ts';
import { pipelineEnv } from '../pipeline/pipeline-settings.ts';
import { sccEnv } from '../scc/scc-settings.ts';
import { serverEnv } from '../server/server-settings.ts';
import {
  type SlackOAuthSettings,
  slackEnv,
  slackOAuthProblems,
  slackOAuthSettings,
} from '../slack/slack-settings.ts';
import { isLoopbackUrl, storageEnv } from '../storage/storage-settings.ts';
import { tenantEnv } from '../tenants/tenant-settings.ts';
import { bcryptHash, optionalString, optionalUrl } from './env-values.ts';
import { describeZodIssues } from './zod-problems.ts';

export { EXAMPLE_TENANTS_FILE } from '../tenants/tenant-settings.ts';

/**
 * Every area's keys (each schema sits beside its code) in one object, read once: zod checks
 * them all in one pass, so every bad key is reported at once. Cross-area rules follow.
 */
const envSchema = z
  .object({
    // This order is the order problems and the known DECKHAND_ keys are listed in.
    ...logEnv,
    ...tenantEnv,
    ...storageEnv,
    ...serverEnv,
    ...slackEnv,
    ...calendarEnv,
    ...sccEnv,
    ...crewMailEnv,
    // On AWS only (loadDeployedConfig): the work queue and the Secrets Manager secret's id.
    DECKHAND_QUEUE_URL: optionalUrl,
    DECKHAND_SECRETS_ID: optionalString,
    ...pipelineEnv,
    ...faultEnv,
    // Where this process runs: fault injection is refused in production and on Lambda.
    NODE_ENV: optionalString,
    AWS_LAMBDA_FUNCTION_NAME: optionalString,
  })
  .superRefine((env, ctx) => {
    const remote = [env.DYNAMODB_ENDPOINT, env.S3_ENDPOINT].some(
      (url) => url !== undefined && !isLoopbackUrl(url),
    );
    if (
      env.DECKHAND_FAULTS?.length &&
      (env.NODE_ENV === 'production' || env.AWS_LAMBDA_FUNCTION_NAME !== undefined || remote)
    ) {
      ctx.addIssue({
        code: 'custom',
        path: ['DECKHAND_FAULTS'],
        message:
          'fault injection is for local runs and tests only, not production, Lambda or remote stores: unset DECKHAND_FAULTS',
      });
    }
    const pairs: [keyof typeof env, keyof typeof env, string][] = [
      [
        'SLACK_BOT_TOKEN',
        'SLACK_SIGNING_SECRET',
        'the Slack app needs both (Basic Information → Signing Secret), or SLACK_APP_TOKEN for Socket Mode',
      ],
      [
        'SLACK_APP_TOKEN',
        'SLACK_BOT_TOKEN',
        'Socket Mode receives over the app-level token and answers with the bot token (xoxb-…)',
      ],
      ['SLACK_BOT_ID', 'SLACK_BOT_USER_ID', "set both of the bot's ids (auth.test), or neither"],
      ['SLACK_BOT_USER_ID', 'SLACK_BOT_ID', "set both of the bot's ids (auth.test), or neither"],
      ['DASHBOARD_URL', 'DASHBOARD_TOKEN', 'the calendar API needs its token'],
      ['SCC_URL', 'SCC_SERVICE_KEY', 'the SCC API needs its service key'],
    ];
    for (const problem of slackOAuthProblems(env))
      ctx.addIssue({ code: 'custom', path: [problem.path], message: problem.message });
    for (const [a, b, why] of pairs) {
      // Socket Mode receives nothing over HTTP: no signature to check.
      if (b === 'SLACK_SIGNING_SECRET' && env.SLACK_APP_TOKEN !== undefined) continue;
      if (env[a] !== undefined && env[b] === undefined) {
        ctx.addIssue({
          code: 'custom',
          path: [b],
          message: `is required when ${a} is set: ${why}`,
        });
      }
    }
  });

/** Keys deckhand reads; anything else starting with DECKHAND_ is most likely a typo. */
const KNOWN_KEYS = new Set(Object.keys(envSchema.shape ?? {}));

export type Config = Readonly<{
  port: number;
  host: string;
  logLevel: z.infer<typeof envSchema>['LOG_LEVEL'];
  tenantsFile: string;
  defaultTenant: string | undefined;
  dataDir: string;
  tableName: string;
  /** Base URL for guest and crew page links; unset: the local server (embedded) or https://<tenant domain>. */
  publicUrl: string | undefined;
  aws: { region: string; dynamodbEndpoint: string | undefined; s3Endpoint: string | undefined };
  /** Embedded dynalite + s3rver: no store endpoint configured. */
  embedded: boolean;
  slack: {
    signingSecret: string | undefined;
    botToken: string | undefined;
    appToken: string | undefined;
    /** Base URL of the Web API (a proxy or a local stand-in); unset: Slack's own. */
    apiUrl: string | undefined;
    /** Overrides every tenant's approver list: user ids, or '*' for anyone (trials, tests). */
    approvers: string[] | '*' | undefined;
    /** OAuth installs (SLACK_CLIENT_ID, _SECRET, SLACK_STATE_SECRET); unset: one workspace, SLACK_BOT_TOKEN. */
    oauth?: SlackOAuthSettings | undefined;
    /** The KMS key sealing installations' tokens (AWS); unset: the data folder's key file. */
    kmsKeyId?: string | undefined;
    /** The bot's ids, both or neither: with them Bolt makes no auth.test at start-up. */
    bot: { botId: string; botUserId: string } | undefined;
  };
  dashboard: { url: string; token: string; tokenHeader: string } | undefined;
  scc: { url: string; serviceKey: string; keyHeader: string } | undefined;
  /** Crew email goes through SES from this address when set; otherwise to the local outbox. */
  sesFrom: string | undefined;
  /** Header names and the bcrypt hash the built-in services check. */
  builtIn: { tokenHeader: string; keyHeader: string; serviceKeyHash: string | undefined };
  /** How many pipelines run at once in this process, and how long a step stays claimed. */
  pipeline: { concurrency: number; leaseMs: number };
  /** Fault rules (DECKHAND_FAULTS), empty unless set: local runs and tests only. */
  faults: readonly FaultRule[];
}>;

/**
 * Validates the environment. Throws a ConfigError listing every bad key and what to set.
 *
 * @example const config = loadConfig(process.env);
 */
export function loadConfig(env: Readonly<Record<string, string | undefined>>): Config {
  const problems: string[] = [];
  for (const key of Object.keys(env)) {
    if (key.startsWith('DECKHAND_') && !KNOWN_KEYS.has(key)) {
      const known = [...KNOWN_KEYS].filter((k) => k.startsWith('DECKHAND_')).join(', ');
      problems.push(`${key}: is not a deckhand setting (known: ${known})`);
    }
  }
  const result = envSchema.safeParse(env);
  if (!result.success) problems.push(...describeZodIssues(result.error.issues));
  if (!result.success || problems.length > 0) throw new ConfigError('Environment', problems);

  const e = result.data;
  return {
    port: e.PORT,
    host: e.HOST,
    logLevel: e.LOG_LEVEL,
    tenantsFile: e.DECKHAND_TENANTS_FILE,
    defaultTenant: e.DECKHAND_DEFAULT_TENANT,
    dataDir: e.DECKHAND_DATA_DIR,
    tableName: e.DECKHAND_TABLE,
    publicUrl: e.DECKHAND_PUBLIC_URL?.replace(/\/+$/, ''),
    aws: { region: e.AWS_REGION, dynamodbEndpoint: e.DYNAMODB_ENDPOINT, s3Endpoint: e.S3_ENDPOINT },
    embedded: e.DYNAMODB_ENDPOINT === undefined && e.S3_ENDPOINT === undefined,
    slack: {
      signingSecret: e.SLACK_SIGNING_SECRET,
      botToken: e.SLACK_BOT_TOKEN,
      appToken: e.SLACK_APP_TOKEN,
      apiUrl: e.SLACK_API_URL,
      bot:
        e.SLACK_BOT_ID && e.SLACK_BOT_USER_ID
          ? { botId: e.SLACK_BOT_ID, botUserId: e.SLACK_BOT_USER_ID }
          : undefined,
      approvers:
        e.DECKHAND_APPROVERS === undefined
          ? undefined
          : e.DECKHAND_APPROVERS === '*'
            ? '*'
            : e.DECKHAND_APPROVERS.split(','),
      // Only when set, so a single-workspace configuration reads as before.
      ...(slackOAuthSettings(e) ? { oauth: slackOAuthSettings(e) } : {}),
      ...(e.DECKHAND_KMS_KEY_ID ? { kmsKeyId: e.DECKHAND_KMS_KEY_ID } : {}),
    },
    dashboard:
      e.DASHBOARD_URL && e.DASHBOARD_TOKEN
        ? { url: e.DASHBOARD_URL, token: e.DASHBOARD_TOKEN, tokenHeader: e.DASHBOARD_TOKEN_HEADER }
        : undefined,
    scc:
      e.SCC_URL && e.SCC_SERVICE_KEY
        ? { url: e.SCC_URL, serviceKey: e.SCC_SERVICE_KEY, keyHeader: e.SCC_KEY_HEADER }
        : undefined,
    sesFrom: e.SES_FROM,
    builtIn: {
      tokenHeader: e.DASHBOARD_TOKEN_HEADER,
      keyHeader: e.SCC_KEY_HEADER,
      serviceKeyHash: e.SCC_SERVICE_KEY_HASH,
    },
    pipeline: {
      concurrency: e.DECKHAND_PIPELINE_CONCURRENCY,
      leaseMs: e.DECKHAND_PIPELINE_LEASE_MS,
    },
    faults: e.DECKHAND_FAULTS ?? [],
  };
}

/**
 * The one Secrets Manager secret of a deployment (a JSON object; docs/DEPLOY.md makes it):
 * Slack's credentials, an external calendar's or SCC's key when those are used, and the built-in
 * services' credentials, which locally live in `<data dir>/secrets.json`.
 */
const deployedSecretsSchema = z
  .strictObject({
    SLACK_SIGNING_SECRET: z
      .string()
      .min(1, 'is required (Slack: Basic Information → Signing Secret)'),
    // One workspace: its bot token. OAuth installs (SLACK_CLIENT_ID in the environment): the
    // client secret and the state secret instead, each workspace's token in the installation store.
    SLACK_BOT_TOKEN: z
      .string()
      .startsWith('xoxb-', 'must be a bot token starting with xoxb-')
      .optional(),
    SLACK_CLIENT_SECRET: z.string().min(1).optional(),
    SLACK_STATE_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
    // Optional: with both, the Slack function's cold start makes no auth.test (config.slack.bot).
    SLACK_BOT_ID: z.string().optional(),
    SLACK_BOT_USER_ID: z.string().optional(),
    DASHBOARD_TOKEN: z.string().min(1).optional(),
    SCC_SERVICE_KEY: z.string().min(1).optional(),
    BUILTIN_DASHBOARD_TOKEN: z.string().min(32, 'must be at least 32 characters'),
    BUILTIN_SCC_SERVICE_KEY: z.string().min(32, 'must be 32-72 characters').max(72),
    BUILTIN_SCC_SERVICE_KEY_HASH: bcryptHash('a bcrypt hash of BUILTIN_SCC_SERVICE_KEY'),
    FEED_SECRET_SEED: z.string().min(32, 'must be at least 32 characters'),
  })
  .superRefine((secrets, ctx) => {
    if (!secrets.SLACK_BOT_TOKEN && !(secrets.SLACK_CLIENT_SECRET && secrets.SLACK_STATE_SECRET))
      ctx.addIssue({
        code: 'custom',
        path: ['SLACK_BOT_TOKEN'],
        message:
          'is required (one workspace), or SLACK_CLIENT_SECRET and SLACK_STATE_SECRET are (OAuth installs)',
      });
  });
export type DeployedSecrets = z.infer<typeof deployedSecretsSchema>;

/** The secret's JSON validated, or every problem with it (names only, never values). */
export function parseDeployedSecrets(json: string): DeployedSecrets | string[] {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return ['is not a JSON object'];
  }
  const read = deployedSecretsSchema.safeParse(value);
  return read.success ? read.data : describeZodIssues(read.error.issues);
}

/** Keys that hold secrets: on AWS they come from the secret, never from the environment. */
const SECRET_KEYS = [
  'SLACK_SIGNING_SECRET',
  'SLACK_BOT_TOKEN',
  'SLACK_CLIENT_SECRET',
  'SLACK_STATE_SECRET',
  'DASHBOARD_TOKEN',
  'SCC_SERVICE_KEY',
];

export type DeployedConfig = Config &
  Readonly<{
    queueUrl: string;
    /** The built-in services' credentials, shared by every Lambda (not a data folder's file). */
    builtInSecrets:
      | {
          dashboardToken: string;
          sccServiceKey: string;
          sccServiceKeyHash: string;
          feedSecretSeed: string;
        }
      | undefined;
  }>;

/**
 * What a Lambda needs before it reads its secret: the queue's URL and the secret's id (the
 * schedule function has no secret). Throws a ConfigError listing every problem.
 */
export function deployedSettings(
  env: Readonly<Record<string, string | undefined>>,
  needs: { secret: boolean },
): { queueUrl: string; secretsId: string | undefined } {
  const problems: string[] = [];
  const queueUrl = env.DECKHAND_QUEUE_URL?.trim();
  const secretsId = env.DECKHAND_SECRETS_ID?.trim();
  if (!queueUrl) problems.push("DECKHAND_QUEUE_URL: is required on AWS (the work queue's URL)");
  if (needs.secret && !secretsId)
    problems.push(
      "DECKHAND_SECRETS_ID: is required on AWS (the Secrets Manager secret's name or ARN)",
    );
  for (const key of SECRET_KEYS) {
    if (env[key]?.trim())
      problems.push(
        `${key}: must not be in the environment on AWS; put it in the secret DECKHAND_SECRETS_ID`,
      );
  }
  if (problems.length > 0) throw new ConfigError('Environment', problems);
  return { queueUrl: queueUrl as string, secretsId };
}

/**
 * The configuration of a Lambda: the environment (no secrets in it) plus the secret's JSON,
 * both validated; real DynamoDB and S3 unless endpoints are set. Every problem is reported at
 * once; a secret's values are never repeated in a message.
 */
export function loadDeployedConfig(
  env: Readonly<Record<string, string | undefined>>,
  secretJson: string | undefined,
): DeployedConfig {
  const problems: string[] = [];
  let settings: ReturnType<typeof deployedSettings> | undefined;
  try {
    settings = deployedSettings(env, { secret: secretJson !== undefined });
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    problems.push(...error.problems);
  }
  let secrets: DeployedSecrets | undefined;
  if (secretJson !== undefined) {
    const read = parseDeployedSecrets(secretJson);
    if (Array.isArray(read))
      problems.push(...read.map((p) => `the secret DECKHAND_SECRETS_ID: ${p}`));
    else secrets = read;
  }
  let config: Config | undefined;
  try {
    config = loadConfig({
      ...env,
      ...(secrets
        ? {
            SLACK_SIGNING_SECRET: secrets.SLACK_SIGNING_SECRET,
            SLACK_BOT_TOKEN: secrets.SLACK_BOT_TOKEN,
            SLACK_CLIENT_SECRET: secrets.SLACK_CLIENT_SECRET,
            SLACK_STATE_SECRET: secrets.SLACK_STATE_SECRET,
            SLACK_BOT_ID: secrets.SLACK_BOT_ID ?? env.SLACK_BOT_ID,
            SLACK_BOT_USER_ID: secrets.SLACK_BOT_USER_ID ?? env.SLACK_BOT_USER_ID,
            DASHBOARD_TOKEN: secrets.DASHBOARD_TOKEN,
            SCC_SERVICE_KEY: secrets.SCC_SERVICE_KEY,
          }
        : {}),
    });
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    problems.push(...error.problems);
  }
  if (problems.length > 0 || !config || !settings) throw new ConfigError('Environment', problems);
  return {
    ...config,
    // Real AWS when no endpoint is set: the embedded stores are for one machine only.
    embedded: false,
    queueUrl: settings.queueUrl,
    builtInSecrets: secrets && {
      dashboardToken: secrets.BUILTIN_DASHBOARD_TOKEN,
      sccServiceKey: secrets.BUILTIN_SCC_SERVICE_KEY,
      sccServiceKeyHash: secrets.BUILTIN_SCC_SERVICE_KEY_HASH,
      feedSecretSeed: secrets.FEED_SECRET_SEED,
    },
  };
}
