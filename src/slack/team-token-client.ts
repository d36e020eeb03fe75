/**
 * With OAuth installs every workspace has its own bot token, but the charter thread, the crew
 * DMs and the queued jobs share one WebClient. This client picks the token per call: a token
 * given to the call wins; then the workspace of the call's channel (a tenant's channel maps to
 * its team); then the workspace of the request or job being handled (kept in an
 * AsyncLocalStorage by `withSlackWorkspace`). Tokens are read from the installation store and
 * kept a minute (a revoked one is dropped at once: `forget`).
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { WebClient, type WebClientOptions } from '@slack/web-api';
import type { TenantRegistry } from '../tenants/tenant-registry.ts';

export interface SlackWorkspace {
  teamId: string | undefined;
  enterpriseId?: string | undefined;
  /** Known already (a Bolt request's context): no look-up. */
  botToken?: string | undefined;
}

const current = new AsyncLocalStorage<SlackWorkspace>();

/** Runs `work` (and everything it starts) on behalf of one workspace. */
export function withSlackWorkspace<T>(workspace: SlackWorkspace, work: () => T): T {
  return current.run(workspace, work);
}

export function currentSlackWorkspace(): SlackWorkspace | undefined {
  return current.getStore();
}

/** A workspace's bot token from the installation store, or undefined when not installed. */
export type TokenLookup = (teamId: string, enterpriseId?: string) => Promise<string | undefined>;

const CACHE_MS = 60_000;

export class TeamTokenClient extends WebClient {
  readonly #lookup: TokenLookup;
  readonly #tenants: TenantRegistry;
  readonly #cache = new Map<string, { token: string | undefined; until: number }>();

  constructor(options: WebClientOptions, lookup: TokenLookup, tenants: TenantRegistry) {
    super(undefined, options);
    this.#lookup = lookup;
    this.#tenants = tenants;
  }

  /** Drops a workspace's cached token (uninstalled, revoked, reinstalled). */
  forget(teamId: string | undefined): void {
    if (teamId === undefined) this.#cache.clear();
    else this.#cache.delete(teamId);
  }

  override async apiCall(
    method: string,
    options: Record<string, unknown> = {},
  ): ReturnType<WebClient['apiCall']> {
    if (typeof options.token === 'string' && options.token) return super.apiCall(method, options);
    const token = await this.#tokenFor(options);
    return super.apiCall(method, token ? { ...options, token } : options);
  }

  async #tokenFor(options: Record<string, unknown>): Promise<string | undefined> {
    const channel = typeof options.channel === 'string' ? options.channel : undefined;
    const workspace = current.getStore();
    // A channel id is one workspace's: when two tenants in different workspaces list the same
    // id (a copied tenants file), the one in the workspace in hand has it.
    const listing = channel
      ? this.#tenants.list().filter((t) => t.slack?.teamId && t.slack.channels.includes(channel))
      : [];
    const byChannel =
      listing.find((t) => workspace?.teamId && t.slack?.teamId === workspace.teamId) ?? listing[0];
    const teamId = byChannel?.slack?.teamId ?? workspace?.teamId;
    if (!byChannel && workspace?.botToken) return workspace.botToken;
    if (!teamId) return undefined;
    const cached = this.#cache.get(teamId);
    if (cached && cached.until > Date.now()) return cached.token;
    const token = await this.#lookup(teamId, byChannel ? undefined : workspace?.enterpriseId);
    if (token) this.#cache.set(teamId, { token, until: Date.now() + CACHE_MS });
    return token;
  }
}
