/**
 * The one place that builds AWS SDK clients. The same code talks to real AWS or to the embedded
 * dynalite/s3rver: only the endpoint differs. Clients are created once per process.
 */
import { CloudFrontClient } from '@aws-sdk/client-cloudfront';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { addAwsFaults } from '../faults/fault-adapters.ts';
import type { FaultInjector } from '../faults/fault-injector.ts';

export interface AwsEndpoints {
  region: string;
  dynamodbEndpoint: string | undefined;
  s3Endpoint: string | undefined;
}

export interface AwsClients {
  dynamo: DynamoDBClient;
  doc: DynamoDBDocumentClient;
  s3: S3Client;
  /** Only against real AWS: the emulators have no CloudFront. */
  cloudfront: CloudFrontClient | undefined;
  destroy(): void;
}

// Fixed credentials keep the SDK from looking for real ones: dynalite accepts any, and s3rver
// checks signatures against its default account (S3RVER/S3RVER).
const LOCAL_CREDENTIALS = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };

/**
 * Builds the clients. A configured endpoint means an emulator or compatible server. `faults`
 * (DECKHAND_FAULTS, local and tests only) adds fault rules to the DynamoDB and S3 clients.
 */
export function createAwsClients(endpoints: AwsEndpoints, faults?: FaultInjector): AwsClients {
  const local = endpoints.dynamodbEndpoint !== undefined;
  const dynamo = new DynamoDBClient({
    region: endpoints.region,
    endpoint: endpoints.dynamodbEndpoint,
    maxAttempts: 3,
    ...(local ? { credentials: LOCAL_CREDENTIALS } : {}),
  });
  const doc = DynamoDBDocumentClient.from(dynamo, {
    marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
  });
  const s3 = new S3Client({
    region: endpoints.region,
    endpoint: endpoints.s3Endpoint,
    forcePathStyle: endpoints.s3Endpoint !== undefined,
    maxAttempts: 3,
    // s3rver corrupts objects uploaded with the SDK's default streamed checksums.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
    ...(endpoints.s3Endpoint !== undefined ? { credentials: LOCAL_CREDENTIALS } : {}),
  });
  if (faults) {
    addAwsFaults(dynamo, faults, 'dynamodb');
    addAwsFaults(s3, faults, 's3');
  }
  const cloudfront = local
    ? undefined
    : new CloudFrontClient({ region: 'us-east-1', maxAttempts: 3 });
  return {
    dynamo,
    doc,
    s3,
    cloudfront,
    destroy() {
      dynamo.destroy();
      s3.destroy();
      cloudfront?.destroy();
    },
  };
}
