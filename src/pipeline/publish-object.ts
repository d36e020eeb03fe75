/** Puts a page into the tenant's bucket and, on a re-publish, invalidates it at CloudFront. */
import { type CloudFrontClient, CreateInvalidationCommand } from '@aws-sdk/client-cloudfront';
import { PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { PermanentError, TransientError } from '../external-errors.ts';

/** Sorts an AWS SDK error into transient (throttling, 5xx, network) or permanent. */
export function classifyAwsError(service: string, error: unknown): Error {
  const e = error as {
    name?: string;
    $metadata?: { httpStatusCode?: number };
    $retryable?: unknown;
    message?: string;
  };
  const status = e.$metadata?.httpStatusCode;
  const transient =
    e.$retryable !== undefined ||
    status === undefined ||
    status >= 500 ||
    status === 429 ||
    /Throttl|Timeout|ECONNRE|EPIPE|socket hang up|ENOTFOUND|EAI_AGAIN/i.test(
      `${e.name} ${e.message}`,
    );
  return transient
    ? new TransientError(service, e.message ?? String(error), { cause: error })
    : new PermanentError(service, `${e.name ?? 'error'}: ${e.message ?? ''}`, {
        cause: error,
        ...(status === undefined ? {} : { status }),
        hint:
          e.name === 'NoSuchBucket'
            ? 'Create the bucket named in the tenants file, or fix its name.'
            : undefined,
      });
}

export async function putObject(
  s3: S3Client,
  object: { bucket: string; key: string; body: string; contentType: string; cacheControl: string },
): Promise<void> {
  try {
    await s3.send(
      new PutObjectCommand({
        Bucket: object.bucket,
        Key: object.key,
        Body: object.body,
        ContentType: object.contentType,
        CacheControl: object.cacheControl,
      }),
    );
  } catch (error) {
    throw classifyAwsError('S3', error);
  }
}

/** Invalidates paths so CloudFront serves the new page; the caller reference makes it idempotent. */
export async function invalidatePaths(
  cloudfront: CloudFrontClient,
  distributionId: string,
  paths: string[],
  callerReference: string,
): Promise<string | undefined> {
  try {
    const result = await cloudfront.send(
      new CreateInvalidationCommand({
        DistributionId: distributionId,
        InvalidationBatch: {
          CallerReference: callerReference,
          Paths: { Quantity: paths.length, Items: paths },
        },
      }),
    );
    return result.Invalidation?.Id;
  } catch (error) {
    throw classifyAwsError('CloudFront', error);
  }
}
