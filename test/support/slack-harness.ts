/**
 * deckhand's Slack app over real signed HTTP (or Socket Mode: `transport: 'socket'`), against the
 * Slack stand-in as its Web API, on the embedded stores in a temporary data folder.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Writable } from 'node:stream';
import { type SlackStandIn, startSlackStandIn } from '@deckhand/slack-standin';
import { loadConfig } from '../../src/config/config.ts';
import { FaultInjector } from '../../src/faults/fault-injector.ts';
import { createLogger } from '../../src/logging/logger.ts';
import { createRuntime, type DeckhandRuntime } from '../../src/runtime/deckhand-runtime.ts';
import {
  createSlackApp,
  lateSlackRoute,
  type SlackAppHandle,
  slackCrewNotifier,
} from '../../src/slack/create-slack-app.ts';
import type { WorkspaceInstallers } from '../../src/slack/workspace-installers.ts';
import { loadTenantsFile } from '../../src/tenants/tenant-registry.ts';

export const OPS = 'C0QSDOPS';
export const DANA = 'U0DANAOPS';
export const KAI = 'U0KAISAMP';
export const STRANGER = 'U0STRANGE';

/** How the stand-in reaches the app: signed HTTP POSTs, or envelopes over Socket Mode. */
export type SlackTransport = 'http' | 'socket';
export const TRANSPORTS: readonly SlackTransport[] = ['http', 'socket'];
const APP_TOKEN = 'xapp-1-A0DECKHAND-test-app-token';

export interface SlackHarness {
  standIn: SlackStandIn;
  runtime: DeckhandRuntime;
  slack: SlackAppHandle;
  dataDir: string;
  /** The stand-in's fault rules (DECKHAND_FAULTS' `slack` rules); tests may replace them. */
  standInFaults: FaultInjector;
  close(): Promise<void>;
}

export async function startSlackHarness(
  options: {
    now?: () => number;
    /** The thread's post spacing and coalescing; tests default to 0 and 20 ms (production: 1 s, 300 ms). */
    postIntervalMs?: number;
    coalesceMs?: number;
    /** More people and channels in the stand-in's workspace (e.g. a second tenant's approvers). */
    extraUsers?: { id: string; name: string; realName?: string }[];
    extraChannels?: { id: string; name: string }[];
    /** More settings, e.g. DECKHAND_FAULTS (its `slack` rules apply to the stand-in). */
    env?: Record<string, string>;
    /** Default 'http'. 'socket': SLACK_APP_TOKEN set, no signing secret, nothing over HTTP. */
    transport?: SlackTransport;
    /** Socket Mode: how long the stand-in waits for an ack before re-delivering (Slack: 3 s). */
    socketAckTimeoutMs?: number;
    /** Socket Mode: re-deliveries before the stand-in gives an envelope up (Slack: 3). */
    socketMaxRetries?: number;
    /** Who installed deckhand into each workspace (the OAuth install's store, faked). */
    installers?: WorkspaceInstallers;
  } = {},
): Promise<SlackHarness> {
  // The stand-in starts first (the app needs its URL): it gets its rules once config is read.
  const standInFaults = new FaultInjector();
  const signingSecret = 'test-signing-secret';
  const botToken = 'xoxb-test-token';
  const socket = options.transport === 'socket';
  const standIn = await startSlackStandIn({
    ...(socket
      ? {
          appToken: APP_TOKEN,
          socketAckTimeoutMs: options.socketAckTimeoutMs ?? 3_000,
          ...(options.socketMaxRetries === undefined
            ? {}
            : { socketMaxRetries: options.socketMaxRetries }),
        }
      : {}),
    signingSecret,
    botToken,
    teamId: 'T0DECKHAND',
    users: [
      { id: DANA, name: 'dana', realName: 'Dana Skipperson' },
      { id: KAI, name: 'kai', realName: 'Kai Sampleson' },
      { id: 'U0CAPTROSA', name: 'rosa', realName: 'Rosa Exampleton' },
      { id: 'U0MARCOEX', name: 'marco', realName: 'Marco Exemplo' },
      { id: STRANGER, name: 'stranger', realName: 'Not An Approver' },
      ...(options.extraUsers ?? []),
    ],
    channels: [{ id: OPS, name: 'charters' }, ...(options.extraChannels ?? [])],
    ...(options.now ? { now: options.now } : {}),
    faults: standInFaults,
  });
  const dataDir = mkdtempSync(join(tmpdir(), 'deckhand-slack-'));
  const config = loadConfig({
    DECKHAND_DATA_DIR: dataDir,
    DECKHAND_TABLE: 'deckhand-test',
    LOG_LEVEL: 'silent',
    ...(socket ? { SLACK_APP_TOKEN: APP_TOKEN } : { SLACK_SIGNING_SECRET: signingSecret }),
    SLACK_BOT_TOKEN: botToken,
    SLACK_API_URL: standIn.apiUrl,
    ...options.env,
  });
  standInFaults.setRules(config.faults.filter((rule) => rule.target === 'slack'));
  const tenants = await loadTenantsFile(config.tenantsFile);
  // Errors are shown: a listener that fails would otherwise fail the test with no reason.
  const logger = createLogger('error', process.stderr as unknown as Writable);
  const route = lateSlackRoute();
  const dm = slackCrewNotifier(config);
  const runtime = await createRuntime(config, tenants, {
    serve: false,
    logger,
    routes: [route],
    ...(dm ? { crewNotifiers: [dm] } : {}),
    retry: { retries: 2, minTimeoutMs: 5, maxTimeoutMs: 20 },
    ...(options.now ? { clock: () => new Date((options.now as () => number)()) } : {}),
  });
  const slack = (await createSlackApp(config, tenants, runtime.slackPorts, {
    logger,
    route,
    postIntervalMs: options.postIntervalMs ?? 0,
    coalesceMs: options.coalesceMs ?? 20,
    // A reconnect waits this long (default 5 s): tests that drop the socket stay quick. Not
    // shorter: a pong later than this (a busy event loop) makes the client reconnect.
    socketPingTimeoutMs: 1_000,
    ...(options.installers ? { installers: options.installers } : {}),
  })) as SlackAppHandle;
  if (!socket) standIn.setAppUrl(`${runtime.httpUrl}/slack/events`);
  return {
    standIn,
    runtime,
    slack,
    dataDir,
    standInFaults,
    async close() {
      await slack.idle();
      await slack.stop();
      await runtime.close();
      await standIn.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
