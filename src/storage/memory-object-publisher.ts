/** The ObjectPublisher in memory, with S3's and CloudFront's semantics the contract names (unit tests). */
import { PermanentError } from '../external-errors.ts';
import type {
  ListedObject,
  ObjectPublisher,
  ObjectToPut,
  StoredObject,
} from './ports/object-publisher.ts';

interface Held extends StoredObject {
  size: number;
  lastModified: Date;
}

/** One invalidation as CloudFront would have been asked for it. */
export interface RecordedInvalidation {
  id: string;
  distributionId: string;
  paths: string[];
  callerReference: string;
}

export interface MemoryObjectPublisherOptions {
  /** The buckets that exist (a put elsewhere fails as S3's NoSuchBucket does). */
  buckets: string[];
  /** With a CDN, invalidations are recorded and get ids; without, as locally, they are skipped. */
  cdn?: boolean;
  /** What uploadOrigin answers. */
  uploadOrigin?: string;
  clock?: () => Date;
}

export class MemoryObjectPublisher implements ObjectPublisher {
  readonly #buckets: Map<string, Map<string, Held>>;
  readonly #cdn: boolean;
  readonly #uploadOrigin: string;
  readonly #clock: () => Date;
  /** Every invalidation made, in order (a repeated caller reference is not made twice). */
  readonly invalidations: RecordedInvalidation[] = [];

  constructor(options: MemoryObjectPublisherOptions) {
    this.#buckets = new Map(options.buckets.map((b) => [b, new Map()]));
    this.#cdn = options.cdn ?? false;
    this.#uploadOrigin = options.uploadOrigin ?? 'http://127.0.0.1:*';
    this.#clock = options.clock ?? (() => new Date());
  }

  #bucket(name: string): Map<string, Held> {
    const bucket = this.#buckets.get(name);
    if (!bucket)
      throw new PermanentError('S3', 'NoSuchBucket: The specified bucket does not exist', {
        status: 404,
        hint: 'Create the bucket named in the tenants file, or fix its name.',
      });
    return bucket;
  }

  async put(object: ObjectToPut): Promise<void> {
    await Promise.resolve();
    this.#bucket(object.bucket).set(object.key, {
      body: object.body,
      contentType: object.contentType,
      cacheControl: object.cacheControl,
      size: Buffer.byteLength(object.body, 'utf8'),
      lastModified: this.#clock(),
    });
  }

  async get(bucket: string, key: string): Promise<StoredObject | undefined> {
    await Promise.resolve();
    const held = this.#bucket(bucket).get(key);
    return held
      ? { body: held.body, contentType: held.contentType, cacheControl: held.cacheControl }
      : undefined;
  }

  async list(bucket: string, prefix: string): Promise<ListedObject[]> {
    await Promise.resolve();
    return [...this.#bucket(bucket)]
      .filter(([key]) => key.startsWith(prefix))
      .map(([key, held]) => ({ key, size: held.size, lastModified: held.lastModified }))
      .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  }

  async invalidate(
    distributionId: string,
    paths: string[],
    callerReference: string,
  ): Promise<string | undefined> {
    await Promise.resolve();
    if (!this.#cdn) return undefined;
    // CloudFront answers a repeated caller reference with the invalidation it already made.
    const made = this.invalidations.find(
      (i) => i.distributionId === distributionId && i.callerReference === callerReference,
    );
    if (made) return made.id;
    const id = `I${String(this.invalidations.length + 1).padStart(13, '0')}`;
    this.invalidations.push({ id, distributionId, paths: [...paths], callerReference });
    return id;
  }

  async uploadOrigin(_bucket: string): Promise<string> {
    await Promise.resolve();
    return this.#uploadOrigin;
  }
}
