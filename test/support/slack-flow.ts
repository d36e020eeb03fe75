/**
 * Slack steps the reliability tests repeat: forward a booking email, open its approval modal,
 * submit it; and counts of what deckhand left behind (stored items, S3 objects, thread
 * messages), paginated so that hundreds of bookings count right.
 */

import { ACTION_IDS, BLOCK_IDS, CALLBACK_IDS } from '../../views/block-ids.ts';
import { scanEntity } from './scan-entity.ts';
import { DANA, OPS, type SlackHarness } from './slack-harness.ts';

/** A confirmation email for booking `n`: its own marketplace id, guest and day (no overlaps). */
export function bookingEmail(n: number): { subject: string; plainText: string } {
  const day = new Date(Date.UTC(2027, 2, 1 + n));
  const date = new Intl.DateTimeFormat('en-US', {
    timeZone: 'UTC',
    weekday: 'short',
    month: 'short',
    day: 'numeric',
    year: 'numeric',
  }).format(day);
  return {
    subject: `Booking confirmed: Sea Breeze 32' Sportfish on ${date}`,
    plainText: [
      'Your booking is confirmed!',
      '',
      `Booking ID: ${91_000_000 + n}`,
      "Boat: Sea Breeze 32' Sportfish",
      `Date: ${date}`,
      'Start time: 9:00 AM',
      'Duration: 3 hours',
      `Renter: Guest Number${n}`,
      'Guests: 4',
      'Total: $840.75',
    ].join('\n'),
  };
}

export function buttonValue(blocks: unknown[] | undefined, actionId: string): string | undefined {
  for (const block of (blocks ?? []) as {
    elements?: { action_id?: string; value?: string }[];
    accessory?: { action_id?: string; value?: string };
  }[]) {
    for (const element of [
      ...(block.elements ?? []),
      ...(block.accessory ? [block.accessory] : []),
    ]) {
      if (element.action_id === actionId) return element.value;
    }
  }
  return undefined;
}

/** Forwards booking `n`'s email into the ops channel; returns the thread and its review card. */
export async function forwardBooking(
  h: { standIn: Pick<SlackHarness['standIn'], 'forwardEmail' | 'thread' | 'blockAction'> },
  n: number,
): Promise<{ threadTs: string; cardTs: string; draftId: string }> {
  const email = bookingEmail(n);
  const forwarded = await h.standIn.forwardEmail({
    channelId: OPS,
    userId: DANA,
    ...email,
    from: 'Boatsetter <notifications@boatsetter.example.com>',
    date: 'Mon, 1 Mar 2027 10:00:00 -0800',
  });
  if (forwarded.status !== 200) throw new Error(`forward answered ${forwarded.status}`);
  // The card is posted after the acknowledgement: wait for it.
  for (let i = 0; i < 600; i += 1) {
    const card = h.standIn
      .thread(OPS, forwarded.ts)
      .find((m) => buttonValue(m.blocks, ACTION_IDS.reviewApprove));
    const draftId = buttonValue(card?.blocks, ACTION_IDS.reviewApprove);
    if (card && draftId) return { threadTs: forwarded.ts, cardTs: card.ts, draftId };
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`no review card for booking ${n}`);
}

/** Clicks Review & approve on a card (as Dana unless said). */
export function clickApprove(
  h: { standIn: Pick<SlackHarness['standIn'], 'forwardEmail' | 'thread' | 'blockAction'> },
  card: { cardTs: string; draftId: string },
  userId = DANA,
) {
  return h.standIn.blockAction({
    userId,
    channelId: OPS,
    messageTs: card.cardTs,
    actionId: ACTION_IDS.reviewApprove,
    blockId: BLOCK_IDS.cardActions,
    value: card.draftId,
  });
}

/** The open approval modal of a draft. */
export function modalFor(h: Pick<SlackHarness, 'standIn'>, draftId: string) {
  return h.standIn
    .views()
    .find(
      (v) =>
        v.view.callback_id === CALLBACK_IDS.approvalModal &&
        String(v.view.private_metadata).includes(draftId),
    );
}

/** Every item of one entity in the table (all pages). */
export function scanAll(h: SlackHarness, entity: string): Promise<Record<string, unknown>[]> {
  return scanEntity(h.runtime.clients.doc, h.runtime.config.tableName, entity);
}

/** How many objects a tenant's bucket holds under a prefix (all pages). */
export async function countObjects(h: SlackHarness, bucket: string, prefix: string) {
  return (await h.runtime.deps.objects.list(bucket, prefix)).length;
}
