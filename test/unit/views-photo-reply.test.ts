/** The thread's photo reply: its text, the gallery link, the link's expiry in the tenant's zone. */
import { describe, expect, it } from 'vitest';
import { buildPhotoReply, photoCountText } from '../../views/photo-reply.ts';
import { expectWithinLimits, NOW, ZONE } from '../support/view-fixtures.ts';

const GALLERY =
  'https://queenofsandiego.com/ops/photos/queen-of-san-diego/BK01?exp=1782000000&sig=abc';

describe('buildPhotoReply', () => {
  it('says how many photos arrived and links the gallery (snapshot)', () => {
    const reply = buildPhotoReply({
      count: 6,
      galleryUrl: GALLERY,
      linkExpiresAt: new Date(NOW.getTime() + 30 * 86_400_000),
      timeZone: ZONE,
    });

    expect(reply.text).toBe('6 photos from the guests');
    expect(JSON.stringify(reply.blocks)).toContain(
      `<${GALLERY.replace(/&/g, '&amp;')}|Open the gallery>`,
    );
    expect(JSON.stringify(reply.blocks)).toContain('Fri, Jun 19, 2026, 10:00 AM PDT');
    expectWithinLimits(reply as unknown as { blocks: unknown[] }, 'message');
    expect(reply).toMatchSnapshot();
  });

  it('counts one photo in the singular', () => {
    expect(photoCountText(1)).toBe('1 photo from the guests');
    expect(photoCountText(2)).toBe('2 photos from the guests');
  });

  it('shows a link that is not deckhand’s own as plain text', () => {
    const reply = buildPhotoReply({
      count: 2,
      galleryUrl: 'javascript:alert(1)',
      linkExpiresAt: NOW,
      timeZone: ZONE,
    });
    expect(JSON.stringify(reply.blocks)).not.toContain('javascript:');
  });
});
