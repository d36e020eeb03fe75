/** Re-publishing a page invalidates its CloudFront paths, with the step's idempotency key. */
import { CloudFrontClient } from '@aws-sdk/client-cloudfront';
import { S3Client } from '@aws-sdk/client-s3';
import nock from 'nock';
import { afterEach, describe, expect, it } from 'vitest';
import { PermanentError, TransientError } from '../../src/external-errors.ts';
import { S3ObjectPublisher } from '../../src/storage/s3-object-publisher.ts';

const client = new CloudFrontClient({
  region: 'us-east-1',
  credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' },
  maxAttempts: 1,
});
// The S3 client is never called here: only the publisher's CloudFront side is under test.
const publisher = new S3ObjectPublisher(new S3Client({ region: 'us-west-2' }), client);

afterEach(() => nock.cleanAll());

const created = `<?xml version="1.0"?><Invalidation xmlns="http://cloudfront.amazonaws.com/doc/2020-05-31/"><Id>I2J0I21PCUYOIK</Id><Status>InProgress</Status><CreateTime>2026-11-26T00:00:00Z</CreateTime><InvalidationBatch><Paths><Quantity>2</Quantity><Items><Path>/g/K7QM2XDA</Path><Path>/g/K7QM2XDA.html</Path></Items></Paths><CallerReference>qsd/BK1/guest_page/v2</CallerReference></InvalidationBatch></Invalidation>`;

describe('S3ObjectPublisher.invalidate', () => {
  it('asks CloudFront to invalidate the paths, with the caller reference', async () => {
    let body = '';
    const scope = nock('https://cloudfront.amazonaws.com')
      .post('/2020-05-31/distribution/E3L9KXYZ1A2B/invalidation', (b: string) => {
        body = b;
        return true;
      })
      .reply(201, created, { 'content-type': 'text/xml' });

    const id = await publisher.invalidate(
      'E3L9KXYZ1A2B',
      ['/g/K7QM2XDA', '/g/K7QM2XDA.html'],
      'qsd/BK1/guest_page/v2',
    );

    expect(id).toBe('I2J0I21PCUYOIK');
    expect(body).toContain('<CallerReference>qsd/BK1/guest_page/v2</CallerReference>');
    expect(body).toContain('<Path>/g/K7QM2XDA.html</Path>');
    expect(scope.isDone()).toBe(true);
  });

  it('maps throttling to a transient error and access denied to a permanent one', async () => {
    nock('https://cloudfront.amazonaws.com')
      .post(/invalidation/)
      .reply(
        400,
        '<ErrorResponse><Error><Type>Sender</Type><Code>Throttling</Code><Message>Rate exceeded</Message></Error></ErrorResponse>',
        { 'content-type': 'text/xml' },
      )
      .post(/invalidation/)
      .reply(
        403,
        '<ErrorResponse><Error><Type>Sender</Type><Code>AccessDenied</Code><Message>denied</Message></Error></ErrorResponse>',
        { 'content-type': 'text/xml' },
      );

    await expect(publisher.invalidate('E1', ['/g/A'], 'k1')).rejects.toBeInstanceOf(TransientError);
    await expect(publisher.invalidate('E1', ['/g/A'], 'k2')).rejects.toBeInstanceOf(PermanentError);
  });
});
