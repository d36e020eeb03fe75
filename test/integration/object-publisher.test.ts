/** The ObjectPublisher contract on S3 (the embedded s3rver), without CloudFront as locally. */
import { afterAll, beforeAll } from 'vitest';
import { S3ObjectPublisher } from '../../src/storage/s3-object-publisher.ts';
import { describeObjectPublisherContract } from '../support/contracts/object-publisher-contract.ts';
import { startTestStores, type TestStores } from '../support/embedded-stores.ts';

let stores: TestStores;
let publisher: S3ObjectPublisher;
beforeAll(async () => {
  stores = await startTestStores(['contract-pages']);
  publisher = new S3ObjectPublisher(stores.clients.s3, undefined);
});
afterAll(() => stores.close());

describeObjectPublisherContract('S3ObjectPublisher', () => ({
  publisher,
  bucket: 'contract-pages',
}));
