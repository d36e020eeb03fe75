/**
 * Slack mrkdwn control sequences in every string a person types: renter names, notes, boat
 * names, departures, the tenant's own name and checklists, roster names and phone numbers, crew
 * reasons, pipeline error messages. Every Block Kit builder in views/ is run with all of them
 * poisoned at once, and every mrkdwn text (and the notification `text`) must carry them escaped
 * (& < > as &amp; &lt; &gt;), while plain_text fields show them as typed (never double-escaped).
 *
 * The unit tests (test/unit/views-*.test.ts) check one injected field per builder; this one
 * poisons every field together, so a field nobody thought of is caught too.
 */
import { describe, expect, it } from 'vitest';
import { briefingFor } from '../../src/crew/crew-briefing.ts';
import type { CrewMessage } from '../../src/crew/crew-notifier.ts';
import type { IntakeResult } from '../../src/intake/intake-result.ts';
import { parseIntake } from '../../src/intake/parse-intake.ts';
import type { PipelineEvent } from '../../src/pipeline/step-record.ts';
import { priceCharter } from '../../src/pricing/price-charter.ts';
import type { RosterMember, Tenant } from '../../src/tenants/tenant-schema.ts';
import { approvalDraftFromIntake } from '../../views/approval-draft.ts';
import { buildApprovalModal } from '../../views/approval-modal.ts';
import { buildBookingSummaryBlocks } from '../../views/booking-summary-blocks.ts';
import { buildCancellationCard } from '../../views/cancellation-card.ts';
import { buildCharterList } from '../../views/charter-list.ts';
import { buildCostBreakdownBlocks } from '../../views/cost-breakdown-blocks.ts';
import { buildCrewDm } from '../../views/crew-dm.ts';
import { buildEventReply } from '../../views/event-reply.ts';
import { buildHomeView } from '../../views/home-view.ts';
import { buildModificationCard } from '../../views/modification-card.ts';
import { buildRefusal } from '../../views/refusal.ts';
import { buildReplacementPicker } from '../../views/replacement-picker.ts';
import { buildRequestCard } from '../../views/request-card.ts';
import { buildReviewCard } from '../../views/review-card.ts';
import type { CrewStatusEntry } from '../../views/slack-format.ts';
import { buildStatusMessage } from '../../views/status-message.ts';
import { exampleTenant, LINKS, NOW, seedBooking, steps, ZONE } from '../support/view-fixtures.ts';

/**
 * Every control sequence Slack parses in mrkdwn, plus an entity typed literally (must become
 * `&amp;lt;` so it shows as typed) and formatting characters (harmless, left alone).
 */
const HOSTILE =
  'Zed <!channel> <!here> <!everyone> <!subteam^SEVIL666> <@UEVIL666> <@WEVIL666> <#CEVIL666> ' +
  '<http://evil.example/x|click> <mailto:evil@evil.example|mail> &lt;!literal&gt; & *b* _i_ ~s~ `c`';

/** What a mrkdwn text must never contain once HOSTILE went through it. */
const LIVE = [
  '<!channel>',
  '<!here>',
  '<!everyone>',
  '<!subteam',
  '<@UEVIL',
  '<@WEVIL',
  '<#CEVIL',
  '<http://evil',
  '<mailto:evil',
];

function walk(value: unknown, visit: (object: Record<string, unknown>) => void): void {
  if (Array.isArray(value)) for (const item of value) walk(item, visit);
  else if (value && typeof value === 'object') {
    visit(value as Record<string, unknown>);
    for (const inner of Object.values(value)) walk(inner, visit);
  }
}

/** The mrkdwn texts (the top-level `text` included) and the plain_text texts of a payload. */
function texts(payload: unknown): { mrkdwn: string[]; plain: string[] } {
  const mrkdwn: string[] = [];
  const plain: string[] = [];
  const top = (payload as { text?: unknown } | null)?.text;
  if (typeof top === 'string') mrkdwn.push(top);
  walk(payload, (object) => {
    if (typeof object.text !== 'string') return;
    if (object.type === 'mrkdwn') mrkdwn.push(object.text);
    if (object.type === 'plain_text') plain.push(object.text);
  });
  return { mrkdwn, plain };
}

/** Checks one payload; returns how many texts showed (part of) the hostile string. */
function expectInert(name: string, payload: unknown): number {
  const { mrkdwn, plain } = texts(payload);
  let shown = 0;
  for (const text of mrkdwn) {
    for (const live of LIVE) expect(text, `${name}: live ${live} in mrkdwn`).not.toContain(live);
    // The literal "&lt;" typed by a person must be shown as typed: escaped to "&amp;lt;".
    expect(text, `${name}: unescaped & in mrkdwn`).not.toMatch(/(?<!&amp;)lt;!literal/);
    // Every & is an entity Slack decodes; a bare one is a typed & that was not escaped.
    expect(text, `${name}: & not escaped`).not.toMatch(/&(?!amp;|lt;|gt;)/);
    if (text.includes('Zed')) shown++;
  }
  for (const text of plain) {
    // plain_text is never parsed: escaping it would show "&lt;" to people.
    expect(text, `${name}: double-escaped plain_text`).not.toMatch(/&lt;!channel|&amp;lt;/);
    if (text.includes('Zed')) shown++;
  }
  return shown;
}

/** The example tenant with every operator-typed text poisoned. */
async function hostileTenant(): Promise<Tenant> {
  const tenant = await exampleTenant();
  return {
    ...tenant,
    name: `${HOSTILE} Charters`,
    departure: {
      name: `${HOSTILE} Marina`,
      address: `${HOSTILE} 1 Dock Rd`,
      parking: `${HOSTILE} lot`,
    },
    contact: { ...tenant.contact, phone: `+1 619 ${HOSTILE}` },
    roster: tenant.roster.map((m) => ({
      ...m,
      name: `${HOSTILE} ${m.name}`,
      ...(m.phone ? { phone: `${m.phone} ${HOSTILE}` } : {}),
    })),
    houseRules: [HOSTILE],
    safetyNotes: [HOSTILE],
    whatToBring: [HOSTILE],
    crewChecklist: [HOSTILE],
    pricing: {
      ...tenant.pricing,
      fees: tenant.pricing.fees.map((f) => ({ ...f, label: `${HOSTILE} fee` })),
    },
  };
}

/** An intake as the parser would return it, with every renter-typed field poisoned. */
async function hostileIntake(text: string): Promise<IntakeResult> {
  const intake = await parseIntake(text, { now: NOW, timeZone: ZONE, source: 'command' });
  return {
    ...intake,
    guestName: `${HOSTILE} Renter`,
    listingName: `${HOSTILE} Boat`,
    departure: `${HOSTILE} Slip`,
    renterNote: HOSTILE,
    subject: HOSTILE,
    bookingId: '90412776',
    warnings: [HOSTILE],
  };
}

describe('mrkdwn control sequences in every typed field reach Slack escaped', async () => {
  const tenant = await hostileTenant();
  const booking = seedBooking(tenant, {
    details: {
      ...seedBooking(tenant).details,
      guestName: `${HOSTILE} Renter`,
      listingName: `${HOSTILE} Boat`,
      departure: `${HOSTILE} Slip`,
    },
    renterNote: HOSTILE,
  });
  const crew: CrewStatusEntry[] = [
    { personId: 'rosa', name: `${HOSTILE} Rosa`, role: 'captain', state: 'confirmed' },
    { personId: 'marco', name: `${HOSTILE} Marco`, role: 'first_mate', state: 'pending' },
    {
      personId: 'jules',
      name: `${HOSTILE} Jules`,
      role: 'deckhand',
      state: 'declined',
      reason: HOSTILE,
      suggestions: [{ id: 'kai', name: `${HOSTILE} Kai` }],
    },
  ];
  const intake = await hostileIntake('June 2 10am 3h $840.75 for Sam Lee party of 4');
  const breakdown = priceCharter(
    { revenueCents: 84_075, durationMinutes: 180, captain: true, crewCount: 2, partySize: 4 },
    tenant.pricing,
  );
  const event = (type: PipelineEvent['type'], extra: Partial<PipelineEvent> = {}) =>
    ({ seq: 1, at: NOW.toISOString(), type, message: HOSTILE, ...extra }) as PipelineEvent;
  const crewMessage = (kind: CrewMessage['kind']): CrewMessage => ({
    kind,
    tenant,
    person: tenant.roster.find((m) => m.id === 'jules') as RosterMember,
    bookingId: booking.bookingId,
    briefing: briefingFor(booking, tenant, 'jules'),
    link: 'https://queenofsandiego.com/crew/queen-of-san-diego/q3Z9xAbC',
  });
  const draft = approvalDraftFromIntake(intake, tenant);
  const entry = { booking, crew, links: LINKS };

  const payloads: [string, unknown][] = [
    ['booking summary', { blocks: buildBookingSummaryBlocks(intake, ZONE) }],
    [
      'cost breakdown',
      { blocks: buildCostBreakdownBlocks(breakdown, { revenueLabel: `${HOSTILE} revenue` }) },
    ],
    ['review card', buildReviewCard({ intake, tenant, breakdown, draftId: 'DR1', now: NOW })],
    [
      'request card',
      buildRequestCard({
        intake: { ...intake, kind: 'request' },
        tenant,
        breakdown: null,
        receivedAt: NOW,
        draftId: 'DR2',
        now: NOW,
      }),
    ],
    [
      'modification card',
      buildModificationCard({
        intake: { ...intake, kind: 'modification', date: '2026-06-07' },
        booking,
        tenant,
        draftId: 'DR3',
        now: NOW,
      }),
    ],
    [
      'cancellation card',
      buildCancellationCard({
        intake: { ...intake, kind: 'cancellation' },
        booking,
        tenant,
        draftId: 'DR4',
        now: NOW,
      }),
    ],
    [
      'approval modal',
      buildApprovalModal({
        tenant,
        now: NOW,
        metadata: {
          tenantId: tenant.id,
          draftId: 'DR5',
          channelId: 'C0QSDOPS',
          threadTs: '1779296400.000100',
        },
        draft: {
          ...draft,
          guestName: `${HOSTILE} Renter`,
          listingName: `${HOSTILE} Boat`,
          notes: HOSTILE,
        },
        marketplaceId: intake.bookingId,
        missing: intake.missing,
        warnings: [HOSTILE],
        // The evidence quotes the message itself: excerpts, chosen values and rules all escaped.
        evidence: {
          ...intake,
          evidence: {
            guestName: { excerpt: HOSTILE.slice(0, 80), where: 'body', how: 'inferred' },
          },
          conflicts: [
            {
              field: 'guestName',
              chosen: `${HOSTILE} Renter`,
              runnerUp: HOSTILE,
              rule: HOSTILE,
              chosenEvidence: { excerpt: HOSTILE.slice(0, 80), where: 'body', how: 'inferred' },
              runnerUpEvidence: {
                excerpt: HOSTILE.slice(0, 80),
                where: 'subject',
                how: 'inferred',
              },
            },
          ],
        },
      }),
    ],
    [
      'status message',
      buildStatusMessage({
        booking,
        tenant,
        outcome: steps({ calendar_entry: { status: 'failed', result: null, error: HOSTILE } }),
        crew,
        links: LINKS,
        now: NOW,
      }),
    ],
    ['charter list', buildCharterList({ bookings: [entry], tenant, now: NOW })],
    ['home view', buildHomeView({ upcoming: [entry], tenant, now: NOW })],
    [
      'refusal',
      buildRefusal({ reason: 'not_approver', tenant, approverUserIds: ['U0DANAOPS', HOSTILE] }),
    ],
    ['replacement picker', { blocks: [buildReplacementPicker(crew[2] as CrewStatusEntry, 'BK1')] }],
    ...(['assignment', 'reminder', 'changed', 'released', 'cancelled'] as const).map(
      (kind): [string, unknown] => [
        `crew DM (${kind})`,
        buildCrewDm({ message: crewMessage(kind), assignmentKey: 'AK' }),
      ],
    ),
    ...(
      [
        ['approved', { detail: { by: HOSTILE } }],
        ['step_failed', { step: 'calendar_entry' }],
        ['step_failed', { step: HOSTILE }],
        ['crew_confirmed', { detail: { personId: 'kai', role: 'deckhand', previous: 'declined' } }],
        ['crew_declined', { detail: { personId: 'jules', role: 'deckhand', reason: HOSTILE } }],
        ['crew_reminded', { detail: { personId: 'marco', pending: ['marco', 'kai'] } }],
        ['crew_replaced', { detail: { personId: 'nina', role: 'deckhand' } }],
        ['modified', { detail: { changed: ['date', HOSTILE] } }],
        ['cancelled', { detail: { reason: HOSTILE } }],
        ['pipeline_done', {}],
      ] as const
    ).map(([type, extra]): [string, unknown] => [
      `event reply (${type})`,
      buildEventReply(event(type, extra as Partial<PipelineEvent>), tenant, {
        bookingId: booking.bookingId,
        approvedBy: HOSTILE,
        suggestions: [{ id: 'kai', name: `${HOSTILE} Kai` }],
      }),
    ]),
  ];

  it.each(payloads)('%s', (name, payload) => {
    expect(payload).not.toBeNull();
    expectInert(name, payload);
  });

  it('shows the hostile text (escaped) rather than dropping it', () => {
    // Guards the test itself: if no builder showed the poisoned fields, nothing was checked.
    const shown = payloads.map(([name, payload]) => [name, expectInert(name, payload)] as const);
    const silent = shown.filter(([, count]) => count === 0).map(([name]) => name);
    console.info('payloads checked:', payloads.length, 'showing no typed text:', silent);
    expect(shown.filter(([, count]) => count > 0).length).toBeGreaterThan(payloads.length * 0.7);
  });
});
