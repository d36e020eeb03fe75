/** Every object under a prefix, following continuation tokens (one page holds at most 1,000). */
import { type _Object, paginateListObjectsV2, type S3Client } from '@aws-sdk/client-s3';

export async function listAllObjects(
  s3: S3Client,
  bucket: string,
  prefix: string,
): Promise<_Object[]> {
  const objects: _Object[] = [];
  for await (const page of paginateListObjectsV2(
    { client: s3 },
    { Bucket: bucket, Prefix: prefix },
  ))
    objects.push(...(page.Contents ?? []));
  return objects;
}
