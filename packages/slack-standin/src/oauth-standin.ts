/**
 * Slack with OAuth v2 installs and several workspaces: an authorize page
 * (`/oauth/v2/authorize?client_id&scope&state&redirect_uri`) showing the app, its scopes and the
 * workspace, with **Allow** (→ redirect with `code` and `state`) and **Cancel** (→
 * `error=access_denied`); `oauth.v2.access` (client id and secret checked, a code used once and
 * good for ten minutes, answered as Slack answers); `apps.uninstall` and `removeApp`, which send
 * the app `tokens_revoked` and `app_uninstalled`. Each workspace is a stand-in of its own
 * (createSlackStandInCore: its people, channels, messages and views); the Web API routes a call
 * to the workspace whose installed bot token it carries, so each workspace's token works only
 * there, and a token of a removed install answers `token_revoked`.
 *
 * Each workspace's own routes (response URLs, file uploads and downloads) live under
 * `/t/<team id>/`, so an answer reaches the workspace that handed out the URL. The browser
 * workspace (`/`, `/standin/ui/`) has one page per workspace (`?team=…`) and a switcher.
 *
 * The single-workspace stand-in (startSlackStandIn, local mode) is unchanged.
 */
import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { SlackStandInCore } from './slack-standin.ts';
import { createSlackStandInCore } from './slack-standin.ts';
import { SILENT_LOGGER, type StandInLogger } from './standin-logger.ts';
import {
  jsonResponse,
  listen,
  type StandInHandler,
  type StandInRequest,
  stop,
} from './standin-server.ts';
import type { SlackStandIn, StandInOptions } from './standin-types.ts';
import type { EmailSource } from './ui/email-source.ts';
import { createMultiWorkspaceUi } from './ui/multi-workspace-ui.ts';
import type { Outbox } from './ui/outbox.ts';
import type { WorkspaceUi } from './ui/workspace-routes.ts';
import { readWebApiCall } from './web-api-args.ts';

export interface OAuthTeam {
  teamId: string;
  teamName: string;
  /** Set: the workspace belongs to this Enterprise Grid org. */
  enterpriseId?: string;
  /** Who clicks Allow; default the first user. */
  installerId?: string;
  botUserId?: string;
  users: NonNullable<StandInOptions['users']>;
  channels: NonNullable<StandInOptions['channels']>;
}

export interface OAuthApp {
  clientId: string;
  clientSecret: string;
  appId?: string;
  name?: string;
  /** Redirect URLs the app registered; empty: any http(s) URL (tests). */
  redirectUrls?: string[];
}

export interface OAuthStandInOptions {
  signingSecret: string;
  app: OAuthApp;
  teams: OAuthTeam[];
  appUrl?: string;
  now?: () => number;
  /** The browser workspace's extras, as createWorkspaceUi takes them. */
  ui?: { appName?: string; emails?: EmailSource; outbox?: Outbox; logger?: StandInLogger };
  /** Keep a bounded call record per workspace (local mode). */
  keepCalls?: number;
}

export interface Installed {
  teamId: string;
  botToken: string;
  scopes: string[];
  installerId: string;
}

export interface OAuthStandIn {
  handle: StandInHandler;
  setBaseUrl(url: string): void;
  setAppUrl(url: string): void;
  /** One workspace's stand-in: its messages and calls, and signed requests from it to the app. */
  team(teamId: string): Omit<SlackStandIn, 'apiUrl' | 'close'>;
  installation(teamId: string): Installed | undefined;
  /**
   * A code as Slack issues it when someone clicks Allow (the browser does this through the
   * page; hostile tests use it directly, e.g. a code for another app).
   */
  issueCode(input: {
    teamId: string;
    clientId?: string;
    scopes: string[];
    redirectUri: string;
  }): string;
  /** "Remove app" in the workspace: the token stops working, then tokens_revoked and app_uninstalled go to the app. */
  removeApp(teamId: string): Promise<{ revoked: number; uninstalled: number }>;
  /** One workspace's core (its people, conversations and views), e.g. to keep it in a file. */
  core(teamId: string): SlackStandInCore;
  /** The browser workspace: `ui.handle(request, path)` for `/` and `/standin/ui/*`. */
  ui: WorkspaceUi;
  /**
   * Takes the requests that need the raw request: the page's event stream and each workspace's
   * file transfers (`/t/<team>/upload/…`, `/t/<team>/files/…`); true when it answered.
   */
  raw(req: IncomingMessage, res: ServerResponse, path: string): boolean;
  /** Ends the page's event streams. */
  close(): void;
}

const CODE_MS = 10 * 60 * 1000;

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function html(status: number, title: string, body: string, headers: Record<string, string> = {}) {
  return {
    status,
    headers: {
      'content-type': 'text/html; charset=utf-8',
      'cache-control': 'no-store',
      ...headers,
    },
    body: `<!doctype html><html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>${escapeHtml(title)}</title><style>body{font-family:system-ui,sans-serif;max-width:34rem;margin:3rem auto;padding:0 1rem}button{font-size:1rem;padding:.5rem 1.2rem;margin-right:.5rem}li{margin:.2rem 0}</style></head><body>${body}</body></html>`,
  };
}

export function createOAuthStandIn(options: OAuthStandInOptions): OAuthStandIn {
  const now = options.now ?? Date.now;
  const app = { appId: 'A0DECKHAND', name: 'deckhand', redirectUrls: [], ...options.app };
  const teams = new Map<
    string,
    { team: OAuthTeam; core: SlackStandInCore; internalToken: string; botUserId: string }
  >();
  for (const team of options.teams) {
    const internalToken = `xoxb-internal-${randomBytes(12).toString('hex')}`;
    const botUserId = team.botUserId ?? 'U0DECKBOT';
    const core = createSlackStandInCore({
      signingSecret: options.signingSecret,
      botToken: internalToken,
      teamId: team.teamId,
      botUserId,
      users: team.users,
      channels: team.channels,
      now,
      ...(options.appUrl ? { appUrl: options.appUrl } : {}),
      ...(options.keepCalls === undefined ? {} : { keepCalls: options.keepCalls }),
    });
    teams.set(team.teamId, { team, core, internalToken, botUserId });
  }
  const ui = createMultiWorkspaceUi({
    appName: options.ui?.appName ?? app.name,
    logger: options.ui?.logger ?? SILENT_LOGGER,
    ...(options.ui?.emails ? { emails: options.ui.emails } : {}),
    ...(options.ui?.outbox ? { outbox: options.ui.outbox } : {}),
    workspaces: [...teams.values()].map(({ team, core }) => ({
      teamId: team.teamId,
      teamName: team.teamName,
      core,
      defaultUser: team.installerId ?? team.users[0]?.id ?? 'U0INSTALLER',
      defaultChannel: team.channels[0]?.id ?? '',
    })),
  });
  const installs = new Map<string, Installed>();
  const revoked = new Set<string>();
  const codes = new Map<
    string,
    {
      teamId: string;
      clientId: string;
      scopes: string[];
      redirectUri: string;
      expires: number;
      installerId: string;
    }
  >();

  const teamOf = (teamId: string) => {
    const found = teams.get(teamId);
    if (!found) throw new Error(`The OAuth stand-in has no workspace ${teamId}`);
    return found;
  };

  const issueCode: OAuthStandIn['issueCode'] = (input) => {
    const { team } = teamOf(input.teamId);
    const code = `${Date.now()}.${randomBytes(16).toString('hex')}`;
    codes.set(code, {
      teamId: input.teamId,
      clientId: input.clientId ?? app.clientId,
      scopes: input.scopes,
      redirectUri: input.redirectUri,
      expires: now() + CODE_MS,
      installerId: team.installerId ?? team.users[0]?.id ?? 'U0INSTALLER',
    });
    return code;
  };

  const redirectAllowed = (url: string) =>
    /^https?:\/\//.test(url) && (app.redirectUrls.length === 0 || app.redirectUrls.includes(url));

  const authorizePage = (request: StandInRequest) => {
    const q = request.query;
    const clientId = q.get('client_id') ?? '';
    const redirectUri = q.get('redirect_uri') ?? '';
    const scopes = (q.get('scope') ?? '').split(',').filter(Boolean);
    if (clientId !== app.clientId)
      return html(400, 'Something went wrong', '<h1>Invalid client_id parameter</h1>');
    if (!redirectAllowed(redirectUri))
      return html(
        400,
        'Something went wrong',
        '<h1>redirect_uri did not match any configured URIs</h1>',
      );
    if (scopes.length === 0)
      return html(400, 'Something went wrong', '<h1>Invalid permissions requested</h1>');
    const wanted = q.get('team');
    const options = [...teams.values()]
      .map(
        ({ team }) =>
          `<option value="${escapeHtml(team.teamId)}"${team.teamId === wanted ? ' selected' : ''}>${escapeHtml(team.teamName)} (${escapeHtml(team.teamId)})</option>`,
      )
      .join('');
    const hidden = ['client_id', 'scope', 'state', 'redirect_uri']
      .map(
        (name) => `<input type="hidden" name="${name}" value="${escapeHtml(q.get(name) ?? '')}">`,
      )
      .join('');
    return html(
      200,
      `${app.name} is requesting permission`,
      `<h1><span id="app-name">${escapeHtml(app.name)}</span> is requesting permission to access a Slack workspace</h1><form method="post" action=""><p><label>Workspace <select name="team" id="workspace">${options}</select></label></p><p>It will be able to:</p><ul id="scopes">${scopes.map((s) => `<li>${escapeHtml(s)}</li>`).join('')}</ul>${hidden}<button type="submit" name="decision" value="allow" id="allow">Allow</button><button type="submit" name="decision" value="deny" id="cancel">Cancel</button></form>`,
    );
  };

  const decide = (request: StandInRequest) => {
    const form = new URLSearchParams(request.body);
    const redirectUri = form.get('redirect_uri') ?? '';
    if (form.get('client_id') !== app.clientId || !redirectAllowed(redirectUri))
      return html(400, 'Something went wrong', '<h1>Invalid request</h1>');
    const target = new URL(redirectUri);
    const state = form.get('state');
    if (form.get('decision') !== 'allow') {
      target.searchParams.set('error', 'access_denied');
    } else {
      const teamId = form.get('team') ?? '';
      if (!teams.has(teamId))
        return html(400, 'Something went wrong', '<h1>Unknown workspace</h1>');
      target.searchParams.set(
        'code',
        issueCode({
          teamId,
          scopes: (form.get('scope') ?? '').split(',').filter(Boolean),
          redirectUri,
        }),
      );
    }
    if (state !== null) target.searchParams.set('state', state);
    return {
      status: 302,
      headers: { location: target.toString(), 'cache-control': 'no-store' },
      body: '',
    };
  };

  const clientCredentials = (request: StandInRequest, args: Record<string, unknown>) => {
    const basic = /^Basic\s+(\S+)$/i.exec(request.headers.authorization ?? '')?.[1];
    if (basic) {
      const [id, secret] = Buffer.from(basic, 'base64').toString('utf8').split(':');
      return { id, secret };
    }
    return {
      id: typeof args.client_id === 'string' ? args.client_id : undefined,
      secret: typeof args.client_secret === 'string' ? args.client_secret : undefined,
    };
  };

  const oauthAccess = (request: StandInRequest) => {
    const args = readWebApiCall(request.headers, request.query, request.body).args;
    const client = clientCredentials(request, args);
    if (client.id !== app.clientId)
      return jsonResponse(200, { ok: false, error: 'invalid_client_id' });
    if (client.secret !== app.clientSecret)
      return jsonResponse(200, { ok: false, error: 'bad_client_secret' });
    const code = typeof args.code === 'string' ? args.code : '';
    const issued = codes.get(code);
    // Used once: gone on first use, whatever the outcome.
    codes.delete(code);
    if (!issued || issued.expires < now() || issued.clientId !== client.id)
      return jsonResponse(200, { ok: false, error: 'invalid_code' });
    if (typeof args.redirect_uri === 'string' && args.redirect_uri !== issued.redirectUri)
      return jsonResponse(200, { ok: false, error: 'bad_redirect_uri' });
    const { team, botUserId } = teamOf(issued.teamId);
    const previous = installs.get(team.teamId);
    if (previous) revoked.add(previous.botToken);
    const botToken = `xoxb-${team.teamId}-${randomBytes(12).toString('hex')}`;
    installs.set(team.teamId, {
      teamId: team.teamId,
      botToken,
      scopes: issued.scopes,
      installerId: issued.installerId,
    });
    return jsonResponse(200, {
      ok: true,
      app_id: app.appId,
      authed_user: { id: issued.installerId },
      scope: issued.scopes.join(','),
      token_type: 'bot',
      access_token: botToken,
      bot_user_id: botUserId,
      team: { id: team.teamId, name: team.teamName },
      enterprise: team.enterpriseId
        ? { id: team.enterpriseId, name: `${team.teamName} org` }
        : null,
      is_enterprise_install: false,
    });
  };

  const removeApp: OAuthStandIn['removeApp'] = async (teamId) => {
    const { core, botUserId } = teamOf(teamId);
    const installed = installs.get(teamId);
    if (!installed) return { revoked: 0, uninstalled: 0 };
    installs.delete(teamId);
    revoked.add(installed.botToken);
    const tokens = await core.standIn.event({
      type: 'tokens_revoked',
      tokens: { oauth: [], bot: [botUserId] },
    });
    const uninstalled = await core.standIn.event({ type: 'app_uninstalled' });
    return { revoked: tokens.status, uninstalled: uninstalled.status };
  };

  const installedBy = (token: string | undefined) =>
    token ? [...installs.values()].find((i) => i.botToken === token) : undefined;

  /** `/t/<team>/rest` → that workspace and `/rest`. */
  const teamRoute = (path: string) => {
    const match = /^\/t\/([A-Z0-9]+)(\/.*)$/.exec(path);
    const found = match ? teams.get(match[1] ?? '') : undefined;
    return found && match ? { core: found.core, path: match[2] ?? '/' } : undefined;
  };

  const handle: StandInHandler = async (request) => {
    if (request.path === '/' || request.path.startsWith('/standin/ui/'))
      return ui.handle(request, request.path === '/' ? '/' : request.path.slice('/standin'.length));
    const own = teamRoute(request.path);
    if (own) return own.core.handle({ ...request, path: own.path });
    if (request.path === '/oauth/v2/authorize') {
      if (request.method === 'GET') return authorizePage(request);
      if (request.method === 'POST') return decide(request);
    }
    const api = /^\/api\/([A-Za-z0-9_.]+)$/.exec(request.path);
    if (!api)
      return {
        status: 404,
        headers: { 'content-type': 'text/plain; charset=utf-8' },
        body: `The Slack stand-in has nothing at ${request.method} ${request.path}`,
      };
    const method = api[1] ?? '';
    if (method === 'oauth.v2.access') return oauthAccess(request);
    let token: string | undefined;
    try {
      token = readWebApiCall(request.headers, request.query, request.body).token;
    } catch {
      token = undefined;
    }
    if (token === undefined) return jsonResponse(200, { ok: false, error: 'not_authed' });
    const installed = installedBy(token);
    if (!installed)
      return jsonResponse(200, {
        ok: false,
        error: revoked.has(token) ? 'token_revoked' : 'invalid_auth',
      });
    if (method === 'apps.uninstall') {
      const args = readWebApiCall(request.headers, request.query, request.body).args;
      const client = clientCredentials(request, args);
      if (client.id !== app.clientId || client.secret !== app.clientSecret)
        return jsonResponse(200, { ok: false, error: 'invalid_client_id' });
      await removeApp(installed.teamId);
      return jsonResponse(200, { ok: true });
    }
    // The workspace's own stand-in answers, under its internal token.
    const { core, internalToken } = teamOf(installed.teamId);
    const type = (request.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
    let body = request.body;
    if (type !== 'application/json' && body.length > 0) {
      const form = new URLSearchParams(body);
      form.delete('token');
      body = form.toString();
    }
    const query = new URLSearchParams(request.query);
    query.delete('token');
    return core.handle({
      ...request,
      query,
      body,
      headers: { ...request.headers, authorization: `Bearer ${internalToken}` },
    });
  };

  return {
    handle,
    setBaseUrl(url) {
      const base = url.replace(/\/+$/, '');
      for (const { team, core } of teams.values()) core.setBaseUrl(`${base}/t/${team.teamId}`);
    },
    setAppUrl(url) {
      for (const { core } of teams.values()) core.standIn.setAppUrl(url);
    },
    team: (teamId) => teamOf(teamId).core.standIn,
    installation: (teamId) => installs.get(teamId),
    issueCode,
    removeApp,
    core: (teamId) => teamOf(teamId).core,
    ui,
    raw(req, res, path) {
      if (path.startsWith('/standin/ui/'))
        return ui.stream(req, res, path.slice('/standin'.length));
      const own = teamRoute(path);
      return own ? own.core.transfer(req, res, own.path) : false;
    },
    close: () => ui.close(),
  };
}

/** The OAuth stand-in on 127.0.0.1 (a free port): what the install tests drive. */
export async function startOAuthStandIn(
  options: OAuthStandInOptions,
): Promise<
  Omit<OAuthStandIn, 'close'> & { baseUrl: string; apiUrl: string; close(): Promise<void> }
> {
  const standIn = createOAuthStandIn(options);
  const { server, baseUrl } = await listen(standIn.handle, 0, standIn.raw);
  standIn.setBaseUrl(baseUrl);
  return {
    ...standIn,
    baseUrl,
    apiUrl: `${baseUrl}/api/`,
    close: () => {
      standIn.close();
      return stop(server);
    },
  };
}
