/** Creates the tenants' buckets on the embedded S3 (real buckets are made by infrastructure code). */
import { CreateBucketCommand, HeadBucketCommand, type S3Client } from '@aws-sdk/client-s3';

export async function ensureBuckets(s3: S3Client, buckets: readonly string[]): Promise<void> {
  for (const bucket of new Set(buckets)) {
    try {
      await s3.send(new HeadBucketCommand({ Bucket: bucket }));
    } catch {
      try {
        await s3.send(new CreateBucketCommand({ Bucket: bucket }));
      } catch (error) {
        const name = (error as Error).name;
        if (name !== 'BucketAlreadyOwnedByYou' && name !== 'BucketAlreadyExists') throw error;
      }
    }
  }
}
