/**
 * One contract for every ObjectPublisher adapter (memory in test/unit, S3 on the embedded s3rver
 * in test/integration): what is put reads back byte for byte with its headers, listings are
 * complete and ordered, a missing bucket is a permanent failure that says what to fix.
 */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { PermanentError } from '../../../src/external-errors.ts';
import type { ObjectPublisher } from '../../../src/storage/ports/object-publisher.ts';

/** The adapter under test, with a bucket that exists and no CDN (the local setup). */
export interface ObjectPublisherSubject {
  publisher: ObjectPublisher;
  bucket: string;
}

/** Each test gets its own prefix, so the adapters may share one bucket across tests. */
const freshPrefix = () => `contract-${randomUUID().slice(0, 8)}/`;

const page = (bucket: string, key: string, body: string) => ({
  bucket,
  key,
  body,
  contentType: 'text/html; charset=utf-8',
  cacheControl: 'public, max-age=60',
});

export function describeObjectPublisherContract(
  name: string,
  subject: () => ObjectPublisherSubject,
): void {
  describe(`${name}: ObjectPublisher`, () => {
    it('reads back what was put, with its content type and cache control, and a re-put replaces it', async () => {
      const { publisher, bucket } = subject();
      const key = `${freshPrefix()}g/K7QM2XDA.html`;
      await publisher.put(page(bucket, key, '<h1>Ahoy, Zoë</h1>'));
      expect(await publisher.get(bucket, key)).toEqual({
        body: '<h1>Ahoy, Zoë</h1>',
        contentType: 'text/html; charset=utf-8',
        cacheControl: 'public, max-age=60',
      });

      await publisher.put({ ...page(bucket, key, 'cancelled'), cacheControl: 'no-cache' });
      expect(await publisher.get(bucket, key)).toEqual({
        body: 'cancelled',
        contentType: 'text/html; charset=utf-8',
        cacheControl: 'no-cache',
      });
    });

    it('reads nothing where nothing was put', async () => {
      const { publisher, bucket } = subject();
      expect(await publisher.get(bucket, `${freshPrefix()}missing.html`)).toBeUndefined();
    });

    it('lists every object under a prefix, ordered by key, with sizes in bytes', async () => {
      const { publisher, bucket } = subject();
      const prefix = freshPrefix();
      await publisher.put(page(bucket, `${prefix}b/2.html`, 'two'));
      await publisher.put(page(bucket, `${prefix}a/1.html`, 'é'));
      await publisher.put(page(bucket, `${prefix}b/1.html`, 'one!'));
      // A sibling whose key merely starts like the prefix's folder is not in it.
      await publisher.put(page(bucket, `${prefix.slice(0, -1)}x/other.html`, 'other'));

      const listed = await publisher.list(bucket, prefix);
      expect(listed.map((o) => [o.key, o.size])).toEqual([
        [`${prefix}a/1.html`, 2],
        [`${prefix}b/1.html`, 4],
        [`${prefix}b/2.html`, 3],
      ]);
      for (const object of listed) expect(object.lastModified).toBeInstanceOf(Date);
      expect((await publisher.list(bucket, `${prefix}b/`)).map((o) => o.key)).toEqual([
        `${prefix}b/1.html`,
        `${prefix}b/2.html`,
      ]);
      expect(await publisher.list(bucket, freshPrefix())).toEqual([]);
    });

    it('refuses a put to a bucket that does not exist, permanently, saying to create it', async () => {
      const { publisher } = subject();
      const error = await publisher
        .put(page(`no-such-bucket-${randomUUID().slice(0, 8)}`, 'g/A.html', 'x'))
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(PermanentError);
      expect((error as PermanentError).message).toMatch(/^S3: NoSuchBucket/);
      expect((error as PermanentError).hint).toBe(
        'Create the bucket named in the tenants file, or fix its name.',
      );
    });

    it('invalidates nothing without a CDN, and names an origin for photo uploads', async () => {
      const { publisher, bucket } = subject();
      expect(await publisher.invalidate('E3L9KXYZ1A2B', ['/g/A'], 'ref-1')).toBeUndefined();
      expect(await publisher.uploadOrigin(bucket)).toMatch(/^https?:\/\/[^/]+$/);
    });
  });
}
