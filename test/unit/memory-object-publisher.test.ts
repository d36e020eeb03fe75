/** The ObjectPublisher contract on the in-memory adapter (the S3 run is in test/integration), and its CDN record. */
import { describe, expect, it } from 'vitest';
import { MemoryObjectPublisher } from '../../src/storage/memory-object-publisher.ts';
import { describeObjectPublisherContract } from '../support/contracts/object-publisher-contract.ts';

const publisher = new MemoryObjectPublisher({ buckets: ['contract-pages'] });
describeObjectPublisherContract('MemoryObjectPublisher', () => ({
  publisher,
  bucket: 'contract-pages',
}));

describe('MemoryObjectPublisher with a CDN', () => {
  it('records each invalidation once per caller reference, as CloudFront keeps one per reference', async () => {
    const cdn = new MemoryObjectPublisher({ buckets: [], cdn: true });
    const first = await cdn.invalidate('E1', ['/g/A', '/g/A.html'], 'qsd/BK1/guest_page/v2');
    const again = await cdn.invalidate('E1', ['/g/A', '/g/A.html'], 'qsd/BK1/guest_page/v2');
    const other = await cdn.invalidate('E1', ['/c/B'], 'qsd/BK1/crew_page/v2');

    expect(again).toBe(first);
    expect(other).not.toBe(first);
    expect(cdn.invalidations).toEqual([
      {
        id: first,
        distributionId: 'E1',
        paths: ['/g/A', '/g/A.html'],
        callerReference: 'qsd/BK1/guest_page/v2',
      },
      { id: other, distributionId: 'E1', paths: ['/c/B'], callerReference: 'qsd/BK1/crew_page/v2' },
    ]);
  });
});
