/**
 * The Slack app end to end over signed HTTP (the story also over Socket Mode) against the Slack stand-in: a forwarded email
 * becomes a review card, the modal approves it, the thread follows the pipeline and the crew's
 * answers (by magic link and by DM button), /charter, refusals, forged requests, re-deliveries.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { approveDraftJob } from '../../src/jobs/approve-draft-job.ts';
import type { PipelineEvent } from '../../src/pipeline/step-record.ts';
import type { JobOf } from '../../src/queue/jobs.ts';
import { decodeReplacementChoice } from '../../views/action-values.ts';
import { ACTION_IDS, BLOCK_IDS, CALLBACK_IDS } from '../../views/block-ids.ts';
import { buttonValue } from '../support/slack-flow.ts';
import {
  DANA,
  KAI,
  OPS,
  type SlackHarness,
  STRANGER,
  startSlackHarness,
  TRANSPORTS,
} from '../support/slack-harness.ts';

let h: SlackHarness;
afterEach(async () => {
  await h?.close();
});

const EMAIL = [
  'Your booking is confirmed!',
  '',
  'Booking ID: 90999001',
  "Boat: Sea Breeze 32' Sportfish",
  'Date: Sat, Jun 5, 2027',
  'Start time: 9:00 AM',
  'Duration: 3 hours',
  'Renter: Avery Sampleton',
  'Guests: 4',
  'Total: $840.75',
].join('\n');

const allText = (blocks: unknown) => JSON.stringify(blocks ?? '');

async function forwardAndApprove(): Promise<{ threadTs: string; bookingId: string }> {
  const forwarded = await h.standIn.forwardEmail({
    channelId: OPS,
    userId: DANA,
    subject: "Booking confirmed: Sea Breeze 32' Sportfish on Sat, Jun 5, 2027",
    from: 'Boatsetter <notifications@boatsetter.example.com>',
    plainText: EMAIL,
    date: 'Mon, 1 Mar 2027 10:00:00 -0800',
  });
  expect(forwarded.status).toBe(200);
  await h.slack.idle();
  const card = h.standIn
    .thread(OPS, forwarded.ts)
    .find((m) => buttonValue(m.blocks, ACTION_IDS.reviewApprove));
  const draftId = buttonValue(card?.blocks, ACTION_IDS.reviewApprove) as string;
  expect(draftId).toMatch(/^DR[A-Za-z0-9]+$/);

  const opened = await h.standIn.blockAction({
    userId: DANA,
    channelId: OPS,
    messageTs: card?.ts,
    actionId: ACTION_IDS.reviewApprove,
    blockId: BLOCK_IDS.cardActions,
    value: draftId,
  });
  expect(opened.status).toBe(200);
  await h.slack.idle();
  const modal = h.standIn.views().find((v) => v.view.callback_id === CALLBACK_IDS.approvalModal);
  expect(allText(modal?.view.blocks)).toContain('$289.41');

  const submitted = await h.standIn.viewSubmission({
    userId: DANA,
    viewId: modal?.id as string,
    values: {},
  });
  expect(submitted.status).toBe(200);
  await h.slack.idle();
  const booking = (await h.runtime.store.listByTenant('queen-of-san-diego'))[0];
  return { threadTs: forwarded.ts, bookingId: booking?.bookingId as string };
}

describe('the charter story', () => {
  it.each(TRANSPORTS)(
    'forwarded email → review card → modal → approval → a live thread → crew answers (%s)',
    async (transport) => {
      h = await startSlackHarness({ transport });
      const { threadTs, bookingId } = await forwardAndApprove();

      const booking = await h.runtime.store.get('queen-of-san-diego', bookingId);
      expect(booking?.status).toBe('active');
      expect(booking?.slack?.threadTs).toBe(threadTs);
      const status = h.standIn.messages(OPS).find((m) => m.ts === booking?.slack?.statusTs);
      expect(status?.updates).toBeGreaterThan(0);
      expect(status?.threadTs).toBe(threadTs);
      expect(allText(status?.blocks)).toContain('✅');
      const replies = h.standIn.thread(OPS, threadTs).map((m) => m.text ?? '');
      expect(replies.join('\n')).toMatch(/approved/i);
      // The review card says who approved it and has no buttons left to press; it keeps the
      // summary and the cost breakdown as approved, and names no internal id.
      const inThread = h.standIn.thread(OPS, threadTs);
      expect(inThread.filter((m) => buttonValue(m.blocks, ACTION_IDS.reviewApprove))).toHaveLength(
        0,
      );
      const approvedCard = inThread.find((m) => (m.text ?? '').startsWith('Approved: '));
      expect(approvedCard?.text).toBe(
        `Approved: Avery Sampleton on Sat, Jun 5, 2027, 9:00 AM PDT (by <@${DANA}>).`,
      );
      expect(approvedCard?.blocks?.map((b) => (b as { block_id?: string }).block_id)).toEqual(
        expect.arrayContaining([
          BLOCK_IDS.bookingSummary,
          BLOCK_IDS.costTotals,
          BLOCK_IDS.cardNotice,
        ]),
      );
      expect(allText(approvedCard?.blocks)).toContain('$289.41');
      expect(allText(approvedCard)).not.toContain(bookingId);

      // Rosa confirms by magic link (email outbox); Jules declines by link; Marco confirms by DM.
      const outbox = join(h.dataDir, 'outbox');
      const answerByLink = async (person: string, fields: Record<string, string>) => {
        const mail = readdirSync(outbox).find((f) => f.includes(`-${person}-assignment`)) as string;
        const link = /(http:\/\/127\.0\.0\.1:\d+\/crew\/\S+)/.exec(
          readFileSync(join(outbox, mail), 'utf8').replace(/=\r?\n/g, ''),
        )?.[1] as string;
        const url = `${h.runtime.httpUrl}${new URL(link).pathname}`;
        const formKey = /name="form_key" value="([^"]+)"/.exec(
          await (await fetch(url)).text(),
        )?.[1] as string;
        await fetch(url, {
          method: 'POST',
          redirect: 'manual',
          headers: {
            'content-type': 'application/x-www-form-urlencoded',
            origin: h.runtime.httpUrl,
          },
          body: new URLSearchParams({ form_key: formKey, ...fields }).toString(),
        });
      };
      const answerByDm = async (userId: string, name: string, actionId: string) => {
        const dm = [...h.standIn.calls]
          .reverse()
          .find(
            (c) =>
              c.method === 'chat.postMessage' &&
              String(c.args.channel).startsWith('D') &&
              allText(c.args.blocks).includes(name),
          );
        expect(buttonValue(dm?.args.blocks as unknown[], actionId), `a DM for ${name}`).toEqual(
          expect.any(String),
        );
        const res = await h.standIn.blockAction({
          userId,
          channelId: String(dm?.args.channel),
          messageTs: String((dm?.response as { ts?: string } | undefined)?.ts),
          actionId,
          blockId: BLOCK_IDS.crewDmActions,
          value: buttonValue(dm?.args.blocks as unknown[], actionId) as string,
        });
        expect(res.status).toBe(200);
      };
      await answerByLink('rosa', { answer: 'confirm' });
      await answerByLink('jules', { answer: 'decline', reason: 'Boat show' });
      // Marco double-clicks Confirm: one answer, one DM, no second thanks.
      await Promise.all([
        answerByDm('U0MARCOEX', 'Marco', ACTION_IDS.crewConfirm),
        answerByDm('U0MARCOEX', 'Marco', ACTION_IDS.crewConfirm),
      ]);
      await h.slack.idle();

      let thread = h.standIn
        .thread(OPS, threadTs)
        .map((m) => m.text ?? '')
        .join('\n');
      expect(thread).toMatch(/Rosa Exampleton.*confirmed/);
      expect(thread).toMatch(/Jules Fakename.*declined/);
      expect(thread).toMatch(/Marco Exemplo.*confirmed/);

      // Marco's DM now says his answer, with only "Change my answer" (and the link) to press.
      const marcoDm = [...h.standIn.calls].find(
        (c) =>
          c.method === 'chat.postMessage' &&
          String(c.args.channel).startsWith('D') &&
          allText(c.args.blocks).includes('Marco'),
      );
      const dmChannel = String(marcoDm?.args.channel);
      const dmTs = String((marcoDm?.response as { ts?: string } | undefined)?.ts);
      const marcoDmNow = () => h.standIn.messages(dmChannel).find((m) => m.ts === dmTs);
      expect(marcoDmNow()?.text).toMatch(/^You confirmed ✓ /);
      expect(allText(marcoDmNow()?.blocks)).toContain('You confirmed:');
      expect(buttonValue(marcoDmNow()?.blocks, ACTION_IDS.crewConfirm)).toBeUndefined();
      expect(buttonValue(marcoDmNow()?.blocks, ACTION_IDS.crewChangeAnswer)).toEqual(
        expect.any(String),
      );
      // The double click left the DM alone (no thanks posted under it) and one answer in the thread.
      expect(h.standIn.messages(dmChannel).map((m) => m.ts)).toEqual([dmTs]);
      expect(thread.match(/Marco Exemplo.*confirmed/g)).toHaveLength(1);
      // Change my answer brings Confirm / Can't make it back, still saying the answer given.
      await h.standIn.blockAction({
        userId: 'U0MARCOEX',
        channelId: dmChannel,
        messageTs: dmTs,
        actionId: ACTION_IDS.crewChangeAnswer,
        blockId: BLOCK_IDS.crewDmActions,
        value: buttonValue(marcoDmNow()?.blocks, ACTION_IDS.crewChangeAnswer) as string,
      });
      await h.slack.idle();
      expect(buttonValue(marcoDmNow()?.blocks, ACTION_IDS.crewDecline)).toEqual(expect.any(String));
      expect(allText(marcoDmNow()?.blocks)).toContain('Pick your new answer below.');

      // Ops pick a replacement from the status message; Kai gets a DM and confirms.
      const statusNow = h.standIn.messages(OPS).find((m) => m.ts === booking?.slack?.statusTs);
      const picker = (
        (statusNow?.blocks ?? []) as {
          block_id?: string;
          accessory?: { action_id?: string; options?: { value: string; text: { text: string } }[] };
        }[]
      ).find((b) => b.accessory?.action_id === ACTION_IDS.pickReplacement);
      const kai = picker?.accessory?.options?.find((o) => o.text.text.includes('Kai'));
      expect(decodeReplacementChoice(kai?.value ?? '')).toMatchObject({ personId: 'kai' });
      await h.standIn.blockAction({
        userId: DANA,
        channelId: OPS,
        messageTs: statusNow?.ts,
        actionId: ACTION_IDS.pickReplacement,
        blockId: picker?.block_id as string,
        selectedOption: kai?.value,
      });
      await h.slack.idle();
      expect(
        (await h.runtime.store.get('queen-of-san-diego', bookingId))?.assignment.crewIds,
      ).toEqual(['marco', 'kai']);
      await answerByDm(KAI, 'Kai', ACTION_IDS.crewConfirm);
      await h.slack.idle();

      thread = h.standIn
        .thread(OPS, threadTs)
        .map((m) => `${m.text ?? ''} ${allText(m.blocks)}`)
        .join('\n');
      expect(thread).toMatch(/All hands confirmed/);
      const finalStatus = h.standIn.messages(OPS).find((m) => m.ts === booking?.slack?.statusTs);
      expect(allText(finalStatus?.blocks)).toContain('Kai Sampleson');
      expect(allText(finalStatus?.blocks)).not.toContain('Jules Fakename');
      // Over Socket Mode every request went as an envelope (the stand-in has no app URL at all).
      if (transport === 'socket')
        expect(
          h.standIn.calls.filter((c) => c.method === 'socket_mode.ack').length,
        ).toBeGreaterThan(5);
    },
    60_000,
  );

  it('books once when the email event is re-delivered and the modal is submitted twice at once', async () => {
    h = await startSlackHarness();
    const forwarded = await h.standIn.forwardEmail({
      channelId: OPS,
      userId: DANA,
      subject: 'Booking confirmed',
      from: 'Boatsetter <notifications@boatsetter.example.com>',
      plainText: EMAIL,
      date: 'Mon, 1 Mar 2027 10:00:00 -0800',
    });
    await h.slack.idle();
    // Slack re-delivers the same event (same file) when it thinks the first was missed.
    const file = (await h.slack.app.client.files.info({ file: forwarded.fileId })).file as Record<
      string,
      unknown
    >;
    const again = {
      type: 'message',
      subtype: 'file_share',
      channel: OPS,
      user: DANA,
      ts: forwarded.ts,
      files: [file],
    };
    await Promise.all(
      [1, 2, 3].map((retryNum) =>
        h.standIn.event(again, { retryNum, retryReason: 'http_timeout' }),
      ),
    );
    await h.slack.idle();
    const cards = h.standIn
      .messages(OPS)
      .filter((m) => buttonValue(m.blocks, ACTION_IDS.reviewApprove));
    expect(cards).toHaveLength(1);

    const draftId = buttonValue(cards[0]?.blocks, ACTION_IDS.reviewApprove) as string;
    await h.standIn.blockAction({
      userId: DANA,
      channelId: OPS,
      messageTs: cards[0]?.ts,
      actionId: ACTION_IDS.reviewApprove,
      blockId: BLOCK_IDS.cardActions,
      value: draftId,
    });
    await h.slack.idle();
    const modal = h.standIn.views().find((v) => v.view.callback_id === CALLBACK_IDS.approvalModal);
    const submits = await Promise.allSettled([
      h.standIn.viewSubmission({ userId: DANA, viewId: modal?.id as string, values: {} }),
      h.standIn.viewSubmission({ userId: DANA, viewId: modal?.id as string, values: {} }),
    ]);
    await h.slack.idle();

    expect(submits.some((s) => s.status === 'fulfilled')).toBe(true);
    expect(await h.runtime.store.listByTenant('queen-of-san-diego')).toHaveLength(1);
    const statusMessages = h.standIn
      .messages(OPS)
      .filter((m) => allText(m.blocks).includes('Avery') && m.user !== DANA && m.updates > 0);
    // The status message, and the review card marked approved (which keeps its summary).
    expect(statusMessages.map((m) => allText(m.blocks).includes(BLOCK_IDS.statusState))).toEqual([
      false,
      true,
    ]);
  }, 60_000);

  it('sets the charter up even when Slack refuses its status message', async () => {
    h = await startSlackHarness();
    const forwarded = await h.standIn.forwardEmail({
      channelId: OPS,
      userId: DANA,
      subject: 'Booking confirmed',
      from: 'Boatsetter <notifications@boatsetter.example.com>',
      plainText: EMAIL,
      date: 'Mon, 1 Mar 2027 10:00:00 -0800',
    });
    await h.slack.idle();
    const card = h.standIn
      .thread(OPS, forwarded.ts)
      .find((m) => buttonValue(m.blocks, ACTION_IDS.reviewApprove));
    await h.standIn.blockAction({
      userId: DANA,
      channelId: OPS,
      messageTs: card?.ts,
      actionId: ACTION_IDS.reviewApprove,
      blockId: BLOCK_IDS.cardActions,
      value: buttonValue(card?.blocks, ACTION_IDS.reviewApprove) as string,
    });
    await h.slack.idle();
    const modal = h.standIn.views().find((v) => v.view.callback_id === CALLBACK_IDS.approvalModal);
    // The next post (the status message) is refused; a queue would run the job again later.
    h.standIn.failNext('chat.postMessage', 'internal_error');
    await h.standIn.viewSubmission({ userId: DANA, viewId: modal?.id as string, values: {} });
    await h.slack.idle();

    const [booking] = await h.runtime.store.listByTenant('queen-of-san-diego');
    expect(booking?.status).toBe('active');
    expect(booking?.slack?.statusTs ?? null).toBeNull();
  }, 60_000);

  it('an approval job run again after its worker died books once and finishes the charter', async () => {
    h = await startSlackHarness();
    // The worker "dies" before running the approval: the job is kept, not run.
    const approvals: JobOf<'draft.approve'>[] = [];
    const enqueue = h.slack.deps.enqueue;
    h.slack.deps.enqueue = async (job) => {
      if (job.type === 'draft.approve') approvals.push(job);
      else await enqueue(job);
    };
    const forwarded = await h.standIn.forwardEmail({
      channelId: OPS,
      userId: DANA,
      subject: 'Booking confirmed',
      from: 'Boatsetter <notifications@boatsetter.example.com>',
      plainText: EMAIL.replace('Booking ID: 90999001\n', ''),
      date: 'Mon, 1 Mar 2027 10:00:00 -0800',
    });
    await h.slack.idle();
    const card = h.standIn
      .thread(OPS, forwarded.ts)
      .find((m) => buttonValue(m.blocks, ACTION_IDS.reviewApprove));
    await h.standIn.blockAction({
      userId: DANA,
      channelId: OPS,
      messageTs: card?.ts,
      actionId: ACTION_IDS.reviewApprove,
      blockId: BLOCK_IDS.cardActions,
      value: buttonValue(card?.blocks, ACTION_IDS.reviewApprove) as string,
    });
    await h.slack.idle();
    const modal = h.standIn.views().find((v) => v.view.callback_id === CALLBACK_IDS.approvalModal);
    await h.standIn.viewSubmission({ userId: DANA, viewId: modal?.id as string, values: {} });
    await h.slack.idle();
    const [job] = approvals as [JobOf<'draft.approve'>];
    expect(approvals).toHaveLength(1);

    // The first attempt claimed the draft (fixing its booking id), then its worker died.
    const claimed = await h.slack.deps.drafts.claimApproval(
      'queen-of-san-diego',
      job.draftId,
      job.claim,
      'BKDIEDAFTERCLAIM',
    );
    expect(claimed?.status).toBe('approving');
    // Another submission (its own claim) finds the draft taken and books nothing.
    await approveDraftJob(h.slack.jobDeps, h.slack.app.client, {
      ...job,
      claim: 'another-submission-claim',
    });
    expect(await h.runtime.store.listByTenant('queen-of-san-diego')).toHaveLength(0);
    // The queue delivers the job again (twice, as SQS may): it resumes under the same id.
    await approveDraftJob(h.slack.jobDeps, h.slack.app.client, job);
    await approveDraftJob(h.slack.jobDeps, h.slack.app.client, job);
    await h.slack.idle();

    const bookings = await h.runtime.store.listByTenant('queen-of-san-diego');
    expect(bookings.map((b) => [b.bookingId, b.status])).toEqual([['BKDIEDAFTERCLAIM', 'active']]);
    expect((await h.slack.deps.drafts.get('queen-of-san-diego', job.draftId))?.status).toBe(
      'approved',
    );
    const replies = h.standIn.thread(OPS, forwarded.ts);
    expect(replies.filter((m) => m.ts === bookings[0]?.slack?.statusTs)).toHaveLength(1);
    // One "Approved by" reply, and the review card marked approved once.
    expect(
      replies.filter((m) => /^:\+1: approved by|👍 Approved by/i.test(m.text ?? '')),
    ).toHaveLength(1);
    expect(
      replies.filter((m) => /^Approved: Avery Sampleton .*\(by <@/.test(m.text ?? '')),
    ).toHaveLength(1);
    expect(
      replies.filter(
        (m) =>
          allText(m.blocks).includes('Avery') &&
          allText(m.blocks).includes(BLOCK_IDS.statusState) &&
          m.user !== DANA &&
          m.updates > 0,
      ),
    ).toHaveLength(1);

    // A queue may deliver a thread event twice too (SQS thread.event jobs): still one reply.
    const done = (await h.runtime.store.listEvents('queen-of-san-diego', 'BKDIEDAFTERCLAIM')).find(
      (e) => e.type === 'pipeline_done',
    );
    expect(done?.seq).toBeGreaterThan(0);
    h.slack.deps.thread.onEvent('queen-of-san-diego', 'BKDIEDAFTERCLAIM', done as PipelineEvent);
    h.slack.deps.thread.onEvent('queen-of-san-diego', 'BKDIEDAFTERCLAIM', done as PipelineEvent);
    await h.slack.idle();
    const allDone = h.standIn
      .thread(OPS, forwarded.ts)
      .filter((m) => (m.text ?? '').startsWith('✅ All steps done'));
    expect(allDone).toHaveLength(1);
  }, 60_000);
});

describe('a confirmation already booked', () => {
  async function forwardAgain(plainText: string) {
    const forwarded = await h.standIn.forwardEmail({
      channelId: OPS,
      userId: DANA,
      subject: "Booking confirmed: Sea Breeze 32' Sportfish on Sat, Jun 5, 2027",
      from: 'Boatsetter <notifications@boatsetter.example.com>',
      plainText,
      date: 'Tue, 2 Mar 2027 10:00:00 -0800',
    });
    expect(forwarded.status).toBe(200);
    await h.slack.idle();
    const replies = h.standIn.thread(OPS, forwarded.ts).filter((m) => m.user !== DANA);
    expect(replies).toHaveLength(1);
    return replies[0] as (typeof replies)[number];
  }

  it('links the charter on file instead of a new review card, and applies only what differs', async () => {
    h = await startSlackHarness();
    const { threadTs, bookingId } = await forwardAndApprove();

    // The same email again (same marketplace id): nothing to approve, nothing to apply.
    const same = await forwardAgain(EMAIL);
    expect(same.text).toMatch(/^Already booked: Sea Breeze 32' Sportfish · Avery Sampleton · /);
    expect(buttonValue(same.blocks, ACTION_IDS.reviewApprove)).toBeUndefined();
    expect(buttonValue(same.blocks, ACTION_IDS.applyChanges)).toBeUndefined();
    expect(allText(same.blocks)).toContain(`/archives/${OPS}/p${threadTs.replace('.', '')}`);
    expect(allText(same.blocks)).toContain('Nothing in this email differs');
    expect(allText(same.blocks)).not.toContain(bookingId);
    // Dismiss pressed twice at once: the card is dismissed once; the late press is told so.
    const dismiss = () =>
      h.standIn.blockAction({
        userId: DANA,
        channelId: OPS,
        messageTs: same.ts,
        actionId: ACTION_IDS.reviewDismiss,
        blockId: BLOCK_IDS.cardActions,
        value: buttonValue(same.blocks, ACTION_IDS.reviewDismiss) as string,
      });
    await Promise.all([dismiss(), dismiss()]);
    await h.slack.idle();
    expect(h.standIn.messages(OPS).find((m) => m.ts === same.ts)?.text).toBe(
      `Dismissed by <@${DANA}>.`,
    );
    expect(
      h.standIn
        .messages(OPS)
        .filter((m) => m.ephemeralTo === DANA && /^Nothing to dismiss/.test(m.text ?? ''))
        .map((m) => m.text),
    ).toEqual(['Nothing to dismiss: this card was already dismissed.']);

    // No marketplace id, same boat, date and renter, two more guests: Apply changes, with why.
    const changed = await forwardAgain(
      EMAIL.replace('Booking ID: 90999001\n', '').replace('Guests: 4', 'Guests: 6'),
    );
    expect(allText(changed.blocks)).toContain('(same boat, date and renter)');
    expect(allText(changed.blocks)).toContain('*Guests:* 4 → 6');
    expect(buttonValue(changed.blocks, ACTION_IDS.reviewApprove)).toBeUndefined();
    const draftId = buttonValue(changed.blocks, ACTION_IDS.applyChanges) as string;
    expect(draftId).toMatch(/^DR/);
    // Pressed twice at once: applied once; the late press is told so.
    const apply = () =>
      h.standIn.blockAction({
        userId: DANA,
        channelId: OPS,
        messageTs: changed.ts,
        actionId: ACTION_IDS.applyChanges,
        blockId: BLOCK_IDS.cardActions,
        value: draftId,
      });
    await Promise.all([apply(), apply()]);
    await h.slack.idle();
    expect(
      h.standIn
        .messages(OPS)
        .filter((m) => m.ephemeralTo === DANA && /^Nothing to apply/.test(m.text ?? ''))
        .map((m) => m.text),
    ).toEqual(['Nothing to apply: this card was already applied.']);
    const bookings = await h.runtime.store.listByTenant('queen-of-san-diego');
    expect(bookings).toHaveLength(1);
    expect(bookings[0]?.details.partySize).toBe(6);
  }, 60_000);
});

describe('/charter', () => {
  it('opens the approval modal prefilled from the text', async () => {
    h = await startSlackHarness();

    const run = await h.standIn.slashCommand({
      command: '/charter',
      text: 'June 2 10am 3h $840.75 for Sam Lee party of 4',
      userId: DANA,
      channelId: OPS,
    });
    await h.slack.idle();

    expect(run.status).toBe(200);
    const modal = h.standIn.views().find((v) => v.view.callback_id === CALLBACK_IDS.approvalModal);
    expect(allText(modal?.view.blocks)).toContain('Sam Lee');
    expect(allText(modal?.view.blocks)).toContain('$289.41');
  });

  it('answers a line with nothing readable ephemerally, saying what was not understood', async () => {
    h = await startSlackHarness();

    const run = await h.standIn.slashCommand({
      command: '/charter',
      text: 'hello',
      userId: DANA,
      channelId: OPS,
    });
    await h.slack.idle();

    const body = JSON.parse(run.body) as { response_type: string; text: string };
    expect(body.response_type).toBe('ephemeral');
    expect(body.text).toContain(
      "Not understood: 'hello' — not part of a booking; try `/charter help`",
    );
    expect(h.standIn.views()).toHaveLength(0);
  });

  it('shows what a line did not understand at the top of the modal it opens', async () => {
    h = await startSlackHarness();

    await h.standIn.slashCommand({
      command: '/charter',
      text: 'June 2 10am 3h $840.75 for Sam Lee party of 4 yesterday hello',
      userId: DANA,
      channelId: OPS,
    });
    await h.slack.idle();

    const modal = h.standIn.views().find((v) => v.view.callback_id === CALLBACK_IDS.approvalModal);
    expect(allText(modal?.view.blocks)).toContain("Not understood: 'hello'");
    expect(allText(modal?.view.blocks)).toContain(
      "'June 2' and 'yesterday' are two different dates",
    );
  });

  it('names the charter by boat, renter and time in /charter status, and points at /charter list for an unknown id', async () => {
    h = await startSlackHarness();
    const { bookingId } = await forwardAndApprove();

    for (const text of [`status ${bookingId}`, 'status BKNOPE'])
      await h.standIn.slashCommand({ command: '/charter', text, userId: DANA, channelId: OPS });
    await h.slack.idle();

    const replies = h.standIn
      .messages(OPS)
      .filter((m) => m.ephemeralTo === DANA && /has the details|No booking/.test(m.text ?? ''))
      .map((m) => m.text ?? '');
    expect(replies).toHaveLength(2);
    expect(replies[0]).toMatch(/^Sea Breeze 32' Sportfish · .+ · .+ P[DS]T: active\. /);
    expect(replies[0]).not.toContain(bookingId);
    expect(replies[1]).toContain('No booking "BKNOPE"');
    expect(replies[1]).toContain('`/charter list` shows each upcoming charter with its id');
    expect(replies[1]).not.toContain('deckhand list --tenant');
  }, 60_000);

  it('answers help to the caller only, and refuses someone who may not approve', async () => {
    h = await startSlackHarness();

    const help = await h.standIn.slashCommand({
      command: '/charter',
      text: 'help',
      userId: STRANGER,
      channelId: OPS,
    });
    const refused = await h.standIn.slashCommand({
      command: '/charter',
      text: 'June 2 10am 3h $500',
      userId: STRANGER,
      channelId: OPS,
    });

    expect(JSON.parse(help.body)).toMatchObject({ response_type: 'ephemeral' });
    expect(JSON.parse(refused.body).response_type).toBe('ephemeral');
    expect(refused.body).toMatch(/approve/i);
    expect(h.standIn.views()).toHaveLength(0);
  });
});

describe('requests that are not from Slack', () => {
  it('refuses forged and stale signatures with 401 and does nothing', async () => {
    h = await startSlackHarness();
    const body =
      'command=%2Fcharter&text=help&user_id=U0DANAOPS&channel_id=C0QSDOPS&team_id=T0DECKHAND&trigger_id=1';
    const now = Math.floor(Date.now() / 1000);
    const forged = await fetch(`${h.runtime.httpUrl}/slack/events`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        'x-slack-request-timestamp': String(now),
        'x-slack-signature': 'v0=deadbeef',
      },
      body,
    });
    const unsigned = await fetch(`${h.runtime.httpUrl}/slack/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body,
    });

    expect(forged.status).toBe(401);
    expect(unsigned.status).toBe(401);
    // "Does nothing": the app made no Web API call for either request.
    expect(h.standIn.calls.filter((c) => c.method !== 'auth.test')).toEqual([]);
  });
});

describe('replayed requests', () => {
  it('refuses a correctly signed request whose timestamp is over five minutes old', async () => {
    const { signSlackRequest } = await import('@deckhand/slack-standin');
    h = await startSlackHarness();
    const body =
      'command=%2Fcharter&text=help&user_id=U0DANAOPS&channel_id=C0QSDOPS&team_id=T0DECKHAND&trigger_id=1';
    const old = Math.floor(Date.now() / 1000) - 6 * 60;

    const replayed = await fetch(`${h.runtime.httpUrl}/slack/events`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        'x-slack-request-timestamp': String(old),
        'x-slack-signature': signSlackRequest('test-signing-secret', body, old),
      },
      body,
    });

    expect(replayed.status).toBe(401);
  });
});
