/**
 * Local mode's workspace API over real HTTP, wired as `deckhand serve` wires it with no Slack
 * credentials: the page and its CSP, the server-sent events, forwarding a sample, /charter,
 * ephemeral answers seen only by their person, modal validation, refusals of bad input and of
 * requests from other sites, and the local credentials kept in secrets.json.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/config.ts';
import { type LocalSlack, startLocalSlack } from '../../src/local-mode/local-mode.ts';
import { createLogger } from '../../src/logging/logger.ts';
import { createRuntime, type DeckhandRuntime } from '../../src/runtime/deckhand-runtime.ts';
import { loadStandInCredentials } from '../../src/runtime/local-secrets.ts';
import {
  createSlackApp,
  lateSlackRoute,
  type SlackAppHandle,
  slackCrewNotifier,
} from '../../src/slack/create-slack-app.ts';
import { loadTenantsFile } from '../../src/tenants/tenant-registry.ts';
import { ACTION_IDS, BLOCK_IDS } from '../../views/block-ids.ts';

const OPS = 'C0QSDOPS';
const DANA = 'U0DANAOPS';
const KAI = 'U0KAISAMP';

let dataDir = '';
let local: LocalSlack;
let runtime: DeckhandRuntime;
let slack: SlackAppHandle;
let url = '';

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'deckhand-standin-ui-'));
  const config = loadConfig({
    DECKHAND_DATA_DIR: dataDir,
    DECKHAND_TABLE: 'deckhand-test',
    LOG_LEVEL: 'silent',
  });
  const tenants = await loadTenantsFile(config.tenantsFile);
  const logger = createLogger('error', process.stderr as unknown as Writable);
  local = await startLocalSlack(config, tenants, logger);
  const route = lateSlackRoute();
  runtime = await createRuntime(config, tenants, {
    serve: false,
    logger,
    routes: [route, ...local.routes],
    crewNotifiers: [local.crewNotifier],
    retry: { retries: 2, minTimeoutMs: 5, maxTimeoutMs: 20 },
  });
  url = runtime.httpUrl;
  const slackConfig = local.attach(url, slackCrewNotifier);
  slack = (await createSlackApp(slackConfig, tenants, runtime.slackPorts, {
    logger,
    route,
    postIntervalMs: 0,
    coalesceMs: 20,
  })) as SlackAppHandle;
}, 60_000);

afterAll(async () => {
  await slack?.idle();
  await slack?.stop();
  local?.close();
  await runtime?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${url}/standin/ui/${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });

interface UiMessage {
  ts: string;
  threadTs: string | null;
  text: string;
  blocks: { block_id?: string; elements?: { action_id?: string; value?: string }[] }[] | null;
  ephemeral: boolean;
}

async function state(as: string, channel = OPS) {
  const response = await fetch(`${url}/standin/ui/state?as=${as}&channel=${channel}`);
  return (await response.json()) as {
    me: string;
    messages: UiMessage[];
    modal: { id: string; blocks: { block_id: string; type: string }[] } | null;
    conversations: { id: string; kind: string }[];
  };
}

/** Reads server-sent events until `count` change events arrived. */
async function changeEvents(count: number, during: () => Promise<void>): Promise<string[]> {
  const controller = new AbortController();
  const response = await fetch(`${url}/standin/ui/events`, { signal: controller.signal });
  expect(response.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
  const reader = (response.body as ReadableStream<Uint8Array>).getReader();
  const decoder = new TextDecoder();
  const events: string[] = [];
  let buffer = '';
  let started = false;
  try {
    while (events.length < count) {
      const { value, done } = await reader.read();
      if (done) break;
      buffer += decoder.decode(value, { stream: true });
      for (;;) {
        const end = buffer.indexOf('\n\n');
        if (end === -1) break;
        const event = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        if (event.includes('event: change')) events.push(event);
      }
      // The first event says the current version; act once the stream is open.
      if (!started) {
        started = true;
        await during();
      }
    }
  } finally {
    controller.abort();
  }
  return events;
}

describe('the workspace page', () => {
  it('is served at / with a strict Content-Security-Policy, and so are its assets', async () => {
    const page = await fetch(`${url}/`);
    const csp = page.headers.get('content-security-policy') ?? '';
    const html = await page.text();
    const script = await fetch(`${url}/standin/ui/assets/workspace.js`);

    expect(page.status).toBe(200);
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(html).not.toMatch(/<script>|\sstyle=|\son[a-z]+=/);
    expect(script.status).toBe(200);
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect((await fetch(`${url}/standin/ui/assets/..%2Fworkspace-routes.ts`)).status).toBe(404);
  });
});

describe('the workspace API', () => {
  it('forwards a sample email as a file_share and streams a change as deckhand answers', async () => {
    let forwarded: { ok: boolean; ts: string } | undefined;
    // The first event gives the current version; the forward is the next change. (The card may
    // come in the same batched event or a later one, so the test waits for deckhand instead.)
    const events = await changeEvents(2, async () => {
      const response = await post('forward', {
        as: DANA,
        channel: OPS,
        sample: '01-boatsetter-confirmed.eml',
      });
      forwarded = (await response.json()) as { ok: boolean; ts: string };
    });
    await slack.idle();

    expect(events[0]).toMatch(/^retry: 1000\nevent: change\ndata: \{"version":\d+\}$/);
    expect(forwarded?.ok).toBe(true);
    const { messages } = await state(DANA);
    const email = messages.find((m) => m.ts === forwarded?.ts);
    expect(email).toMatchObject({ threadTs: null, text: '' });
    const card = messages.find((m) => m.threadTs === forwarded?.ts);
    expect(JSON.stringify(card?.blocks)).toContain('$289.41');
  });

  it('sends /charter as a signed slash command; the answer is only visible to who typed it', async () => {
    const response = await post('message', { as: DANA, channel: OPS, text: '/charter help' });
    await slack.idle();

    expect(response.status).toBe(200);
    const seenByDana = (await state(DANA)).messages.filter((m) => m.ephemeral);
    const seenByKai = (await state(KAI)).messages.filter((m) => m.ephemeral);
    expect(seenByDana.length).toBeGreaterThan(0);
    expect(JSON.stringify(seenByDana.at(-1))).toMatch(/charter/i);
    expect(seenByKai).toEqual([]);
  });

  it('answers a mistyped command as Slack does, only to who typed it, and no HTTP error', async () => {
    const response = await post('message', { as: DANA, channel: OPS, text: '/chartr help' });
    await slack.idle();

    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ok: true });
    const seenByDana = (await state(DANA)).messages.filter((m) => m.ephemeral);
    expect(JSON.stringify(seenByDana.at(-1))).toContain('/chartr is not a valid command.');
    expect(JSON.stringify(seenByDana.at(-1))).toContain('USLACKBOT');
    expect((await state(KAI)).messages.filter((m) => m.ephemeral)).toEqual([]);
  });

  it('opens the approval modal from the card, shows errors on its fields, and closes it', async () => {
    const card = (await state(DANA)).messages.find((m) =>
      JSON.stringify(m.blocks ?? []).includes(ACTION_IDS.reviewApprove),
    ) as UiMessage;
    const button = card.blocks
      ?.find((b) => b.block_id === BLOCK_IDS.cardActions)
      ?.elements?.find((e) => e.action_id === ACTION_IDS.reviewApprove);
    const opened = await post('action', {
      as: DANA,
      channel: OPS,
      messageTs: card.ts,
      blockId: BLOCK_IDS.cardActions,
      actionId: ACTION_IDS.reviewApprove,
      value: button?.value,
    });
    await slack.idle();
    expect(opened.status).toBe(200);
    const modal = (await state(DANA)).modal;
    expect(modal).not.toBeNull();
    expect((await state(KAI)).modal).toBeNull();

    // A required input emptied: Slack's client would not send it; the stand-in says why.
    const dateBlock = modal?.blocks.find((b) => b.block_id === BLOCK_IDS.approvalDate);
    const empty = await post('submit', {
      as: DANA,
      viewId: modal?.id,
      values: { [dateBlock?.block_id ?? '']: { [ACTION_IDS.approvalDate]: null } },
    });
    expect(empty.status).toBe(422);
    expect(((await empty.json()) as { error: string }).error).toContain(
      'required input left empty',
    );

    // A date in the past: deckhand answers response_action errors, shown on the field.
    const past = await post('submit', {
      as: DANA,
      viewId: modal?.id,
      values: { [BLOCK_IDS.approvalDate]: { [ACTION_IDS.approvalDate]: '2020-01-01' } },
    });
    await slack.idle();
    const answer = (await past.json()) as { ok: boolean; errors: Record<string, string> };
    expect(answer.ok).toBe(false);
    expect(Object.keys(answer.errors)).toContain(BLOCK_IDS.approvalDate);
    expect((await state(DANA)).modal?.id).toBe(modal?.id);

    const closed = await post('close', { as: DANA, viewId: modal?.id });
    expect(closed.status).toBe(200);
    expect((await state(DANA)).modal).toBeNull();
  });

  it('refuses bad input with what to fix', async () => {
    const unknown = await post('forward', { as: DANA, channel: OPS, sample: '../secrets.json' });
    const both = await post('forward', { as: DANA, channel: OPS });
    const blank = await post('message', { as: DANA, channel: OPS, text: '   ' });
    const nobody = await post('message', { as: 'nobody', channel: OPS, text: 'hi' });

    expect(unknown.status).toBe(400);
    expect(((await unknown.json()) as { error: string }).error).toBe(
      'There is no sample "../secrets.json"; pick one of 01-boatsetter-confirmed.eml, 02-boatsetter-time-changed.eml, 03-boatsetter-cancelled.eml.',
    );
    expect(((await both.json()) as { error: string }).error).toContain(
      'pick a sample or paste an email',
    );
    expect(((await blank.json()) as { error: string }).error).toBe('text: type a message');
    expect(((await nobody.json()) as { error: string }).error).toContain('a Slack user id');
  });

  it('refuses requests another site could make: forms and foreign origins', async () => {
    const form = await fetch(`${url}/standin/ui/message`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'as=U0DANAOPS&channel=C0QSDOPS&text=hi',
    });
    const foreign = await post(
      'message',
      { as: DANA, channel: OPS, text: 'hi' },
      { origin: 'http://evil.example' },
    );

    expect(form.status).toBe(403);
    expect(foreign.status).toBe(403);
  });

  it('shows a file the app uploads to a DM (name, size, a download link serving its bytes)', async () => {
    const dm = await slack.app.client.conversations.open({ users: DANA });
    const channel = dm.channel?.id ?? '';
    const csv = 'date,boat,net\n2026-05-30,Sea Breeze,1234.50\n';
    await slack.app.client.files.uploadV2({
      channel_id: channel,
      content: csv,
      filename: 'charters.csv',
      title: 'Charters',
      initial_comment: 'Your report',
    });

    const shown = (await state(DANA, channel)).messages.at(-1) as unknown as {
      text: string;
      files: { kind: string; name: string; title: string; size: number; url: string }[];
    };
    expect(shown.text).toBe('Your report');
    expect(shown.files).toEqual([
      {
        id: expect.stringMatching(/^F/),
        kind: 'upload',
        name: 'charters.csv',
        title: 'Charters',
        size: Buffer.byteLength(csv),
        mimetype: 'text/csv',
        url: expect.stringContaining(`${url}/standin/files/`),
      },
    ]);
    // Through deckhand's own server, as the workspace page's link opens it.
    const download = await fetch(shown.files[0]?.url ?? '');
    expect(download.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(await download.text()).toBe(csv);
  });

  it('keeps the stand-in credentials in secrets.json next to the other local secrets', async () => {
    const stored = JSON.parse(readFileSync(join(dataDir, 'secrets.json'), 'utf8'));

    expect(stored.slackBotToken).toMatch(/^xoxb-local-/);
    expect(stored.slackSigningSecret).toMatch(/^[0-9a-f]{64}$/);
    // The dashboard token written before the stand-in's credentials is still there, untouched.
    expect(stored.dashboardToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(await loadStandInCredentials(dataDir)).toEqual({
      slackSigningSecret: stored.slackSigningSecret,
      slackBotToken: stored.slackBotToken,
    });
  });
});
