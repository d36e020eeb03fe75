/**
 * The charter thread's one reply about the guests' photos: "6 photos from the guests", with a
 * link to the ops-only gallery and until when that link works (in the tenant's zone). Posted
 * once, then updated in place as more photos land (src/slack/photo-reply.ts).
 */
import type { KnownBlock } from '@slack/types';
import { formatInZone } from '../src/time/zoned.ts';
import { mrkdwn, mrkdwnLink, type SlackMessage } from './slack-format.ts';

export interface PhotoReplyInput {
  /** Photos really in the bucket under the booking's prefix. */
  count: number;
  /** The signed gallery link (ops only). */
  galleryUrl: string;
  /** When the link stops working. */
  linkExpiresAt: Date;
  timeZone: string;
}

export function photoCountText(count: number): string {
  return `${count} ${count === 1 ? 'photo' : 'photos'} from the guests`;
}

export function buildPhotoReply(input: PhotoReplyInput): SlackMessage {
  const headline = photoCountText(input.count);
  const blocks: KnownBlock[] = [
    {
      type: 'section',
      text: mrkdwn(
        `:camera_with_flash: *${headline}* · ${mrkdwnLink(input.galleryUrl, 'Open the gallery')}`,
      ),
    },
    {
      type: 'context',
      elements: [
        mrkdwn(
          `For the office only: do not forward the link. It works until ${formatInZone(input.linkExpiresAt, input.timeZone)}; this message is updated as more photos arrive.`,
        ),
      ],
    },
  ];
  return { text: headline, blocks };
}
