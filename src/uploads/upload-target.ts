/**
 * Where browsers send photos: the origin of the bucket's presigned POST URL, as a CSP
 * `connect-src` source for the guest page. It is found by presigning a throwaway policy with the
 * same client the upload route uses, so the page allows exactly the URL the route will hand
 * out (virtual-hosted `https://<bucket>.s3.<region>.amazonaws.com`, or path-style
 * `https://s3.<region>.amazonaws.com` for bucket names with dots). Nothing is sent anywhere.
 *
 * With a custom endpoint (the embedded s3rver, or S3_ENDPOINT) the port is left open
 * (`http://127.0.0.1:*`): the embedded s3rver listens on a new random port on every start,
 * and a published page must keep working after a restart.
 */
import type { S3Client } from '@aws-sdk/client-s3';
import { createPresignedPost } from '@aws-sdk/s3-presigned-post';

export async function uploadConnectSource(s3: S3Client, bucket: string): Promise<string> {
  const probe = await createPresignedPost(s3, {
    Bucket: bucket,
    Key: 'uploads/connect-source-probe',
    Expires: 60,
  });
  const url = new URL(probe.url);
  const custom = (s3.config as { isCustomEndpoint?: boolean }).isCustomEndpoint === true;
  return custom ? `${url.protocol}//${url.hostname}:*` : url.origin;
}
