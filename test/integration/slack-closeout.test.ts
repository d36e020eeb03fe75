/**
 * Close-out in Slack over signed HTTP: the thread gets one *Close out* prompt after the charter's
 * end, the modal recomputes and refuses bad input inline, a save shows the actual net and updates
 * the calendar entry once, re-closing edits it, a concurrent edit is refused with a clear message,
 * and approvers only on the button, the submission and the job.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { recordCloseOut } from '../../src/closeout/record-close-out.ts';
import { DynamoCalendarStore } from '../../src/storage/dynamo-calendar-store.ts';
import { ACTION_IDS, BLOCK_IDS, CALLBACK_IDS } from '../../views/block-ids.ts';
import { costBlockId, hoursBlockId } from '../../views/closeout-ids.ts';
import {
  DANA,
  OPS,
  type SlackHarness,
  STRANGER,
  startSlackHarness,
} from '../support/slack-harness.ts';

const TENANT = 'queen-of-san-diego';
let h: SlackHarness;
let clock = Date.now();
afterEach(async () => {
  await h?.close();
});

const allText = (value: unknown) => JSON.stringify(value ?? '');
const closeOutModal = () =>
  h.standIn.views().find((v) => v.view.callback_id === CALLBACK_IDS.closeOutModal);
const prompts = () =>
  h.standIn.messages(OPS).filter((m) => allText(m.blocks).includes(ACTION_IDS.closeOutOpen));

/** Books a 3-hour charter two days from now, then moves the clock three days on. */
async function bookAndFinish(): Promise<string> {
  clock = Date.now();
  h = await startSlackHarness({ now: () => clock });
  const day = new Date(clock + 2 * 86_400_000).toISOString().slice(0, 10);
  await h.standIn.slashCommand({
    command: '/charter',
    text: `${day} 10am 3h $840.75 for Sam Lee party of 4`,
    userId: DANA,
    channelId: OPS,
  });
  await h.slack.idle();
  const modal = h.standIn.views().find((v) => v.view.callback_id === CALLBACK_IDS.approvalModal);
  if (!modal) throw new Error('no approval modal');
  await h.standIn.viewSubmission({ userId: DANA, viewId: modal.id, values: {} });
  await h.slack.idle();
  const [booking] = await h.runtime.store.listByTenant(TENANT);
  if (!booking) throw new Error('not booked');
  clock += 3 * 86_400_000;
  return booking.bookingId;
}

async function tick(): Promise<void> {
  await h.slack.queue.send({ type: 'bookings.complete', tenantId: TENANT });
  await h.slack.idle();
}

async function openCloseOut(userId = DANA) {
  const prompt = prompts()[0];
  if (!prompt) throw new Error('no prompt');
  await h.standIn.blockAction({
    userId,
    channelId: OPS,
    messageTs: prompt.ts,
    actionId: ACTION_IDS.closeOutOpen,
    blockId: BLOCK_IDS.closeOutActions,
    value: (await h.runtime.store.listByTenant(TENANT))[0]?.bookingId ?? '',
  });
  await h.slack.idle();
  return closeOutModal();
}

describe('the close-out prompt', () => {
  it('is posted once in the charter thread after its end, however often the schedule runs', async () => {
    await bookAndFinish();
    await tick();
    await tick();
    await tick();

    expect(prompts()).toHaveLength(1);
    expect(prompts()[0]?.threadTs).toEqual(expect.any(String));
    expect((await h.runtime.store.listByTenant(TENANT))[0]?.status).toBe('completed');
  });
});

/** Cancels the booking `hoursBefore` its start, as a cancellation at that time would. */
async function cancelBefore(hoursBefore: number): Promise<void> {
  const [booking] = await h.runtime.store.listByTenant(TENANT);
  if (!booking) throw new Error('not booked');
  const at = new Date(Date.parse(booking.startsAt) - hoursBefore * 3_600_000);
  await h.runtime.store.update(booking, { status: 'cancelled' }, at);
}

describe('the close-out prompt of a cancelled charter', () => {
  it('is posted once for a late cancellation, starts from a full refund and records what was kept', async () => {
    const bookingId = await bookAndFinish();
    await cancelBefore(20); // the tenant's default: late within 48 h
    await tick();
    await tick();

    expect(prompts()).toHaveLength(1);
    expect(prompts()[0]?.text).toContain('cancelled late (within 48 h of its start)');
    const modal = await openCloseOut();
    if (!modal) throw new Error('no close-out modal');
    // Opened unchanged it says what the report already counts: everything refunded.
    const refund = (
      modal.view.blocks as { block_id?: string; element?: { initial_value?: string } }[]
    ).find((b) => b.block_id === BLOCK_IDS.closeOutRefund);
    expect(refund?.element?.initial_value).toBe('840.75');

    await h.standIn.viewSubmission({
      userId: DANA,
      viewId: modal.id,
      values: { [BLOCK_IDS.closeOutRefund]: { [ACTION_IDS.closeOutRefund]: '640.75' } },
    });
    await h.slack.idle();
    const stored = await h.runtime.slackPorts.closeOuts.get(TENANT, bookingId);
    // $200.00 kept; only the 18% port fee is owed on it ($36.00), no wages by default.
    expect(stored).toMatchObject({
      refundCents: 64_075,
      actual: { revenueCents: 20_000, netCents: 16_400 },
    });
    expect(prompts()[0]?.text).toContain('actual net $164.00');
  });

  it('is not posted for a charter cancelled in good time (counted as fully refunded)', async () => {
    await bookAndFinish();
    await cancelBefore(72);
    await tick();

    expect(prompts()).toHaveLength(0);
    expect((await h.runtime.store.listByTenant(TENANT))[0]?.status).toBe('cancelled');
  });
});

describe('the close-out modal', () => {
  it('pre-fills the plan, recomputes on change, saves, shows the actual net and updates the calendar once', async () => {
    const bookingId = await bookAndFinish();
    await tick();
    const modal = await openCloseOut();
    if (!modal) throw new Error('no close-out modal');
    expect(allText(modal.view.blocks)).toContain('$289.41'); // the plan reproduces the quote

    await h.standIn.blockAction({
      userId: DANA,
      viewId: modal.id,
      actionId: ACTION_IDS.closeOutCost,
      blockId: costBlockId('fuel'),
      text: '45',
    });
    await h.slack.idle();
    const update = h.standIn.calls.find((c) => c.method === 'views.update');
    expect(update?.args.hash).toBe(modal.hash);
    // $289.41 − $45.00 fuel
    expect(allText(closeOutModal()?.view.blocks)).toContain('$244.41');

    const submitted = await h.standIn.viewSubmission({
      userId: DANA,
      viewId: modal.id,
      values: { [costBlockId('fuel')]: { [ACTION_IDS.closeOutCost]: '45' } },
    });
    await h.slack.idle();
    expect(submitted.status).toBe(200);

    const stored = await h.runtime.slackPorts.closeOuts.get(TENANT, bookingId);
    expect(stored).toMatchObject({ version: 1, actual: { netCents: 24_441 } });
    expect(stored?.history[0]?.by).toBe(DANA);
    const reply = prompts()[0];
    expect(reply?.text).toContain('actual net $244.41 vs quoted $289.41 (-$45.00)');
    expect(reply?.updates).toBeGreaterThan(0);

    const entries = await h.runtime.slackPorts.pipeline.store.getSteps(TENANT, bookingId);
    const entryId = entries.find((s) => s.step === 'calendar_entry')?.result?.entryId;
    const entry = await calendarEntry(String(entryId));
    expect(entry).toMatchObject({ metadata: { net_profit: 244.41, port_fee: 151.34 } });
    // Once: one revision for the close-out on top of the pipeline's.
    const revision = entry?.revision ?? -1;
    await h.slack.queue.send({ type: 'bookings.complete', tenantId: TENANT });
    await h.slack.idle();
    expect((await calendarEntry(String(entryId)))?.revision).toBe(revision);

    // Re-closing edits it: the modal opens with the stored values, version 1.
    const again = await openCloseOut();
    expect(allText(again?.view.blocks)).toContain('45.00');
    expect(allText(again?.view.private_metadata)).toContain('\\"version\\":1');
  });

  it('answers bad values inline and saves nothing', async () => {
    const bookingId = await bookAndFinish();
    await tick();
    const modal = await openCloseOut();
    if (!modal) throw new Error('no close-out modal');

    const submitted = await h.standIn.viewSubmission({
      userId: DANA,
      viewId: modal.id,
      values: {
        [BLOCK_IDS.closeOutRefund]: { [ACTION_IDS.closeOutRefund]: '5000' },
      },
    });
    await h.slack.idle();

    expect(submitted.json).toMatchObject({
      response_action: 'errors',
      errors: { [BLOCK_IDS.closeOutRefund]: expect.stringContaining('more than the charter took') },
    });
    const hours = await h.standIn.viewSubmission({
      userId: DANA,
      viewId: modal.id,
      values: {
        [BLOCK_IDS.closeOutRefund]: { [ACTION_IDS.closeOutRefund]: '' },
        [hoursBlockId('captain', 'rosa')]: { [ACTION_IDS.closeOutHours]: '60' },
      },
    });
    expect(hours.json).toMatchObject({
      response_action: 'errors',
      errors: { [hoursBlockId('captain', 'rosa')]: expect.stringContaining('0 to 48') },
    });
    expect(await h.runtime.slackPorts.closeOuts.get(TENANT, bookingId)).toBeUndefined();
  });

  it('refuses a save when someone else saved since the modal opened: told, nothing merged', async () => {
    const bookingId = await bookAndFinish();
    await tick();
    const first = await openCloseOut();
    if (!first) throw new Error('no close-out modal');
    // Someone else closes it out meanwhile (another modal, or the CLI).
    const tenant = h.runtime.tenants.get(TENANT);
    const booking = await h.runtime.store.get(TENANT, bookingId);
    if (!booking) throw new Error('no booking');
    await recordCloseOut(h.runtime.slackPorts.closeOuts, {
      booking,
      tenant,
      actuals: { hours: [], extraCosts: [], tipsCents: 0, refundCents: 0, extraChargeCents: 0 },
      expectedVersion: 0,
      by: 'cli:other',
      now: new Date(clock),
    });

    const submitted = await h.standIn.viewSubmission({
      userId: DANA,
      viewId: first.id,
      values: { [costBlockId('fuel')]: { [ACTION_IDS.closeOutCost]: '45' } },
    });
    await h.slack.idle();

    expect(allText(submitted.json)).toContain('Someone else saved this close-out');
    const stored = await h.runtime.slackPorts.closeOuts.get(TENANT, bookingId);
    expect(stored?.version).toBe(1);
    expect(stored?.extraCosts).toEqual([]);

    // The same race reaching the job (the other save landed after the submission was checked).
    await h.slack.queue.send({
      type: 'closeout.save',
      tenantId: TENANT,
      bookingId,
      userId: DANA,
      expectedVersion: 0,
      requestId: 'req-0123456789abcdef',
      channelId: OPS,
      actuals: { hours: [], extraCosts: [], tipsCents: 100, refundCents: 0, extraChargeCents: 0 },
    });
    await h.slack.idle();
    const told = h.standIn.messages(OPS).filter((m) => m.ephemeralTo === DANA);
    expect(allText(told)).toContain('Someone else saved the close-out of this charter');
    expect((await h.runtime.slackPorts.closeOuts.get(TENANT, bookingId))?.tipsCents).toBe(0);
  });
});

describe('approvers only', () => {
  it('refuses the button, the submission and the job for someone who may not approve', async () => {
    const bookingId = await bookAndFinish();
    await tick();

    const modal = await openCloseOut(STRANGER);
    expect(modal).toBeUndefined();
    const refusals = h.standIn.messages(OPS).filter((m) => m.ephemeralTo === STRANGER);
    expect(allText(refusals)).toContain('only approvers can close out charters');

    // Dana opens the modal, then is taken off the approvers: the submission and the job check again.
    const opened = await openCloseOut(DANA);
    if (!opened) throw new Error('no close-out modal');
    const approvers = h.runtime.tenants.get(TENANT).slack?.approvers ?? [];
    approvers.splice(approvers.indexOf(DANA), 1);
    const submitted = await h.standIn.viewSubmission({
      userId: DANA,
      viewId: opened.id,
      values: {},
    });
    await h.slack.idle();
    expect(submitted.json).toMatchObject({ response_action: 'clear' });
    expect(await h.runtime.slackPorts.closeOuts.get(TENANT, bookingId)).toBeUndefined();

    await h.slack.queue.send({
      type: 'closeout.save',
      tenantId: TENANT,
      bookingId,
      userId: DANA,
      expectedVersion: 0,
      requestId: 'req-0123456789abcdef',
      channelId: OPS,
      actuals: { hours: [], extraCosts: [], tipsCents: 0, refundCents: 0, extraChargeCents: 0 },
    });
    await h.slack.idle();
    expect(await h.runtime.slackPorts.closeOuts.get(TENANT, bookingId)).toBeUndefined();
    const told = h.standIn.messages(OPS).filter((m) => m.ephemeralTo === DANA);
    expect(allText(told)).toContain('only approvers can close out charters');
  });
});

/** The built-in calendar's entry (its table is the runtime's). */
async function calendarEntry(entryId: string) {
  return new DynamoCalendarStore(h.runtime.clients.doc, h.runtime.config.tableName).get(
    TENANT,
    entryId,
  );
}
