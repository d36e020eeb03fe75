/** The ObjectPublisher on S3, with CloudFront for invalidations (absent locally: the emulators have none). */
import { type CloudFrontClient, CreateInvalidationCommand } from '@aws-sdk/client-cloudfront';
import {
  GetObjectCommand,
  PutObjectCommand,
  paginateListObjectsV2,
  type S3Client,
} from '@aws-sdk/client-s3';
import { classifyAwsError } from '../aws-errors.ts';
import { uploadConnectSource } from '../uploads/upload-target.ts';
import type {
  ListedObject,
  ObjectPublisher,
  ObjectToPut,
  StoredObject,
} from './ports/object-publisher.ts';

export class S3ObjectPublisher implements ObjectPublisher {
  readonly #s3: S3Client;
  readonly #cloudfront: CloudFrontClient | undefined;

  constructor(s3: S3Client, cloudfront: CloudFrontClient | undefined) {
    this.#s3 = s3;
    this.#cloudfront = cloudfront;
  }

  async put(object: ObjectToPut): Promise<void> {
    try {
      await this.#s3.send(
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

  async get(bucket: string, key: string): Promise<StoredObject | undefined> {
    try {
      const object = await this.#s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
      return {
        body: (await object.Body?.transformToString('utf-8')) ?? '',
        contentType: object.ContentType ?? null,
        cacheControl: object.CacheControl ?? null,
      };
    } catch (error) {
      if ((error as { name?: string }).name === 'NoSuchKey') return undefined;
      throw classifyAwsError('S3', error);
    }
  }

  /** Follows continuation tokens: one page of a listing holds at most 1,000 objects. */
  async list(bucket: string, prefix: string): Promise<ListedObject[]> {
    const objects: ListedObject[] = [];
    try {
      for await (const page of paginateListObjectsV2(
        { client: this.#s3 },
        { Bucket: bucket, Prefix: prefix },
      )) {
        for (const object of page.Contents ?? []) {
          if (!object.Key) continue;
          objects.push({
            key: object.Key,
            size: object.Size ?? 0,
            lastModified: object.LastModified ?? null,
          });
        }
      }
    } catch (error) {
      throw classifyAwsError('S3', error);
    }
    return objects.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  }

  async invalidate(
    distributionId: string,
    paths: string[],
    callerReference: string,
  ): Promise<string | undefined> {
    if (!this.#cloudfront) return undefined;
    try {
      const result = await this.#cloudfront.send(
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

  async uploadOrigin(bucket: string): Promise<string> {
    try {
      return await uploadConnectSource(this.#s3, bucket);
    } catch (error) {
      throw classifyAwsError('S3', error);
    }
  }
}
