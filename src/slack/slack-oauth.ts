/**
 * OAuth v2 installs with @slack/oauth's InstallProvider (Bolt's own mechanism, not a flow of our
 * own): `GET /slack/install` serves an "Add to Slack" page whose link carries a signed `state`
 * (also set as a cookie for this browser), `GET /slack/oauth_redirect` checks the state (signed,
 * fresh, this browser's, and used once: the installation store claims it), exchanges the code
 * with `oauth.v2.access`, and stores the installation, tokens sealed. `authorize` resolves a
 * request's bot token from the store; a workspace without an installation is refused clearly.
 *
 * The provider speaks node:http; deckhand's routes are transport-neutral (the HTTP Lambda), so
 * each exchange is played through a small request/response pair (`playExchange`).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Authorize, AuthorizeSourceData } from '@slack/bolt';
import type {
  CodedError,
  Installation,
  InstallationQuery,
  InstallationStore,
  InstallURLOptions,
  Logger as OAuthLogger,
  StateStore,
} from '@slack/oauth';
// CommonJS whose re-exports Node's ESM loader cannot all see (ClearStateStore is missing as a
// named export under plain node): taken from the default export.
import slackOAuth from '@slack/oauth';

import type { WebClientOptions } from '@slack/web-api';
import type { Logger } from '../logging/logger.ts';
import type { Route } from '../server/http-server.ts';
import type { ServiceRequest, ServiceResponse } from '../server/service-http.ts';
import type {
  InstallationKey,
  InstallationRepository,
} from '../storage/ports/installation-repository.ts';
import type { SlackOAuthSettings } from './slack-settings.ts';

const { ClearStateStore, ErrorCode, InstallProvider, InvalidStateError, LogLevel } = slackOAuth;
type InstallProvider = InstanceType<typeof InstallProvider>;
type ClearStateStore = InstanceType<typeof ClearStateStore>;

export const INSTALL_PATH = '/slack/install';
export const REDIRECT_PATH = '/slack/oauth_redirect';

/** How long an install link (its state) stays good: Slack's own default, ten minutes. */
const STATE_SECONDS = 600;

/** A request from a workspace where deckhand is not installed (never, or uninstalled since). */
export class NotInstalledError extends Error {
  readonly teamId: string | undefined;
  constructor(source: { teamId?: string | undefined; enterpriseId?: string | undefined }) {
    super(
      `deckhand is not installed in ${source.teamId ? `workspace ${source.teamId}` : `org ${source.enterpriseId ?? '(unknown)'}`}: refused (install it from /slack/install)`,
    );
    this.name = 'NotInstalledError';
    this.teamId = source.teamId;
  }
}

function keyOfQuery(query: {
  teamId?: string | undefined;
  enterpriseId?: string | undefined;
  isEnterpriseInstall: boolean;
}): InstallationKey {
  return query.isEnterpriseInstall
    ? { enterpriseId: query.enterpriseId, teamId: undefined, isEnterpriseInstall: true }
    : { enterpriseId: query.enterpriseId, teamId: query.teamId, isEnterpriseInstall: false };
}

function keyOfInstallation(installation: Installation): InstallationKey {
  return keyOfQuery({
    teamId: installation.team?.id,
    enterpriseId: installation.enterprise?.id,
    isEnterpriseInstall: installation.isEnterpriseInstall === true,
  });
}

/**
 * @slack/oauth's InstallationStore over deckhand's InstallationRepository port, plus who
 * installed (the onboarding flow's `WorkspaceInstallers` shape).
 */
export class SlackInstallationStore implements InstallationStore {
  readonly #repository: InstallationRepository;
  readonly #now: () => Date;

  constructor(repository: InstallationRepository, now: () => Date = () => new Date()) {
    this.#repository = repository;
    this.#now = now;
  }

  async storeInstallation(installation: Installation<'v1' | 'v2', boolean>): Promise<void> {
    await this.#repository.save({
      key: keyOfInstallation(installation as Installation),
      installerUserId: installation.user?.id,
      installedAt: this.#now().toISOString(),
      installation: JSON.parse(JSON.stringify(installation)) as Record<string, unknown>,
    });
  }

  async fetchInstallation(query: InstallationQuery<boolean>): Promise<Installation> {
    const found = await this.#repository.find(keyOfQuery(query));
    if (!found) throw new NotInstalledError(query);
    return found.installation as unknown as Installation;
  }

  async deleteInstallation(query: InstallationQuery<boolean>): Promise<void> {
    await this.#repository.remove(keyOfQuery(query));
  }

  /** Who installed deckhand in a workspace (or its org, for an org-wide install). */
  installerOf(teamId: string, enterpriseId?: string): Promise<string | undefined> {
    return this.#repository.installerOf(teamId, enterpriseId);
  }

  /** True when the workspace (or its org) has an installation. */
  async has(source: {
    teamId?: string | undefined;
    enterpriseId?: string | undefined;
    isEnterpriseInstall: boolean;
  }): Promise<boolean> {
    return (await this.#repository.find(keyOfQuery(source))) !== undefined;
  }
}

/** ClearStateStore's signed, expiring state, used once: a replayed state is refused. */
export class SingleUseStateStore implements StateStore {
  readonly #inner: ClearStateStore;
  readonly #repository: InstallationRepository;

  constructor(stateSecret: string, repository: InstallationRepository) {
    this.#inner = new ClearStateStore(stateSecret, STATE_SECONDS);
    this.#repository = repository;
  }

  generateStateParam(options: InstallURLOptions, now: Date): Promise<string> {
    return this.#inner.generateStateParam(options, now);
  }

  async verifyStateParam(now: Date, state: string): Promise<InstallURLOptions> {
    const options = await this.#inner.verifyStateParam(now, state);
    const fresh = await this.#repository.claimState(
      state,
      new Date(now.getTime() + STATE_SECONDS * 1000),
    );
    if (!fresh) throw new InvalidStateError('The state parameter was used already (a replay)');
    return options;
  }
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function page(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><link rel="icon" href="data:,"><title>${escapeHtml(title)}</title><style>body{font-family:system-ui,sans-serif;max-width:36rem;margin:4rem auto;padding:0 1rem;line-height:1.5;color:#1d1c1d}a.button{display:inline-block;background:#4a154b;color:#fff;padding:.7rem 1.2rem;border-radius:6px;text-decoration:none;font-weight:600}</style></head><body>${body}</body></html>`;
}

export function installPage(url: string): string {
  return page(
    'Add deckhand to Slack',
    `<h1>Add deckhand to Slack</h1><p>deckhand turns charter booking emails forwarded into Slack into coordinated charters. Installing it adds the deckhand bot to your workspace with the permissions Slack shows you next.</p><p><a class="button" id="add-to-slack" href="${escapeHtml(url)}">Add to Slack</a></p><p>The link is good for ten minutes, in this browser.</p>`,
  );
}

function successPage(teamName: string): string {
  return page(
    'deckhand is installed',
    `<h1>deckhand is installed in ${escapeHtml(teamName)}</h1><p>Next: open Slack, invite <b>@deckhand</b> to the channel where booking emails arrive (<code>/invite @deckhand</code>), then open deckhand’s App Home to set up your business. You can close this page.</p>`,
  );
}

/** What the person sees when an install fails, and what to do about it. */
function failurePage(error: CodedError): string {
  const cancelled =
    error.code === 'slack_oauth_authorization_error' || /cancelled/i.test(error.message);
  const why = cancelled
    ? 'The install was cancelled in Slack, so nothing was installed.'
    : error.code === ErrorCode.InvalidStateError || error.code === ErrorCode.MissingStateError
      ? 'This install link is not valid for this browser: it expired (links last ten minutes), was used already, or was opened in another browser.'
      : 'Slack did not confirm the install, so nothing was installed.';
  return page(
    'deckhand was not installed',
    `<h1>deckhand was not installed</h1><p>${escapeHtml(why)}</p><p><a class="button" href="${INSTALL_PATH}">Start again</a></p>`,
  );
}

/** The node:http pair the provider writes to, collected into a ServiceResponse. */
function playExchange(
  request: ServiceRequest,
  insecure: boolean,
): { req: IncomingMessage; res: ServerResponse; response(): ServiceResponse } {
  const headers = new Map<string, string | string[]>();
  let status = 200;
  let body = '';
  const req = {
    url: `${request.path}${request.query.size > 0 ? `?${request.query.toString()}` : ''}`,
    headers: { host: request.headers.host ?? 'localhost', cookie: request.headers.cookie },
    method: request.method,
  } as unknown as IncomingMessage;
  const res = {
    getHeader: (name: string) => headers.get(name.toLowerCase()),
    setHeader(name: string, value: string | string[]) {
      headers.set(name.toLowerCase(), value);
      return res;
    },
    writeHead(code: number, more?: Record<string, string>) {
      status = code;
      for (const [name, value] of Object.entries(more ?? {}))
        headers.set(name.toLowerCase(), value);
      return res;
    },
    end(text?: string) {
      body = text ?? '';
      return res;
    },
  } as unknown as ServerResponse;
  return {
    req,
    res,
    response() {
      const out: Record<string, string> = { 'cache-control': 'no-store' };
      for (const [name, value] of headers) {
        let text = Array.isArray(value) ? value.join(', ') : value;
        // Over plain http (local mode, tests) a Secure cookie is dropped by browsers off localhost.
        if (name === 'set-cookie' && insecure) text = text.replace(/; Secure/g, '');
        out[name] = text;
      }
      return { status, headers: out, body };
    },
  };
}

/** Bolt's logger shape over pino, for the provider's own messages. */
function oauthLogger(logger: Logger): OAuthLogger {
  return {
    debug: (...msg) => logger.debug({ oauth: msg.map(String) }, 'slack oauth'),
    info: (...msg) => logger.debug({ oauth: msg.map(String) }, 'slack oauth'),
    warn: (...msg) => logger.warn({ oauth: msg.map(String) }, 'slack oauth'),
    error: (...msg) => logger.warn({ oauth: msg.map(String) }, 'slack oauth'),
    setLevel: () => undefined,
    getLevel: () => LogLevel.INFO,
    setName: () => undefined,
  };
}

export interface SlackOAuth {
  installer: InstallProvider;
  store: SlackInstallationStore;
  /** Bolt's `authorize`: the bot token of the request's workspace, or a NotInstalledError. */
  authorize: Authorize<boolean>;
  /** GET /slack/install and GET /slack/oauth_redirect. */
  handle(request: ServiceRequest): Promise<ServiceResponse>;
}

export function createSlackOAuth(options: {
  settings: SlackOAuthSettings;
  installations: InstallationRepository;
  /** Where deckhand is reachable: the redirect URL is `<baseUrl>/slack/oauth_redirect`. */
  baseUrl: string;
  scopes: readonly string[];
  clientOptions: WebClientOptions;
  logger: Logger;
  now?: () => Date;
}): SlackOAuth {
  const { settings, installations, logger } = options;
  const store = new SlackInstallationStore(installations, options.now);
  const redirectUri = `${options.baseUrl.replace(/\/+$/, '')}${REDIRECT_PATH}`;
  // Slack's authorize page sits beside its Web API (https://slack.com/api/ → /oauth/v2/authorize);
  // so does the stand-in's.
  const apiUrl = options.clientOptions.slackApiUrl ?? 'https://slack.com/api/';
  const authorizationUrl = new URL('../oauth/v2/authorize', apiUrl).toString();
  const { logLevel: _ignored, logger: _alsoIgnored, ...clientOptions } = options.clientOptions;
  const installer = new InstallProvider({
    clientId: settings.clientId,
    clientSecret: settings.clientSecret,
    stateStore: new SingleUseStateStore(settings.stateSecret, installations),
    stateCookieExpirationSeconds: STATE_SECONDS,
    installationStore: store,
    installUrlOptions: { scopes: [...options.scopes], redirectUri },
    renderHtmlForInstallPath: installPage,
    authorizationUrl,
    clientOptions,
    logger: oauthLogger(logger),
  });
  const insecure = redirectUri.startsWith('http://');

  const authorize: Authorize<boolean> = async (source: AuthorizeSourceData<boolean>) => {
    if (!(await store.has(source))) {
      logger.warn(
        { teamId: source.teamId, enterpriseId: source.enterpriseId },
        'refused a Slack request from a workspace where deckhand is not installed',
      );
      throw new NotInstalledError(source);
    }
    return installer.authorize(source);
  };

  const callback = async (request: ServiceRequest): Promise<ServiceResponse> => {
    const exchange = playExchange(request, insecure);
    await installer.handleCallback(exchange.req, exchange.res, {
      afterInstallation: async (installation, installOptions, _req, res) => {
        // An install link made for one workspace (/slack/install?team=T…) installs only there.
        if (installOptions.teamId && installation.team?.id !== installOptions.teamId) {
          logger.warn(
            { expected: installOptions.teamId, got: installation.team?.id },
            'refused an OAuth code for another workspace than the install link’s',
          );
          res.writeHead(400, { 'content-type': 'text/html; charset=utf-8' });
          res.end(
            failurePage({
              name: 'WrongTeam',
              message: 'code for another workspace',
              code: 'deckhand_wrong_team',
            } as CodedError),
          );
          return false;
        }
        return true;
      },
      successAsync: async (installation, _options, _req, res) => {
        logger.info(
          {
            teamId: installation.team?.id,
            enterpriseId: installation.enterprise?.id,
            installer: installation.user?.id,
          },
          'deckhand was installed in a Slack workspace',
        );
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
        res.end(
          successPage(installation.team?.name ?? installation.enterprise?.name ?? 'your workspace'),
        );
      },
      failureAsync: async (error, _options, _req, res) => {
        logger.warn({ code: error.code, reason: error.message }, 'a Slack install failed');
        res.writeHead(400, { 'content-type': 'text/html; charset=utf-8' });
        res.end(failurePage(error));
      },
    });
    return exchange.response();
  };

  return {
    installer,
    store,
    authorize,
    async handle(request) {
      if (request.method !== 'GET' && request.method !== 'HEAD')
        return { status: 405, headers: { allow: 'GET' }, body: '' };
      if (request.path === INSTALL_PATH) {
        const exchange = playExchange(request, insecure);
        const team = request.query.get('team');
        await installer.handleInstallPath(
          exchange.req,
          exchange.res,
          undefined,
          team && /^T[A-Z0-9]{2,}$/.test(team)
            ? { scopes: [...options.scopes], redirectUri, teamId: team }
            : undefined,
        );
        return exchange.response();
      }
      if (request.path === REDIRECT_PATH) return callback(request);
      return { status: 404, headers: { 'content-type': 'text/plain' }, body: 'Not found' };
    },
  };
}

/** The install routes on deckhand's server, answering 404 until OAuth is set up (late, like /slack/events). */
export function lateOAuthRoute(): Route & {
  attach(handle: (r: ServiceRequest) => Promise<ServiceResponse>): void;
} {
  let handler: ((r: ServiceRequest) => Promise<ServiceResponse>) | undefined;
  return {
    prefix: '/slack',
    matches: (path) => path === INSTALL_PATH || path === REDIRECT_PATH,
    handle: (request) =>
      handler
        ? handler(request)
        : Promise.resolve({
            status: 404,
            headers: { 'content-type': 'text/plain; charset=utf-8' },
            body: 'Installs are not set up here: set SLACK_CLIENT_ID, SLACK_CLIENT_SECRET and SLACK_STATE_SECRET.',
          }),
    attach(handle) {
      handler = handle;
    },
  };
}
