/**
 * `npm run synth`: bundles the functions and writes the CloudFormation template to
 * infra/cdk.out, offline (no AWS account, no network, no Docker). Deploy that assembly with the
 * CDK CLI (docs/DEPLOY.md). Settings, all optional, from the environment:
 *
 *   DECKHAND_TENANTS_FILE   the tenants (default: the example file); bundled into every function
 *   DEPLOY_STACK_NAME       default Deckhand
 *   DEPLOY_SECRET_NAME      the Secrets Manager secret (default deckhand/production)
 *   DEPLOY_TABLE            the DynamoDB table's name (default deckhand)
 *   DEPLOY_CERTIFICATES     tenant=arn,... ACM certificates in us-east-1 for the tenants' domains
 *   DEPLOY_SES_FROM         crew email through SES from this address
 *   DEPLOY_ALARM_EMAIL      who is emailed when jobs land in the dead-letter queue
 */
import { join } from 'node:path';
import { App } from 'aws-cdk-lib';
import { z } from 'zod';
import { EXAMPLE_TENANTS_FILE } from '../src/config/config.ts';
import { describeZodIssues } from '../src/config/zod-problems.ts';
import { loadTenantsFile } from '../src/tenants/tenant-registry.ts';
import { bundleLambdas, REPO_ROOT, TENANTS_PATH_IN_BUNDLE } from './bundle-lambdas.ts';
import { DeckhandStack } from './deckhand-stack.ts';

const blankIsUnset = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
const settingsSchema = z.object({
  DECKHAND_TENANTS_FILE: z.preprocess(blankIsUnset, z.string().default(EXAMPLE_TENANTS_FILE)),
  DEPLOY_STACK_NAME: z.preprocess(
    blankIsUnset,
    z
      .string()
      .regex(/^[A-Za-z][A-Za-z0-9-]{0,127}$/, 'a CloudFormation stack name')
      .default('Deckhand'),
  ),
  DEPLOY_SECRET_NAME: z.preprocess(
    blankIsUnset,
    z
      .string()
      .regex(/^[\w/+=.@-]{1,512}$/, 'a Secrets Manager secret name')
      .default('deckhand/production'),
  ),
  DEPLOY_TABLE: z.preprocess(
    blankIsUnset,
    z
      .string()
      .regex(/^[\w.-]{3,255}$/, 'a DynamoDB table name')
      .default('deckhand'),
  ),
  DEPLOY_CERTIFICATES: z.preprocess(
    blankIsUnset,
    z
      .string()
      .regex(
        /^[a-z0-9-]+=arn:aws[\w-]*:acm:us-east-1:\d{12}:certificate\/[\w-]+(,[a-z0-9-]+=arn:aws[\w-]*:acm:us-east-1:\d{12}:certificate\/[\w-]+)*$/,
        'tenant=arn:aws:acm:us-east-1:…:certificate/…, comma-separated (CloudFront needs us-east-1)',
      )
      .optional(),
  ),
  DEPLOY_SES_FROM: z.preprocess(blankIsUnset, z.email().optional()),
  DEPLOY_ALARM_EMAIL: z.preprocess(blankIsUnset, z.email().optional()),
  // OAuth installs ("Add to Slack"): the app's Client ID; its secrets go in the deployment's secret.
  DEPLOY_SLACK_CLIENT_ID: z.preprocess(
    blankIsUnset,
    z
      .string()
      .regex(/^\d+\.\d+$/, "the Slack app's Client ID, digits.digits")
      .optional(),
  ),
  DEPLOY_PUBLIC_URL: z.preprocess(blankIsUnset, z.url({ protocol: /^https$/ }).optional()),
});

const read = settingsSchema.safeParse(process.env);
if (!read.success) {
  console.error(
    `Cannot synthesize:\n${describeZodIssues(read.error.issues)
      .map((p) => `  - ${p}`)
      .join('\n')}`,
  );
  process.exit(1);
}
const settings = read.data;
const tenants = await loadTenantsFile(settings.DECKHAND_TENANTS_FILE);
const certificates = new Map(
  (settings.DEPLOY_CERTIFICATES?.split(',') ?? []).map((pair) => {
    const at = pair.indexOf('=');
    return [pair.slice(0, at), pair.slice(at + 1)] as const;
  }),
);
for (const id of certificates.keys()) {
  if (!tenants.list().some((t) => t.id === id)) {
    console.error(`Cannot synthesize: DEPLOY_CERTIFICATES names ${id}, which is not a tenant.`);
    process.exit(1);
  }
}

const bundles = await bundleLambdas({
  outDir: join(REPO_ROOT, 'infra', 'build'),
  tenantsFile: settings.DECKHAND_TENANTS_FILE,
});
const app = new App({ outdir: join(REPO_ROOT, 'infra', 'cdk.out') });
new DeckhandStack(app, settings.DEPLOY_STACK_NAME, {
  description: 'deckhand: Slack app for charter-boat operators (infra/deckhand-stack.ts)',
  tenants: tenants.list().map((t) => ({
    id: t.id,
    domain: t.domain,
    bucket: t.bucket,
    certificateArn: certificates.get(t.id),
  })),
  bundles: Object.fromEntries(bundles.map((b) => [b.name, b.dir])) as Record<
    (typeof bundles)[number]['name'],
    string
  >,
  tenantsPathInBundle: TENANTS_PATH_IN_BUNDLE,
  secretName: settings.DEPLOY_SECRET_NAME,
  tableName: settings.DEPLOY_TABLE,
  sesFrom: settings.DEPLOY_SES_FROM,
  alarmEmail: settings.DEPLOY_ALARM_EMAIL,
  slackClientId: settings.DEPLOY_SLACK_CLIENT_ID,
  publicUrl: settings.DEPLOY_PUBLIC_URL,
});
const assembly = app.synth();
for (const bundle of bundles)
  console.log(`${bundle.name}: ${(bundle.codeBytes / 1024 / 1024).toFixed(2)} MiB (${bundle.dir})`);
console.log(
  `Synthesized ${assembly.stacks.map((s) => s.stackName).join(', ')} to ${assembly.directory}`,
);
