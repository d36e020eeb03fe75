/**
 * Creates the tenants' buckets on the embedded S3 (real buckets are made by infrastructure code)
 * and gives each the CORS rule guests' browsers need to POST photos straight to it.
 *
 * CORS, locally: the guest page is served by deckhand (http://127.0.0.1:<port>) and posts to
 * s3rver on another port, so the bucket must allow that origin. The rule allows POST from any
 * port on the loopback names (`http://127.0.0.1:*`, `http://localhost:*`) rather than one
 * origin: the buckets are set up before deckhand's server has a port (tests use port 0), and the
 * presigned URLs point at 127.0.0.1 anyway, so nothing off this machine can use them. On AWS the
 * rule names the tenant's own https origin (docs/uploads.md).
 */
import {
  CreateBucketCommand,
  HeadBucketCommand,
  PutBucketCorsCommand,
  type S3Client,
} from '@aws-sdk/client-s3';

/** Origins the local buckets accept browser uploads from. */
export const LOCAL_UPLOAD_ORIGINS = ['http://127.0.0.1:*', 'http://localhost:*'] as const;

export interface EnsureBucketsOptions {
  /** Origins allowed to POST photos (S3 allows one `*` wildcard in each). */
  uploadOrigins?: readonly string[];
}

/** The CORS rule for browser uploads by presigned POST. */
export function uploadCorsRules(origins: readonly string[]) {
  return [
    {
      ID: 'deckhand-guest-photo-uploads',
      AllowedMethods: ['POST'],
      AllowedOrigins: [...origins],
      // multipart/form-data is a CORS-safelisted type, so the browser asks for no headers.
      AllowedHeaders: [],
      ExposeHeaders: ['ETag'],
      MaxAgeSeconds: 3000,
    },
  ];
}

export async function ensureBuckets(
  s3: S3Client,
  buckets: readonly string[],
  options: EnsureBucketsOptions = {},
): Promise<void> {
  const origins = options.uploadOrigins ?? LOCAL_UPLOAD_ORIGINS;
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
    if (origins.length > 0) {
      await s3.send(
        new PutBucketCorsCommand({
          Bucket: bucket,
          CORSConfiguration: { CORSRules: uploadCorsRules(origins) },
        }),
      );
    }
  }
}
