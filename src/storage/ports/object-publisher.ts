/** The port for the tenants' page buckets and their CDN: objects put, read, listed, and paths invalidated. */

/** An object as it is put: pages and calendar files are text. */
export interface ObjectToPut {
  bucket: string;
  key: string;
  body: string;
  contentType: string;
  cacheControl: string;
}

/** An object as it is read back. */
export interface StoredObject {
  body: string;
  contentType: string | null;
  cacheControl: string | null;
}

/** One entry of a listing. */
export interface ListedObject {
  key: string;
  /** Bytes. */
  size: number;
  /** When the store recorded the object, when it says. */
  lastModified: Date | null;
}

export interface ObjectPublisher {
  /** Puts (or replaces) an object; a missing bucket is a PermanentError saying to create it. */
  put(object: ObjectToPut): Promise<void>;
  /** The object, or undefined when there is none at `key`. */
  get(bucket: string, key: string): Promise<StoredObject | undefined>;
  /** Every object under `prefix`, ordered by key, however many there are. */
  list(bucket: string, prefix: string): Promise<ListedObject[]>;
  /**
   * Asks the CDN to drop its copies of `paths`; the caller reference makes a repeat the same
   * invalidation. Undefined when there is no CDN (locally the emulators have none).
   */
  invalidate(
    distributionId: string,
    paths: string[],
    callerReference: string,
  ): Promise<string | undefined>;
  /** The CSP `connect-src` source browsers post photos to for `bucket` (see GuestUploadsModel). */
  uploadOrigin(bucket: string): Promise<string>;
}
