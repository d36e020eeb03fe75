/**
 * deckhand on AWS, as one CDK stack:
 *
 * - the DynamoDB table exactly as src/storage/table-design.ts creates it locally (pk/sk, the
 *   `gsi1` index on gsi1pk/gsi1sk with every attribute, TTL on `ttl`; docs/storage.md);
 * - per tenant (from the tenants file): the private site bucket (Block Public Access, TLS only,
 *   the guest-upload CORS rule of docs/uploads.md for the tenant's https origin) and a
 *   CloudFront distribution reading it through origin access control, with the repository's
 *   CloudFront Function (edge/cloudfront-viewer-request.js) on viewer requests for /g/* and
 *   /c/*, and /g/* /uploads, /crew/* and /calendar/* going to the HTTP function;
 * - the work queue with its dead-letter queue, and an alarm when anything lands there;
 * - four functions (Node 22, arm64, bundled by infra/bundle-lambdas.ts), each with only the
 *   permissions it uses, its own log group with a retention, no secret in its environment: they
 *   read the Secrets Manager secret named by DECKHAND_SECRETS_ID (made by the operator,
 *   docs/DEPLOY.md), never stored in the template or the repository;
 * - the schedules: crew reminders every minute, completed charters every five minutes.
 */

import { join } from 'node:path';
import {
  aws_certificatemanager as acm,
  CfnOutput,
  aws_cloudfront as cloudfront,
  aws_cloudwatch as cloudwatch,
  aws_cloudwatch_actions as cloudwatchActions,
  Duration,
  aws_dynamodb as dynamodb,
  aws_events as events,
  aws_iam as iam,
  aws_kms as kms,
  aws_lambda as lambda,
  aws_lambda_event_sources as lambdaEvents,
  aws_logs as logs,
  aws_cloudfront_origins as origins,
  RemovalPolicy,
  Stack,
  type StackProps,
  aws_s3 as s3,
  aws_secretsmanager as secretsmanager,
  aws_sns as sns,
  aws_sqs as sqs,
  aws_events_targets as targets,
} from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { type LambdaName, REPO_ROOT } from './bundle-lambdas.ts';

export interface TenantSite {
  id: string;
  domain: string;
  bucket: string;
  /** An ACM certificate in us-east-1 for the domain; without it the distribution has only its own *.cloudfront.net name. */
  certificateArn?: string | undefined;
}

export interface DeckhandStackProps extends StackProps {
  tenants: TenantSite[];
  /** The bundled functions' folders (infra/bundle-lambdas.ts). */
  bundles: Record<LambdaName, string>;
  /** Where a bundle holds the tenants file, relative to its root. */
  tenantsPathInBundle: string;
  /** The Secrets Manager secret's name (made before the first deploy). */
  secretName: string;
  tableName?: string;
  /** Crew email through SES from this address; without it crew get Slack DMs and emails go nowhere. */
  sesFrom?: string | undefined;
  /** Who hears about jobs in the dead-letter queue (an SNS email subscription). */
  alarmEmail?: string | undefined;
  logRetention?: logs.RetentionDays;
  /** OAuth installs: the Slack app's Client ID (its secret and the state secret are in the secret). */
  slackClientId?: string | undefined;
  /** Where deckhand is reachable (DECKHAND_PUBLIC_URL): OAuth's redirect URL is under it. */
  publicUrl?: string | undefined;
}

/** The viewer-request functions' files, from the repository root. */
const EDGE_DIR = join(REPO_ROOT, 'edge');

export class DeckhandStack extends Stack {
  readonly table: dynamodb.Table;
  readonly queue: sqs.Queue;
  readonly deadLetterQueue: sqs.Queue;
  readonly functions: Record<LambdaName, lambda.Function>;

  constructor(scope: Construct, id: string, props: DeckhandStackProps) {
    super(scope, id, props);
    const retention = props.logRetention ?? logs.RetentionDays.ONE_MONTH;

    // --- The table (src/storage/table-design.ts, docs/storage.md) ---
    this.table = new dynamodb.Table(this, 'Table', {
      tableName: props.tableName ?? 'deckhand',
      partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING },
      sortKey: { name: 'sk', type: dynamodb.AttributeType.STRING },
      billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
      timeToLiveAttribute: 'ttl',
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      encryption: dynamodb.TableEncryption.AWS_MANAGED,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.table.addGlobalSecondaryIndex({
      indexName: 'gsi1',
      partitionKey: { name: 'gsi1pk', type: dynamodb.AttributeType.STRING },
      sortKey: { name: 'gsi1sk', type: dynamodb.AttributeType.STRING },
      projectionType: dynamodb.ProjectionType.ALL,
    });

    // --- The work queue ---
    this.deadLetterQueue = new sqs.Queue(this, 'DeadLetterQueue', {
      retentionPeriod: Duration.days(14),
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
    });
    const workerTimeout = Duration.minutes(2);
    this.queue = new sqs.Queue(this, 'WorkQueue', {
      // AWS: at least six times the consumer's timeout, so a message in flight is not redelivered.
      visibilityTimeout: Duration.minutes(12),
      retentionPeriod: Duration.days(4),
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      deadLetterQueue: { queue: this.deadLetterQueue, maxReceiveCount: 5 },
    });
    const alarmTopic = new sns.Topic(this, 'AlarmTopic', { displayName: 'deckhand alarms' });
    if (props.alarmEmail)
      new sns.Subscription(this, 'AlarmEmail', {
        topic: alarmTopic,
        protocol: sns.SubscriptionProtocol.EMAIL,
        endpoint: props.alarmEmail,
      });
    const dlqAlarm = new cloudwatch.Alarm(this, 'DeadLetterAlarm', {
      alarmDescription:
        'deckhand jobs failed five times and are in the dead-letter queue (docs/DEPLOY.md: "When the alarm fires").',
      metric: this.deadLetterQueue.metricApproximateNumberOfMessagesVisible({
        period: Duration.minutes(1),
        statistic: 'Maximum',
      }),
      threshold: 0,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: 1,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
    dlqAlarm.addAlarmAction(new cloudwatchActions.SnsAction(alarmTopic));

    // --- The secret: made by the operator, referenced by name, read at cold start ---
    const secret = secretsmanager.Secret.fromSecretNameV2(this, 'Secret', props.secretName);

    // --- The key that seals Slack installations' tokens in the table (envelope encryption) ---
    const tokenKey = new kms.Key(this, 'SlackTokenKey', {
      description: 'deckhand: seals Slack installations (bot tokens) stored in the table',
      enableKeyRotation: true,
      // Losing the key loses every installation: it outlives the stack.
      removalPolicy: RemovalPolicy.RETAIN,
    });

    // --- The functions ---
    const environment = {
      DECKHAND_KMS_KEY_ID: tokenKey.keyArn,
      ...(props.slackClientId ? { SLACK_CLIENT_ID: props.slackClientId } : {}),
      ...(props.publicUrl ? { DECKHAND_PUBLIC_URL: props.publicUrl } : {}),
      DECKHAND_TABLE: this.table.tableName,
      DECKHAND_QUEUE_URL: this.queue.queueUrl,
      DECKHAND_SECRETS_ID: props.secretName,
      DECKHAND_TENANTS_FILE: `/var/task/${props.tenantsPathInBundle}`,
      // Writable scratch space only (the email outbox when SES_FROM is unset).
      DECKHAND_DATA_DIR: '/tmp/deckhand',
      LOG_LEVEL: 'info',
      ...(props.sesFrom ? { SES_FROM: props.sesFrom } : {}),
    };
    const fn = (name: LambdaName, settings: { memoryMb: number; timeout: Duration }) => {
      const logGroup = new logs.LogGroup(this, `${name}Logs`, {
        retention,
        removalPolicy: RemovalPolicy.DESTROY,
      });
      return new lambda.Function(this, `${name[0]?.toUpperCase()}${name.slice(1)}Function`, {
        description: `deckhand ${name} (src/lambda/${name}.ts)`,
        runtime: lambda.Runtime.NODEJS_22_X,
        architecture: lambda.Architecture.ARM_64,
        handler: 'index.handler',
        code: lambda.Code.fromAsset(props.bundles[name]),
        memorySize: settings.memoryMb,
        timeout: settings.timeout,
        environment,
        logGroup,
      });
    };
    this.functions = {
      slack: fn('slack', { memoryMb: 1024, timeout: Duration.seconds(10) }),
      worker: fn('worker', { memoryMb: 1024, timeout: workerTimeout }),
      http: fn('http', { memoryMb: 1024, timeout: Duration.seconds(15) }),
      schedule: fn('schedule', { memoryMb: 256, timeout: Duration.seconds(30) }),
    };
    const { slack, worker, http, schedule } = this.functions;

    // Least privilege: each function gets what its code calls, on these resources only.
    for (const f of [slack, worker, http]) {
      this.table.grantReadWriteData(f);
      secret.grantRead(f);
      // GenerateDataKey to seal an installation, Decrypt to read one (the key's own policy).
      tokenKey.grant(f, 'kms:GenerateDataKey', 'kms:Decrypt');
    }
    for (const f of [slack, http, schedule]) this.queue.grantSendMessages(f);
    worker.addEventSource(
      new lambdaEvents.SqsEventSource(this.queue, {
        batchSize: 10,
        reportBatchItemFailures: true,
        // No batching window: a job starts as soon as it is queued (the thread shows approvals
        // within a second locally; a window would add up to its length to every job).
      }),
    );
    if (props.sesFrom)
      worker.addToRolePolicy(
        new iam.PolicyStatement({
          actions: ['ses:SendEmail'],
          resources: [`arn:${this.partition}:ses:${this.region}:${this.account}:identity/*`],
          conditions: { StringEquals: { 'ses:FromAddress': props.sesFrom } },
        }),
      );

    const slackUrl = slack.addFunctionUrl({ authType: lambda.FunctionUrlAuthType.NONE });
    // Public: guest and crew pages' endpoints, the calendar feed, the built-in services (which
    // check their own tokens); CloudFront sends the tenants' domains here.
    const httpUrl = http.addFunctionUrl({ authType: lambda.FunctionUrlAuthType.NONE });

    new events.Rule(this, 'RemindersSchedule', {
      description: 'deckhand: crew reminders that are due (every minute)',
      schedule: events.Schedule.rate(Duration.minutes(1)),
      targets: [
        new targets.LambdaFunction(schedule, {
          event: events.RuleTargetInput.fromObject({ task: 'reminders' }),
        }),
      ],
    });
    new events.Rule(this, 'CompleteSchedule', {
      description: 'deckhand: charters that have ended become completed (every five minutes)',
      schedule: events.Schedule.rate(Duration.minutes(5)),
      targets: [
        new targets.LambdaFunction(schedule, {
          event: events.RuleTargetInput.fromObject({ task: 'complete' }),
        }),
      ],
    });

    // --- Per tenant: the site bucket and its distribution ---
    const pagesFunction = new cloudfront.Function(this, 'PagesViewerRequest', {
      comment: 'deckhand: /g/<slug> and /c/<slug> to their S3 keys',
      runtime: cloudfront.FunctionRuntime.JS_2_0,
      code: cloudfront.FunctionCode.fromFile({
        filePath: join(EDGE_DIR, 'cloudfront-viewer-request.js'),
      }),
    });
    const forwardHostFunction = new cloudfront.Function(this, 'ApiViewerRequest', {
      comment: "deckhand: the viewer's host as x-forwarded-host for the HTTP function",
      runtime: cloudfront.FunctionRuntime.JS_2_0,
      code: cloudfront.FunctionCode.fromFile({
        filePath: join(EDGE_DIR, 'cloudfront-forward-host.js'),
      }),
    });
    const apiOrigin = new origins.FunctionUrlOrigin(httpUrl);
    const api: cloudfront.BehaviorOptions = {
      origin: apiOrigin,
      viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
      allowedMethods: cloudfront.AllowedMethods.ALLOW_ALL,
      cachePolicy: cloudfront.CachePolicy.CACHING_DISABLED,
      originRequestPolicy: cloudfront.OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
      functionAssociations: [
        { function: forwardHostFunction, eventType: cloudfront.FunctionEventType.VIEWER_REQUEST },
      ],
    };
    const distributions: cloudfront.Distribution[] = [];
    for (const tenant of props.tenants) {
      const bucket = new s3.Bucket(this, `Site-${tenant.id}`, {
        bucketName: tenant.bucket,
        blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
        objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
        encryption: s3.BucketEncryption.S3_MANAGED,
        enforceSSL: true,
        versioned: true,
        removalPolicy: RemovalPolicy.RETAIN,
        // docs/uploads.md: guests' browsers POST photos here from the tenant's pages.
        cors: [
          {
            allowedMethods: [s3.HttpMethods.POST],
            allowedOrigins: [`https://${tenant.domain}`],
            exposedHeaders: ['ETag'],
            maxAge: 3000,
          },
        ],
      });
      const site = origins.S3BucketOrigin.withOriginAccessControl(bucket);
      const pages: cloudfront.BehaviorOptions = {
        origin: site,
        viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        cachePolicy: cloudfront.CachePolicy.CACHING_OPTIMIZED,
        functionAssociations: [
          { function: pagesFunction, eventType: cloudfront.FunctionEventType.VIEWER_REQUEST },
        ],
      };
      const distribution = new cloudfront.Distribution(this, `Distribution-${tenant.id}`, {
        comment: `deckhand pages of ${tenant.id}`,
        defaultBehavior: {
          origin: site,
          viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        },
        // CloudFront takes the first pattern that matches, in this order.
        additionalBehaviors: {
          '/g/*/uploads': api,
          // docs/uploads.md: a guest page's "this photo landed", and the ops-only gallery.
          '/g/*/uploads/done': api,
          '/ops/*': api,
          '/g/*': pages,
          '/c/*': pages,
          '/crew/*': api,
          '/calendar/*': api,
        },
        ...(tenant.certificateArn
          ? {
              domainNames: [tenant.domain],
              certificate: acm.Certificate.fromCertificateArn(
                this,
                `Certificate-${tenant.id}`,
                tenant.certificateArn,
              ),
            }
          : {}),
        minimumProtocolVersion: cloudfront.SecurityPolicyProtocol.TLS_V1_2_2021,
        httpVersion: cloudfront.HttpVersion.HTTP2_AND_3,
      });
      distributions.push(distribution);
      // Pages and calendar files are published by the worker; photos are presigned by the HTTP
      // function (its role signs the POST) and listed and linked by the worker.
      bucket.grantReadWrite(worker);
      bucket.grantRead(http);
      bucket.grantPut(http, 'uploads/*');
      new CfnOutput(this, `DistributionId-${tenant.id}`, {
        description: `${tenant.id}: cloudfrontDistributionId in the tenants file`,
        value: distribution.distributionId,
      });
      new CfnOutput(this, `DistributionDomain-${tenant.id}`, {
        description: `${tenant.id}: point ${tenant.domain} here (CNAME or alias)`,
        value: distribution.distributionDomainName,
      });
    }
    // Republished pages are invalidated by the worker, on these distributions only.
    worker.addToRolePolicy(
      new iam.PolicyStatement({
        actions: ['cloudfront:CreateInvalidation'],
        resources: distributions.map(
          (d) =>
            `arn:${this.partition}:cloudfront::${this.account}:distribution/${d.distributionId}`,
        ),
      }),
    );

    new CfnOutput(this, 'SlackRequestUrl', {
      description: 'Slack: Event Subscriptions, Interactivity and every slash command',
      value: `${slackUrl.url}slack/events`,
    });
    new CfnOutput(this, 'HttpFunctionUrl', {
      description:
        "The HTTP function (CloudFront sends the tenants' /crew/*, /calendar/* and uploads here)",
      value: httpUrl.url,
    });
    new CfnOutput(this, 'TableName', { value: this.table.tableName });
    new CfnOutput(this, 'QueueUrl', { value: this.queue.queueUrl });
    new CfnOutput(this, 'DeadLetterQueueUrl', { value: this.deadLetterQueue.queueUrl });
    new CfnOutput(this, 'AlarmTopicArn', { value: alarmTopic.topicArn });
  }
}
