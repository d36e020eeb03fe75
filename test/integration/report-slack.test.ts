/**
 * The P&L in Slack, through the stand-in over signed HTTP: `/charter report` for approvers
 * (refused for others), the chart it links served as a PNG by deckhand's server, App Home's
 * Money section for approvers only, and *Export CSV* refused to a non-approver.
 */
import { WebClient } from '@slack/web-api';
import { afterEach, describe, expect, it } from 'vitest';
import { monthKeyOf } from '../../src/reports/report-period.ts';
import { ACTION_IDS, BLOCK_IDS } from '../../views/block-ids.ts';
import { charter, daysFrom } from '../support/report-fixtures.ts';
import {
  DANA,
  OPS,
  type SlackHarness,
  STRANGER,
  startSlackHarness,
} from '../support/slack-harness.ts';

let h: SlackHarness;
afterEach(async () => {
  await h?.close();
});

/** A charter that ended two days ago: in the report, and open (not closed out). */
async function bookPastCharter() {
  const tenant = h.runtime.tenants.get('queen-of-san-diego');
  const booking = charter(tenant, {
    startsAt: daysFrom(new Date(), -2),
    revenueCents: 841_793,
    boat: 'Sea Breeze',
    renter: 'Sam Lee',
  });
  await h.runtime.store.create(booking);
  return { tenant, booking, month: monthKeyOf(new Date(booking.startsAt), tenant.timezone) };
}

function ephemeralTo(user: string) {
  return h.standIn.messages(OPS).filter((m) => m.ephemeralTo === user);
}

describe('/charter report', () => {
  it('shows an approver the P&L with its chart, which deckhand serves as a PNG', async () => {
    h = await startSlackHarness();
    const { booking, month } = await bookPastCharter();

    const ack = await h.standIn.slashCommand({
      command: '/charter',
      text: `report ${month}`,
      userId: DANA,
      channelId: OPS,
    });
    await h.slack.idle();

    expect(ack.status).toBe(200);
    expect(h.standIn.views()).toHaveLength(0); // a command, not a booking line
    const reply = ephemeralTo(DANA).at(-1);
    const json = JSON.stringify(reply?.blocks);
    expect(json).toContain('P&L · ');
    expect(json).toContain(
      `$${(booking.price.netCents / 100).toLocaleString('en-US', { minimumFractionDigits: 2 })}`,
    );
    expect(json).toContain('Open: 1 charter ended and not closed out');
    expect(json).toContain(ACTION_IDS.reportExportCsv);
    const image = ((reply?.blocks ?? []) as { type: string; image_url?: string }[]).find(
      (b) => b.type === 'image',
    );
    const url = new URL(image?.image_url as string);
    const png = await fetch(`${h.runtime.httpUrl}${url.pathname}`);
    expect(png.status).toBe(200);
    expect(png.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await png.arrayBuffer()).subarray(0, 4)).toEqual(
      Buffer.from([0x89, 0x50, 0x4e, 0x47]),
    );
    // The same link for another tenant, or with its signature cut, is refused.
    const other = await fetch(
      `${h.runtime.httpUrl}${url.pathname.replace('/queen-of-san-diego/', '/keys-reef-runner/')}`,
    );
    const unsigned = await fetch(
      `${h.runtime.httpUrl}${url.pathname.replace(/\/[^/]+\.png$/, '.png')}`,
    );
    expect([other.status, unsigned.status]).toEqual([404, 404]);
  });

  it('refuses someone who may not approve, and says what a period looks like', async () => {
    h = await startSlackHarness();
    await bookPastCharter();

    const refused = await h.standIn.slashCommand({
      command: '/charter',
      text: 'report',
      userId: STRANGER,
      channelId: OPS,
    });
    await h.standIn.slashCommand({
      command: '/charter',
      text: 'report next week',
      userId: DANA,
      channelId: OPS,
    });
    await h.slack.idle();

    expect(JSON.parse(refused.body)).toMatchObject({ response_type: 'ephemeral' });
    expect(refused.body).toContain('only approvers can see the money');
    expect(refused.body).not.toMatch(/\$\d/);
    expect(JSON.stringify(ephemeralTo(STRANGER))).not.toContain('P&L · ');
    expect(ephemeralTo(DANA).at(-1)?.text).toMatch(
      /"next week" is not a period.*this month, last month, 2027-05, Q3/,
    );
    expect(h.standIn.views()).toHaveLength(0);
  });

  it('refuses Export CSV to a non-approver who clicks it: no DM, no file', async () => {
    h = await startSlackHarness();
    const { month } = await bookPastCharter();
    await h.standIn.slashCommand({
      command: '/charter',
      text: `report ${month}`,
      userId: DANA,
      channelId: OPS,
    });
    await h.slack.idle();
    // The report's blocks posted where everyone sees them (a forwarded screenshot would not do).
    const bot = new WebClient('xoxb-test-token', {
      slackApiUrl: `${h.standIn.apiUrl.replace(/\/$/, '')}/`,
    });
    const posted = await bot.chat.postMessage({
      channel: OPS,
      text: 'report',
      blocks: ephemeralTo(DANA).at(-1)?.blocks as never,
    });

    await h.standIn.blockAction({
      userId: STRANGER,
      channelId: OPS,
      messageTs: posted.ts as string,
      blockId: BLOCK_IDS.reportActions,
      actionId: ACTION_IDS.reportExportCsv,
    });
    await h.slack.idle();

    expect(JSON.stringify(ephemeralTo(STRANGER))).toContain('only approvers can see the money');
    expect(h.standIn.calls.some((c) => c.method.startsWith('files.'))).toBe(false);
    expect(
      h.standIn.calls.some((c) => c.method === 'conversations.open' && c.args.users === STRANGER),
    ).toBe(false);
  });
});

describe('App Home', () => {
  it('has the Money section for an approver and no money for anyone else', async () => {
    // Two tenants share the example workspace: the default tenant gives the non-approver a Home.
    h = await startSlackHarness({ env: { DECKHAND_DEFAULT_TENANT: 'queen-of-san-diego' } });
    const { booking } = await bookPastCharter();

    for (const user of [DANA, STRANGER])
      await h.standIn.event({
        type: 'app_home_opened',
        user,
        tab: 'home',
        channel: `D${user.slice(1)}`,
      });
    await h.slack.idle();

    const homeOf = (user: string) =>
      JSON.stringify(
        h.standIn.calls
          .filter((c) => c.method === 'views.publish' && c.args.user_id === user)
          .at(-1)?.args.view,
      );
    const net = (booking.price.netCents / 100).toLocaleString('en-US', {
      minimumFractionDigits: 2,
    });
    expect(homeOf(DANA)).toContain('"text":"Money"');
    expect(homeOf(DANA)).toContain(net);
    expect(homeOf(STRANGER)).not.toContain('Money');
    expect(homeOf(STRANGER)).not.toContain(net);
    expect(homeOf(STRANGER)).not.toContain(ACTION_IDS.reportExportCsv);
  });
});
