/**
 * The one place that reads the environment. `loadConfig(env)` validates every key with zod
 * and reports every problem at once, each with what to set. Pass `process.env` only from an
 * entry point; tests pass a plain object.
 */
import { join } from 'node:path';
import { z } from 'zod';
import { ConfigError } from '../errors.ts';
import { PACKAGE_ROOT } from '../package-root.ts';
import { describeZodIssues } from './zod-problems.ts';

/** The example tenants file shipped in the repo, used when DECKHAND_TENANTS_FILE is unset. */
export const EXAMPLE_TENANTS_FILE = join(PACKAGE_ROOT, 'config', 'tenants.example.yml');

// An empty string means "unset": shells and .env files often export KEY= .
const optionalString = z.preprocess(
  (v) => (typeof v === 'string' && v.trim() === '' ? undefined : v),
  z.string().optional(),
);
const optionalUrl = z.preprocess(
  (v) => (v === '' ? undefined : v),
  z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).optional(),
);

const envSchema = z
  .object({
    PORT: z.preprocess(
      (v) => (typeof v === 'string' && v.trim() === '' ? undefined : v),
      z
        .string()
        .regex(/^\d{1,5}$/, 'must be a TCP port number (0-65535), e.g. PORT=3000')
        .transform(Number)
        .refine((n) => n <= 65_535, 'must be a TCP port number (0-65535), e.g. PORT=3000')
        .default(3000),
    ),
    HOST: z.preprocess((v) => (v === '' ? undefined : v), z.string().default('127.0.0.1')),
    LOG_LEVEL: z.preprocess(
      (v) => (v === '' ? undefined : v),
      z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    ),
    DECKHAND_TENANTS_FILE: z.preprocess(
      (v) => (v === '' ? undefined : v),
      z.string().default(EXAMPLE_TENANTS_FILE),
    ),
    DECKHAND_DEFAULT_TENANT: optionalString,
    SLACK_SIGNING_SECRET: optionalString,
    SLACK_BOT_TOKEN: z.preprocess(
      (v) => (v === '' ? undefined : v),
      z.string().startsWith('xoxb-', 'must be a bot token starting with xoxb-').optional(),
    ),
    SLACK_APP_TOKEN: z.preprocess(
      (v) => (v === '' ? undefined : v),
      z.string().startsWith('xapp-', 'must be an app-level token starting with xapp-').optional(),
    ),
    DASHBOARD_URL: optionalUrl,
    DASHBOARD_TOKEN: optionalString,
    SCC_URL: optionalUrl,
    SCC_SERVICE_KEY: optionalString,
  })
  .superRefine((env, ctx) => {
    const pairs: [keyof typeof env, keyof typeof env, string][] = [
      [
        'SLACK_BOT_TOKEN',
        'SLACK_SIGNING_SECRET',
        'the Slack app needs both (Basic Information → Signing Secret)',
      ],
      ['DASHBOARD_URL', 'DASHBOARD_TOKEN', 'the calendar API needs its token'],
      ['SCC_URL', 'SCC_SERVICE_KEY', 'the SCC API needs its service key'],
    ];
    for (const [a, b, why] of pairs) {
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
  slack: {
    signingSecret: string | undefined;
    botToken: string | undefined;
    appToken: string | undefined;
  };
  dashboard: { url: string; token: string } | undefined;
  scc: { url: string; serviceKey: string } | undefined;
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
    slack: {
      signingSecret: e.SLACK_SIGNING_SECRET,
      botToken: e.SLACK_BOT_TOKEN,
      appToken: e.SLACK_APP_TOKEN,
    },
    dashboard:
      e.DASHBOARD_URL && e.DASHBOARD_TOKEN
        ? { url: e.DASHBOARD_URL, token: e.DASHBOARD_TOKEN }
        : undefined,
    scc:
      e.SCC_URL && e.SCC_SERVICE_KEY
        ? { url: e.SCC_URL, serviceKey: e.SCC_SERVICE_KEY }
        : undefined,
  };
}
