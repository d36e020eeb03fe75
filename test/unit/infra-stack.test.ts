/**
 * The CDK stack's important properties, from the synthesized template (aws-cdk-lib/assertions):
 * the table as the code uses it, private buckets behind CloudFront with the repository's own
 * viewer-request function, the queue's dead-letter queue and alarm, the functions' runtime, and
 * IAM limited to this stack's table, buckets, queue, secret and distributions.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LAMBDA_NAMES, REPO_ROOT } from '../../infra/bundle-lambdas.ts';
import { DeckhandStack } from '../../infra/deckhand-stack.ts';

type Resource = { Type: string; Properties: Record<string, unknown> };
type Statement = {
  Effect: string;
  Action: string | string[];
  Resource: unknown;
  Principal?: unknown;
};

let dir: string;
let template: Template;
let resources: Record<string, Resource>;

const ofType = (type: string) =>
  Object.entries(resources).filter(([, r]) => r.Type === type) as [string, Resource][];
/** The logical id of the resource of this type whose id starts with the prefix. */
const idOf = (type: string, prefix: string) =>
  ofType(type).find(([id]) => id.startsWith(prefix))?.[0] ?? `(no ${type} ${prefix})`;

beforeAll(() => {
  // Placeholder bundles: the template does not depend on the code (npm run synth bundles it).
  dir = mkdtempSync(join(tmpdir(), 'deckhand-infra-'));
  const bundles = Object.fromEntries(
    LAMBDA_NAMES.map((name) => {
      mkdirSync(join(dir, name));
      writeFileSync(join(dir, name, 'index.mjs'), `export const handler = () => '${name}';\n`);
      return [name, join(dir, name)];
    }),
  ) as Record<(typeof LAMBDA_NAMES)[number], string>;
  const app = new App({ outdir: join(dir, 'cdk.out') });
  const stack = new DeckhandStack(app, 'DeckhandTest', {
    tenants: [
      {
        id: 'queen-of-san-diego',
        domain: 'queenofsandiego.com',
        bucket: 'queenofsandiego.com',
        certificateArn: 'arn:aws:acm:us-east-1:123456789012:certificate/abc-123',
      },
      {
        id: 'keys-reef-runner',
        domain: 'keysreefrunner.com',
        bucket: 'keysreefrunner-guest-pages',
      },
    ],
    bundles,
    tenantsPathInBundle: 'config/tenants.yml',
    secretName: 'deckhand/test',
    tableName: 'deckhand-test',
    alarmEmail: 'ops@example.com',
    slackClientId: '1234567890.0987654321',
    publicUrl: 'https://deckhand.example.com',
  });
  template = Template.fromStack(stack);
  resources = template.toJSON().Resources as Record<string, Resource>;
  // aws-cdk-lib is large: loading and synthesizing it takes seconds on a busy machine.
}, 120_000);

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('the DynamoDB table', () => {
  it('has the keys, the gsi1 index and the TTL attribute the code uses', () => {
    template.resourceCountIs('AWS::DynamoDB::Table', 1);
    template.hasResource('AWS::DynamoDB::Table', {
      DeletionPolicy: 'Retain',
      Properties: {
        TableName: 'deckhand-test',
        BillingMode: 'PAY_PER_REQUEST',
        KeySchema: [
          { AttributeName: 'pk', KeyType: 'HASH' },
          { AttributeName: 'sk', KeyType: 'RANGE' },
        ],
        GlobalSecondaryIndexes: [
          {
            IndexName: 'gsi1',
            KeySchema: [
              { AttributeName: 'gsi1pk', KeyType: 'HASH' },
              { AttributeName: 'gsi1sk', KeyType: 'RANGE' },
            ],
            Projection: { ProjectionType: 'ALL' },
          },
        ],
        TimeToLiveSpecification: { AttributeName: 'ttl', Enabled: true },
      },
    });
  });
});

describe('the sites', () => {
  it('keeps every bucket private, TLS only, with the tenant-origin CORS rule for uploads', () => {
    const buckets = ofType('AWS::S3::Bucket');
    expect(buckets.map(([, b]) => b.Properties.BucketName).sort()).toEqual([
      'keysreefrunner-guest-pages',
      'queenofsandiego.com',
    ]);
    for (const [, bucket] of buckets) {
      expect(bucket.Properties.PublicAccessBlockConfiguration).toEqual({
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      });
      expect(bucket.Properties.WebsiteConfiguration).toBeUndefined();
    }
    template.hasResourceProperties('AWS::S3::Bucket', {
      BucketName: 'queenofsandiego.com',
      CorsConfiguration: {
        CorsRules: [
          {
            AllowedMethods: ['POST'],
            AllowedOrigins: ['https://queenofsandiego.com'],
            ExposedHeaders: ['ETag'],
            MaxAge: 3000,
          },
        ],
      },
    });
    // The bucket policies allow only CloudFront (by distribution) and deny plain HTTP.
    for (const [, policy] of ofType('AWS::S3::BucketPolicy')) {
      for (const s of (policy.Properties.PolicyDocument as { Statement: Statement[] }).Statement) {
        if (s.Effect === 'Allow')
          expect(s.Principal).toEqual({ Service: 'cloudfront.amazonaws.com' });
        else expect(JSON.stringify(s)).toContain('aws:SecureTransport');
      }
    }
  });

  it("serves /g/* and /c/* through the repository's CloudFront Function, from S3 by origin access control", () => {
    template.resourceCountIs('AWS::CloudFront::OriginAccessControl', 2);
    const source = readFileSync(join(REPO_ROOT, 'edge', 'cloudfront-viewer-request.js'), 'utf8');
    const pagesFunction = ofType('AWS::CloudFront::Function').find(
      ([, f]) => f.Properties.FunctionCode === source,
    );
    expect(pagesFunction?.[0]).toEqual(expect.any(String));
    expect(pagesFunction?.[1].Properties.FunctionConfig).toMatchObject({
      Runtime: 'cloudfront-js-2.0',
    });
    const pagesArn = { 'Fn::GetAtt': [pagesFunction?.[0], 'FunctionARN'] };

    const distributions = ofType('AWS::CloudFront::Distribution');
    expect(distributions).toHaveLength(2);
    for (const [, distribution] of distributions) {
      const config = distribution.Properties.DistributionConfig as {
        CacheBehaviors: {
          PathPattern: string;
          TargetOriginId: string;
          FunctionAssociations?: { EventType: string; FunctionARN: unknown }[];
        }[];
        Origins: { Id: string; S3OriginConfig?: unknown; OriginAccessControlId?: unknown }[];
      };
      const patterns = config.CacheBehaviors.map((b) => b.PathPattern);
      // First match wins: the uploads endpoint before the pages.
      expect(patterns.indexOf('/g/*/uploads')).toBeLessThan(patterns.indexOf('/g/*'));
      expect(patterns.indexOf('/g/*/uploads/done')).toBeLessThan(patterns.indexOf('/g/*'));
      // The photo "done" call and the ops gallery reach the HTTP function, never the bucket.
      for (const path of ['/g/*/uploads/done', '/ops/*']) {
        const behavior = config.CacheBehaviors.find((b) => b.PathPattern === path);
        const origin = config.Origins.find((o) => o.Id === behavior?.TargetOriginId);
        expect(origin?.S3OriginConfig).toBeUndefined();
        expect(origin?.OriginAccessControlId).toBeUndefined();
      }
      for (const path of ['/g/*', '/c/*']) {
        const behavior = config.CacheBehaviors.find((b) => b.PathPattern === path);
        expect(behavior?.FunctionAssociations).toEqual([
          { EventType: 'viewer-request', FunctionARN: pagesArn },
        ]);
        const origin = config.Origins.find((o) => o.Id === behavior?.TargetOriginId);
        expect(origin?.OriginAccessControlId).toEqual({ 'Fn::GetAtt': [expect.any(String), 'Id'] });
      }
    }
    template.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({
        Aliases: ['queenofsandiego.com'],
        ViewerCertificate: Match.objectLike({
          AcmCertificateArn: 'arn:aws:acm:us-east-1:123456789012:certificate/abc-123',
        }),
      }),
    });
  });
});

describe('the work queue', () => {
  it('sends a job to the dead-letter queue after five failures, with an alarm on it', () => {
    const dlq = idOf('AWS::SQS::Queue', 'DeadLetterQueue');
    template.hasResourceProperties('AWS::SQS::Queue', {
      RedrivePolicy: { deadLetterTargetArn: { 'Fn::GetAtt': [dlq, 'Arn'] }, maxReceiveCount: 5 },
    });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Namespace: 'AWS/SQS',
      MetricName: 'ApproximateNumberOfMessagesVisible',
      Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': [dlq, 'QueueName'] } }],
      Threshold: 0,
      ComparisonOperator: 'GreaterThanThreshold',
      AlarmActions: [{ Ref: idOf('AWS::SNS::Topic', 'AlarmTopic') }],
    });
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      FunctionName: { Ref: idOf('AWS::Lambda::Function', 'WorkerFunction') },
      FunctionResponseTypes: ['ReportBatchItemFailures'],
    });
  });
});

describe('the functions', () => {
  it('run Node 22 on arm64 with log retention and no secret in their environment', () => {
    const functions = ofType('AWS::Lambda::Function');
    expect(functions).toHaveLength(4);
    for (const [, fn] of functions) {
      expect(fn.Properties).toMatchObject({
        Runtime: 'nodejs22.x',
        Architectures: ['arm64'],
        Handler: 'index.handler',
      });
      const env = (fn.Properties.Environment as { Variables: Record<string, unknown> }).Variables;
      expect(env.DECKHAND_SECRETS_ID).toBe('deckhand/test');
      // The Slack app's Client ID is public (it is in every install link); its secret is not here.
      expect(
        Object.keys(env).filter(
          (k) =>
            /SLACK|TOKEN|SERVICE_KEY|SEED|SECRET/.test(k) &&
            !['SLACK_CLIENT_ID', 'DECKHAND_SECRETS_ID'].includes(k),
        ),
      ).toEqual([]);
    }
    for (const [, group] of ofType('AWS::Logs::LogGroup'))
      expect(group.Properties.RetentionInDays).toBe(30);
    template.resourceCountIs('AWS::Lambda::Url', 2);
    template.hasResourceProperties('AWS::Events::Rule', {
      ScheduleExpression: 'rate(1 minute)',
      Targets: [Match.objectLike({ Input: '{"task":"reminders"}' })],
    });
  });

  it("give each function only its own actions, on this stack's resources only", () => {
    const own = [
      idOf('AWS::DynamoDB::Table', 'Table'),
      idOf('AWS::SQS::Queue', 'WorkQueue'),
      ...ofType('AWS::S3::Bucket').map(([id]) => id),
      ...ofType('AWS::CloudFront::Distribution').map(([id]) => id),
      idOf('AWS::KMS::Key', 'SlackTokenKey'),
    ];
    expect(own).toHaveLength(7);
    const actionsOf: Record<string, string[]> = {};
    for (const [id, policy] of ofType('AWS::IAM::Policy')) {
      const statements = (policy.Properties.PolicyDocument as { Statement: Statement[] }).Statement;
      actionsOf[id.replace(/FunctionServiceRole.*/, '')] = statements.flatMap((s) =>
        typeof s.Action === 'string' ? [s.Action] : s.Action,
      );
      for (const s of statements) {
        const resources = Array.isArray(s.Resource) ? s.Resource : [s.Resource];
        for (const resource of resources) {
          const text = JSON.stringify(resource);
          expect(text, `${id}: ${String(s.Action)}`).not.toBe('"*"');
          const onOwn = own.some((logicalId) => text.includes(logicalId));
          const onSecret = text.includes(':secret:deckhand/test-??????');
          expect(onOwn || onSecret, `${id} may only use this stack's resources: ${text}`).toBe(
            true,
          );
        }
      }
    }
    expect(Object.keys(actionsOf).sort()).toEqual(['Http', 'Schedule', 'Slack', 'Worker']);
    expect(actionsOf.Schedule?.every((a) => a.startsWith('sqs:'))).toBe(true);
    expect(actionsOf.Slack?.some((a) => a.startsWith('s3:'))).toBe(false);
    expect(actionsOf.Slack).not.toContain('sqs:ReceiveMessage');
    expect(actionsOf.Worker).toContain('sqs:ReceiveMessage');
    expect(actionsOf.Worker).toContain('cloudfront:CreateInvalidation');
    expect(actionsOf.Http).not.toContain('s3:DeleteObject*');
    // The HTTP function may write only guests' uploads (it signs their presigned POSTs).
    const [, httpPolicy] = ofType('AWS::IAM::Policy').find(([id]) => id.startsWith('Http')) as [
      string,
      Resource,
    ];
    const puts = (
      httpPolicy.Properties.PolicyDocument as { Statement: Statement[] }
    ).Statement.filter((s) => (s.Action as string[]).includes('s3:PutObject'));
    expect(puts).toHaveLength(2);
    for (const s of puts) expect(JSON.stringify(s.Resource)).toMatch(/\/uploads\/\*"\]\]\}$/);
  });

  it('seals Slack installations with a rotating KMS key the Slack, worker and HTTP functions may use', () => {
    const keys = ofType('AWS::KMS::Key');
    expect(keys).toHaveLength(1);
    const [keyId, key] = keys[0] as [string, Resource];
    expect(key.Properties.EnableKeyRotation).toBe(true);
    expect((key as Resource & { DeletionPolicy?: string }).DeletionPolicy).toBe('Retain');
    for (const [id, fn] of ofType('AWS::Lambda::Function')) {
      const env = (fn.Properties.Environment as { Variables: Record<string, unknown> }).Variables;
      expect(JSON.stringify(env.DECKHAND_KMS_KEY_ID), id).toContain(keyId);
      expect(env.SLACK_CLIENT_ID).toBe('1234567890.0987654321');
      expect(env.DECKHAND_PUBLIC_URL).toBe('https://deckhand.example.com');
    }
    const users = ofType('AWS::IAM::Policy')
      .filter(([, policy]) =>
        (policy.Properties.PolicyDocument as { Statement: Statement[] }).Statement.some(
          (s) =>
            JSON.stringify(s.Resource).includes(keyId) &&
            JSON.stringify(s.Action) === JSON.stringify(['kms:GenerateDataKey', 'kms:Decrypt']),
        ),
      )
      .map(([id]) => id.replace(/FunctionServiceRole.*/, ''))
      .sort();
    expect(users).toEqual(['Http', 'Slack', 'Worker']);
  });
});
