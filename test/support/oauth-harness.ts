/**
 * deckhand with OAuth installs (SLACK_CLIENT_ID/SECRET, SLACK_STATE_SECRET) against the OAuth
 * stand-in with two workspaces: Queen of San Diego's (T0DECKHAND: Dana, #charters) and Reef
 * Runner's (T0REEFRUN: Morgan, #reef), each a tenant of the example tenants file (the second
 * moved to its own workspace). Nothing is installed at the start.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { type OAuthStandIn, type OAuthTeam, startOAuthStandIn } from '@deckhand/slack-standin';
import { EXAMPLE_TENANTS_FILE, loadConfig } from '../../src/config/config.ts';
import { sampleEmails } from '../../src/local-mode/email-samples.ts';
import { createLogger } from '../../src/logging/logger.ts';
import { createRuntime, type DeckhandRuntime } from '../../src/runtime/deckhand-runtime.ts';
import {
  createSlackApp,
  lateSlackRoute,
  type SlackAppHandle,
} from '../../src/slack/create-slack-app.ts';
import { lateOAuthRoute } from '../../src/slack/slack-oauth.ts';
import { loadTenantsFile } from '../../src/tenants/tenant-registry.ts';

export const QUEEN_TEAM = 'T0DECKHAND';
export const REEF_TEAM = 'T0REEFRUN';
export const QUEEN_OPS = 'C0QSDOPS';
export const REEF_OPS = 'C0REEFOPS';
export const DANA = 'U0DANAOPS';
export const MORGAN = 'U0MORGANT';
export const CLIENT_ID = '1111111111.2222222222';
export const CLIENT_SECRET = 'oauth-test-client-secret';

export interface OAuthHarness {
  standIn: OAuthStandIn & { baseUrl: string; apiUrl: string };
  runtime: DeckhandRuntime;
  slack: SlackAppHandle;
  dataDir: string;
  /** Every log line, parsed: what deckhand said about installs and refusals. */
  logs: Record<string, unknown>[];
  close(): Promise<void>;
}

export interface OAuthHarnessOptions {
  /** Another tenants file (default: the example's, the second tenant in Reef Runner's workspace). */
  tenantsFile?: string;
  /** Other workspaces (default: Queen of San Diego's and Reef Runner's, as below). */
  teams?: OAuthTeam[];
  /** The browser workspace's "Forward an email" reads pasted messages as local mode does. */
  localEmails?: boolean;
}

export async function startOAuthHarness(options: OAuthHarnessOptions = {}): Promise<OAuthHarness> {
  const signingSecret = 'oauth-test-signing-secret';
  const standIn = await startOAuthStandIn({
    signingSecret,
    app: { clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, name: 'deckhand' },
    ...(options.localEmails ? { ui: { emails: sampleEmails('UTC') } } : {}),
    teams: options.teams ?? [
      {
        teamId: QUEEN_TEAM,
        teamName: 'Queen of San Diego',
        users: [
          { id: DANA, name: 'dana', realName: 'Dana Skipperson' },
          { id: 'U0CAPTROSA', name: 'rosa', realName: 'Rosa Exampleton' },
        ],
        channels: [{ id: QUEEN_OPS, name: 'charters' }],
      },
      {
        teamId: REEF_TEAM,
        teamName: 'Reef Runner Charters',
        users: [{ id: MORGAN, name: 'morgan', realName: 'Morgan Tideman' }],
        channels: [{ id: REEF_OPS, name: 'reef' }],
      },
    ],
  });
  const dataDir = mkdtempSync(join(tmpdir(), 'deckhand-oauth-'));
  // The example tenants, the second in a workspace of its own.
  const tenantsText = readFileSync(EXAMPLE_TENANTS_FILE, 'utf8');
  const second = tenantsText.indexOf(
    'teamId: T0DECKHAND',
    tenantsText.indexOf('teamId: T0DECKHAND') + 1,
  );
  const tenantsFile = options.tenantsFile ?? join(dataDir, 'tenants.yml');
  if (!options.tenantsFile)
    writeFileSync(
      tenantsFile,
      `${tenantsText.slice(0, second)}teamId: ${REEF_TEAM}${tenantsText.slice(second + 'teamId: T0DECKHAND'.length)}`,
    );
  const config = loadConfig({
    DECKHAND_DATA_DIR: dataDir,
    DECKHAND_TABLE: 'deckhand-test',
    DECKHAND_TENANTS_FILE: tenantsFile,
    LOG_LEVEL: 'silent',
    SLACK_SIGNING_SECRET: signingSecret,
    SLACK_CLIENT_ID: CLIENT_ID,
    SLACK_CLIENT_SECRET: CLIENT_SECRET,
    SLACK_STATE_SECRET: 'oauth-test-state-secret-of-32-chars-or-more',
    SLACK_API_URL: standIn.apiUrl,
  });
  const tenants = await loadTenantsFile(config.tenantsFile);
  const logs: Record<string, unknown>[] = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split('\n').filter(Boolean)) {
        const parsed = JSON.parse(line) as Record<string, unknown>;
        logs.push(parsed);
        if (Number(parsed.level) >= 50) process.stderr.write(`${line}\n`);
      }
      done();
    },
  });
  const logger = createLogger('info', sink);
  const route = lateSlackRoute();
  const oauthRoute = lateOAuthRoute();
  const runtime = await createRuntime(config, tenants, {
    serve: false,
    logger,
    routes: [route, oauthRoute],
    retry: { retries: 2, minTimeoutMs: 5, maxTimeoutMs: 20 },
  });
  const slack = (await createSlackApp(config, tenants, runtime.slackPorts, {
    logger,
    route,
    oauthRoute,
    baseUrl: runtime.httpUrl,
    postIntervalMs: 0,
    coalesceMs: 20,
  })) as SlackAppHandle;
  standIn.setAppUrl(`${runtime.httpUrl}/slack/events`);
  return {
    standIn,
    runtime,
    slack,
    dataDir,
    logs,
    async close() {
      await slack.idle();
      await slack.stop();
      await runtime.close();
      await standIn.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
