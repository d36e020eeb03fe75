/** The charter thread: the status message, event replies, and the crew member's DM. */
import type { ActionsBlock, Button, SectionBlock, StaticSelect } from '@slack/types';
import { describe, expect, it } from 'vitest';
import { briefingFor } from '../../src/crew/crew-briefing.ts';
import type { CrewMessage } from '../../src/crew/crew-notifier.ts';
import type { PipelineEvent } from '../../src/pipeline/step-record.ts';
import type { RosterMember, Tenant } from '../../src/tenants/tenant-schema.ts';
import { decodeReplacementChoice } from '../../views/action-values.ts';
import { ACTION_IDS, BLOCK_IDS } from '../../views/block-ids.ts';
import { buildCrewDm } from '../../views/crew-dm.ts';
import { buildEventReply } from '../../views/event-reply.ts';
import type { CrewStatusEntry, SlackMessage } from '../../views/slack-format.ts';
import { buildStatusMessage, statusText } from '../../views/status-message.ts';
import {
  exampleTenant,
  expectKnownIds,
  expectWithinLimits,
  INJECTED_NAME,
  LINKS,
  LIVE_SYNTAX,
  mrkdwnTexts,
  NOW,
  seedBooking,
  steps,
} from '../support/view-fixtures.ts';

const CREW: CrewStatusEntry[] = [
  { personId: 'rosa', name: 'Rosa Exampleton', role: 'captain', state: 'confirmed' },
  { personId: 'marco', name: 'Marco Exemplo', role: 'first_mate', state: 'pending' },
  {
    personId: 'jules',
    name: 'Jules Fakename',
    role: 'deckhand',
    state: 'declined',
    reason: 'Sick <!channel> <https://evil.example|click>',
    suggestions: [
      { id: 'kai', name: 'Kai Sampleson' },
      { id: 'nina', name: 'Nina Placeholder' },
    ],
  },
];

function expectValid(message: SlackMessage): void {
  expectWithinLimits(message as unknown as { blocks: unknown[] }, 'message');
  expectKnownIds(message);
}

/** Every `<http…>` link in the message is one of deckhand's own. */
function expectOnlyOwnLinks(message: SlackMessage): void {
  for (const text of mrkdwnTexts(message)) {
    for (const match of text.matchAll(/<(https?:[^|>]*)/g))
      expect(Object.values(LINKS)).toContain(match[1]);
    expect(text).not.toMatch(/<!(?:channel|here|everyone)|<@[UW]/);
  }
}

describe('buildStatusMessage', () => {
  it('says "Boat not set" for a charter booked without a boat, never the company name', async () => {
    const tenant = await exampleTenant();
    const seed = seedBooking(tenant);
    const booking = { ...seed, details: { ...seed.details, listingName: null } };

    const message = buildStatusMessage({
      booking,
      tenant,
      outcome: steps(),
      crew: CREW,
      links: LINKS,
      now: NOW,
    });

    expect(message.blocks[0]).toMatchObject({
      type: 'header',
      text: { text: '⛵ Boat not set · Tue, Jun 2, 10:00 AM PDT' },
    });
    expect(JSON.stringify(message.blocks[0])).not.toContain(tenant.name);
    expect(message.text).not.toContain(tenant.name);
  });

  it('shows steps, links and crew, with Retry and Pick replacement', async () => {
    const tenant = await exampleTenant();
    const booking = seedBooking(tenant);

    const message = buildStatusMessage({
      booking,
      tenant,
      outcome: steps({
        calendar_entry: {
          status: 'failed',
          result: null,
          error: 'Dashboard answered 502 <html>Bad gateway</html>',
        },
        crew_notify: { status: 'waiting', result: null, error: null },
        revenue_scrub: { status: 'running', result: null, error: null },
      }),
      crew: CREW,
      links: LINKS,
      now: NOW,
    });

    expect(message).toMatchSnapshot();
    expect(message.blocks[0]).toMatchObject({
      type: 'header',
      text: { text: "⛵ Sea Breeze 32' Sportfish · Tue, Jun 2, 10:00 AM PDT" },
    });
    const stepsText = JSON.stringify(
      message.blocks.find((b) => b.block_id === BLOCK_IDS.statusSteps),
    );
    expect(stepsText).toContain('✅ Guest page: done');
    expect(stepsText).toContain('⚠️ Calendar entry: failed');
    expect(stepsText).toContain('⏳ Revenue removed from crew event: running');
    expect(stepsText).toContain('⏳ Crew notified: waiting');

    const retry = message.blocks
      .map((b) => (b as SectionBlock).accessory)
      .find((a) => a?.type === 'button') as Button;
    expect(retry).toMatchObject({ action_id: ACTION_IDS.retryPipeline, value: booking.bookingId });
    expect(JSON.stringify(message)).toContain('Dashboard answered 502 &lt;html&gt;');

    const pick = message.blocks
      .map((b) => (b as SectionBlock).accessory)
      .find((a) => a?.type === 'static_select') as StaticSelect;
    expect(pick.action_id).toBe(ACTION_IDS.pickReplacement);
    expect(pick.options?.map((o) => decodeReplacementChoice(o.value ?? ''))).toEqual([
      { bookingId: booking.bookingId, replacing: 'jules', personId: 'kai' },
      { bookingId: booking.bookingId, replacing: 'jules', personId: 'nina' },
    ]);
    expect(JSON.stringify(message)).toContain(
      'Sick &lt;!channel&gt; &lt;https://evil.example|click&gt;',
    );
    expectOnlyOwnLinks(message);
    expectValid(message);
  });

  it('has a notification text for the same state', async () => {
    const tenant = await exampleTenant();
    const input = {
      booking: seedBooking(tenant),
      tenant,
      outcome: steps({ calendar_entry: { status: 'failed' as const, result: null, error: 'x' } }),
      crew: CREW,
      links: LINKS,
      now: NOW,
    };

    expect(statusText(input)).toBe(
      "Sea Breeze 32' Sportfish, Tue, Jun 2, 10:00 AM PDT: 5/6 steps done, 1 failed; crew 1/3 confirmed, 1 declined, 1 pending",
    );
    expect(buildStatusMessage(input).text).toBe(statusText(input));
  });

  it('says all hands confirmed and links the calendar when it can', async () => {
    const tenant = await exampleTenant();

    const message = buildStatusMessage({
      booking: seedBooking(tenant, { status: 'active' }),
      tenant,
      outcome: steps(),
      crew: CREW.map((c) => ({ ...c, state: 'confirmed' as const })),
      links: { ...LINKS, calendarUrl: 'https://dashboard.example.com/cal?id=1&x=2' },
      now: NOW,
    });

    const json = JSON.stringify(message);
    expect(json).toContain('*All hands confirmed* ✅');
    expect(json).toContain('<https://dashboard.example.com/cal?id=1&amp;x=2|Calendar>');
    expect(message.blocks.some((b) => (b as SectionBlock).accessory)).toBe(false);
    expectValid(message);
  });

  it('shows a cancelled charter without replacement pickers', async () => {
    const tenant = await exampleTenant();

    const message = buildStatusMessage({
      booking: seedBooking(tenant, { status: 'cancelled' }),
      tenant,
      outcome: steps(),
      crew: CREW,
      links: LINKS,
      now: NOW,
    });

    expect(message).toMatchSnapshot();
    expect(message.blocks[0]).toMatchObject({
      text: { text: expect.stringMatching(/^Cancelled: ⛵/) },
    });
    expect(message.text).toMatch(/^Cancelled: /);
    expect(JSON.stringify(message)).not.toContain(ACTION_IDS.pickReplacement);
    expectValid(message);
  });

  it('escapes a renter name and a boat name, and never shows money', async () => {
    const tenant = await exampleTenant();
    const booking = seedBooking(tenant);
    booking.details = { ...booking.details, guestName: INJECTED_NAME, listingName: '<!here> boat' };

    const message = buildStatusMessage({
      booking,
      tenant,
      outcome: steps(),
      crew: CREW,
      links: LINKS,
      now: NOW,
    });

    for (const text of mrkdwnTexts(message)) expect(text).not.toMatch(/<!channel>|<!here>|<@U/);
    expect(JSON.stringify(message)).not.toMatch(/\$\d/);
    expectValid(message);
  });

  it('stays within 50 blocks with a very long roster of declines', async () => {
    const tenant = await exampleTenant();
    const crew: CrewStatusEntry[] = Array.from({ length: 60 }, (_, i) => ({
      personId: `p${i}`,
      name: `Person ${i} ${'x'.repeat(200)}`,
      role: 'deckhand',
      state: 'declined',
      reason: 'r'.repeat(600),
      suggestions: [{ id: 'kai', name: 'Kai Sampleson' }],
    }));

    const message = buildStatusMessage({
      booking: seedBooking(tenant),
      tenant,
      outcome: steps({
        guest_page: { status: 'failed', result: null, error: 'e'.repeat(5000) },
      }),
      crew,
      links: LINKS,
      now: NOW,
    });

    expect(message.blocks.length).toBeLessThanOrEqual(50);
    expect(JSON.stringify(message.blocks.at(-1))).toContain('…and 40 more declined');
    expectValid(message);
  });
});

describe('buildEventReply', () => {
  const event = (
    type: PipelineEvent['type'],
    extra: Partial<PipelineEvent> = {},
  ): PipelineEvent => ({
    seq: 7,
    at: '2026-05-20T17:00:00.000Z',
    type,
    message: `${type}`,
    ...extra,
  });

  async function replies(tenant: Tenant) {
    const context = { bookingId: 'BKQ7M2XD4KPA' };
    return {
      approved: buildEventReply(event('approved'), tenant, { ...context, approvedBy: 'U0DANAOPS' }),
      done: buildEventReply(event('pipeline_done'), tenant, context),
      failed: buildEventReply(
        event('step_failed', {
          step: 'calendar_entry',
          message: 'calendar_entry failed: Dashboard answered 401 <!channel>',
        }),
        tenant,
        context,
      ),
      confirmed: buildEventReply(
        event('crew_confirmed', {
          detail: { personId: 'kai', role: 'deckhand', previous: 'pending' },
        }),
        tenant,
        { ...context, allHandsConfirmed: true },
      ),
      declined: buildEventReply(
        event('crew_declined', {
          detail: { personId: 'jules', role: 'deckhand', reason: 'Flu <@U0DANAOPS>' },
        }),
        tenant,
        { ...context, suggestions: [{ id: 'kai', name: 'Kai Sampleson' }] },
      ),
      reminded: buildEventReply(
        event('crew_reminded', { detail: { personId: 'marco', pending: ['marco', 'kai'] } }),
        tenant,
        context,
      ),
      replaced: buildEventReply(
        event('crew_replaced', { detail: { personId: 'nina', role: 'deckhand' } }),
        tenant,
        context,
      ),
      modified: buildEventReply(
        event('modified', { detail: { changed: ['date', 'startLocal'] } }),
        tenant,
        context,
      ),
      cancelled: buildEventReply(event('cancelled'), tenant, context),
    };
  }

  it('answers notable events', async () => {
    const tenant = await exampleTenant();
    const r = await replies(tenant);

    expect(r).toMatchSnapshot();
    expect(r.approved?.text).toBe('👍 Approved by <@U0DANAOPS>. Setting up the charter.');
    expect(r.done?.text).toMatch(/^✅ All steps done/);
    expect(r.failed?.text).toBe('⚠️ Calendar entry failed: Dashboard answered 401 &lt;!channel&gt;');
    expect(r.confirmed?.text).toBe(
      '✅ Kai Sampleson (deckhand) confirmed.\n🎉 *All hands confirmed.*',
    );
    expect(r.declined?.text).toBe(
      '❌ Jules Fakename (deckhand) declined: “Flu &lt;@U0DANAOPS&gt;”',
    );
    expect(r.reminded?.text).toBe(
      '🔔 Reminder sent to Marco Exemplo. Still waiting on Marco Exemplo, Kai Sampleson.',
    );
    expect(r.replaced?.text).toContain('Nina Placeholder is on the charter as deckhand');
    expect(r.modified?.text).toContain('Booking changed: Date, Start time.');
    expect(r.cancelled?.text).toMatch(/^🛑 Charter cancelled/);
    for (const reply of Object.values(r)) {
      expect(reply).not.toBeNull();
      if (reply?.blocks) expectValid(reply as SlackMessage);
    }
  });

  it('puts Retry on a failure and Pick replacement on a decline', async () => {
    const tenant = await exampleTenant();
    const r = await replies(tenant);

    const retry = (r.failed?.blocks?.[0] as SectionBlock | undefined)?.accessory as Button;
    expect(retry).toMatchObject({ action_id: ACTION_IDS.retryPipeline, value: 'BKQ7M2XD4KPA' });
    const pick = (r.declined?.blocks?.[0] as SectionBlock | undefined)?.accessory as StaticSelect;
    expect(decodeReplacementChoice(pick.options?.[0]?.value ?? '')).toEqual({
      bookingId: 'BKQ7M2XD4KPA',
      replacing: 'jules',
      personId: 'kai',
    });
    for (const reply of [r.failed, r.declined])
      for (const text of mrkdwnTexts(reply)) expect(text).not.toMatch(LIVE_SYNTAX);
  });

  it('stays quiet for the noise', async () => {
    const tenant = await exampleTenant();

    for (const type of [
      'step_started',
      'step_done',
      'step_retrying',
      'crew_notified',
      'crew_released',
      'completed',
    ] as const) {
      expect(buildEventReply(event(type), tenant, { bookingId: 'B' })).toBeNull();
    }
  });

  it('names a changed answer, and an approver without a Slack id', async () => {
    const tenant = await exampleTenant();

    const changed = buildEventReply(
      event('crew_confirmed', {
        detail: { personId: 'jules', role: 'deckhand', previous: 'declined' },
      }),
      tenant,
      { bookingId: 'B' },
    );
    const approved = buildEventReply(event('approved', { detail: { by: 'cli <!here>' } }), tenant, {
      bookingId: 'B',
    });

    expect(changed?.text).toBe('✅ Jules Fakename (deckhand) confirmed (changed their answer).');
    expect(approved?.text).toBe('👍 Approved by cli &lt;!here&gt;. Setting up the charter.');
  });
});

describe('buildCrewDm', () => {
  async function message(kind: CrewMessage['kind'] = 'assignment'): Promise<CrewMessage> {
    const tenant = await exampleTenant();
    const booking = seedBooking(tenant);
    return {
      kind,
      tenant,
      person: tenant.roster.find((m) => m.id === 'jules') as RosterMember,
      bookingId: booking.bookingId,
      briefing: briefingFor(booking, tenant, 'jules'),
      link: 'https://queenofsandiego.com/crew/queen-of-san-diego/q3Z9xAbC',
    };
  }

  const MONEY = /\$\s?\d|\b(revenue|profit|net|rates?|fees?|payout|cost)\b/i;

  it('briefs the crew member with Confirm / Can’t make it and no money', async () => {
    const dm = buildCrewDm({ message: await message(), assignmentKey: 'AK.jules.v1' });

    expect(dm).toMatchSnapshot();
    expect(JSON.stringify(dm)).not.toMatch(MONEY);
    const actions = dm.blocks.find((b) => b.block_id === BLOCK_IDS.crewDmActions) as ActionsBlock;
    expect(
      (actions.elements as Button[]).map((b) => [b.action_id, b.text.text, b.value ?? b.url]),
    ).toEqual([
      [ACTION_IDS.crewConfirm, 'Confirm', 'AK.jules.v1'],
      [ACTION_IDS.crewDecline, "Can't make it", 'AK.jules.v1'],
      [
        ACTION_IDS.crewOpenLink,
        'Details & checklist',
        'https://queenofsandiego.com/crew/queen-of-san-diego/q3Z9xAbC',
      ],
    ]);
    expect(JSON.stringify(dm)).toContain('*Be at the dock by*\\nTue, Jun 2, 2026, 9:00 AM PDT');
    expectValid(dm);
  });

  it('shows the answer once given, and has no buttons for a release or a cancellation', async () => {
    const answered = buildCrewDm({
      message: await message('reminder'),
      assignmentKey: 'K',
      answered: 'declined',
    });
    const released = buildCrewDm({ message: await message('released'), assignmentKey: 'K' });
    const cancelled = buildCrewDm({ message: await message('cancelled'), assignmentKey: 'K' });

    expect(JSON.stringify(answered)).toContain("You said you can't make it");
    for (const dm of [released, cancelled]) {
      expect(dm.blocks.some((b) => b.type === 'actions')).toBe(false);
      expectValid(dm);
    }
    expect(JSON.stringify(cancelled)).toContain('This charter has been cancelled');
  });

  it('once answered, says the answer with only Change my answer; changing brings both back', async () => {
    const answered = buildCrewDm({
      message: await message(),
      assignmentKey: 'AK.jules.v1',
      answered: 'confirmed',
    });
    const changing = buildCrewDm({
      message: await message(),
      assignmentKey: 'AK.jules.v1',
      answered: 'confirmed',
      changing: true,
    });
    const ids = (dm: typeof answered) =>
      (
        (dm.blocks.find((b) => b.block_id === BLOCK_IDS.crewDmActions) as ActionsBlock)
          .elements as Button[]
      ).map((b) => [b.action_id, b.value ?? null]);

    expect(answered).toMatchSnapshot();
    expect(answered.text).toBe('You confirmed ✓ deckhand, Tue, Jun 2, 2026, 10:00 AM PDT');
    expect(ids(answered)).toEqual([
      [ACTION_IDS.crewChangeAnswer, 'AK.jules.v1'],
      [ACTION_IDS.crewOpenLink, null],
    ]);
    expect(JSON.stringify(answered)).toContain('*You confirmed:* deckhand');
    expect(ids(changing).map(([id]) => id)).toEqual([
      ACTION_IDS.crewConfirm,
      ACTION_IDS.crewDecline,
      ACTION_IDS.crewOpenLink,
    ]);
    expect(JSON.stringify(changing)).toContain('Pick your new answer below.');
    expectValid(answered);
    expectValid(changing);
  });

  it('escapes a boat name typed by the operator', async () => {
    const m = await message();
    m.briefing = { ...m.briefing, boat: '<!channel> Sea Breeze' };

    const dm = buildCrewDm({ message: m, assignmentKey: 'K' });

    for (const text of mrkdwnTexts(dm)) expect(text).not.toMatch(LIVE_SYNTAX);
  });
});
