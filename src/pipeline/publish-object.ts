/** Puts a page into the tenant's bucket and, on a re-publish, invalidates it at CloudFront. */
import { type CloudFrontClient, CreateInvalidationCommand } from '@aws-sdk/client-cloudfront';
import { PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { classifyAwsError } from '../storage/aws-errors.ts';

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
