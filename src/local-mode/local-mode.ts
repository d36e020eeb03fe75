/**
 * Local mode: with no Slack credentials, `deckhand serve` runs the Slack stand-in
 * (@deckhand/slack-standin) on its own server
 * (one address: the workspace page at `/`, the Web API at `/standin/api/`) with a signing
 * secret and bot token made for this data folder, and the real Slack app talks to it exactly
 * as it would talk to Slack. The workspace is built from the tenants file: each tenant's
 * channels, and everyone with a Slack user id on a roster or in an approver list.
 */
import {
  createSlackStandInCore,
  createWorkspaceUi,
  openWorkspaceFile,
  type SlackStandInCore,
  type StandInOptions,
  type WorkspaceUi,
} from '@deckhand/slack-standin';
import type { Config } from '../config/config.ts';
import type { CrewMessage, CrewNotifier } from '../crew/crew-notifier.ts';
import { FaultInjector } from '../faults/fault-injector.ts';
import type { Logger } from '../logging/logger.ts';
import { loadStandInCredentials } from '../runtime/local-secrets.ts';
import type { Route } from '../server/http-server.ts';
import type { TenantRegistry } from '../tenants/tenant-registry.ts';
import { sampleEmails } from './email-samples.ts';
import { crewOutbox } from './outbox.ts';

/** Where the stand-in lives on deckhand's server. */
export const STANDIN_PREFIX = '/standin';

export interface LocalSlack {
  /** Mount these on deckhand's server (before the others). */
  routes: Route[];
  /** Crew DMs in the stand-in, from the moment `attach` connects them. */
  crewNotifier: CrewNotifier;
  core: SlackStandInCore;
  /**
   * Points the stand-in at the server (its own URLs and the app's request URL) and returns the
   * configuration the Slack app runs with: the local credentials and SLACK_API_URL.
   */
  attach(httpUrl: string, dmNotifier: (config: Config) => CrewNotifier | undefined): Config;
  close(): void;
}

/** The stand-in workspace's people and channels, from the tenants file. */
export function workspaceFromTenants(tenants: TenantRegistry): Pick<
  StandInOptions,
  'teamId' | 'users' | 'channels'
> & {
  approver: string;
  opsChannel: string;
  zone: string;
} {
  const users = new Map<string, { id: string; name: string; realName: string; email?: string }>();
  const channels: { id: string; name: string }[] = [];
  for (const tenant of tenants.list()) {
    for (const member of tenant.roster)
      if (member.slackUserId && !users.has(member.slackUserId))
        users.set(member.slackUserId, {
          id: member.slackUserId,
          name: (member.name.split(' ')[0] ?? member.id).toLowerCase(),
          realName: member.name,
          ...(member.email ? { email: member.email } : {}),
        });
    for (const id of tenant.slack?.approvers ?? [])
      if (!users.has(id))
        users.set(id, { id, name: id.toLowerCase(), realName: `${tenant.name} approver` });
    (tenant.slack?.channels ?? []).forEach((id, index) => {
      if (!channels.some((c) => c.id === id))
        channels.push({ id, name: index === 0 ? tenant.id : `${tenant.id}-${index + 1}` });
    });
  }
  const first = tenants.list().find((t) => t.slack) ?? tenants.list()[0];
  const approver = first?.slack?.approvers[0] ?? [...users.keys()][0] ?? 'U0LOCALOPS';
  if (!users.has(approver)) users.set(approver, { id: approver, name: 'you', realName: 'You' });
  const opsChannel = first?.slack?.channels[0] ?? 'C0LOCALOPS';
  if (!channels.some((c) => c.id === opsChannel))
    channels.push({ id: opsChannel, name: 'charters' });
  return {
    teamId: first?.slack?.teamId ?? 'T0DECKHAND',
    users: [...users.values()],
    channels,
    approver,
    opsChannel,
    zone: first?.timezone ?? 'UTC',
  };
}

export async function startLocalSlack(
  config: Config,
  tenants: TenantRegistry,
  logger: Logger,
  options: { clock?: () => Date } = {},
): Promise<LocalSlack> {
  const credentials = await loadStandInCredentials(config.dataDir);
  const { approver, opsChannel, zone, ...workspace } = workspaceFromTenants(tenants);
  const core = createSlackStandInCore({
    signingSecret: credentials.slackSigningSecret,
    botToken: credentials.slackBotToken,
    // Nothing reads the call record in local mode; keep a little for debugging, not hours of it.
    keepCalls: 200,
    // DECKHAND_FAULTS rules for `slack` make the stand-in's Web API slow or failing (local runs).
    faults: new FaultInjector(config.faults, {
      onFault: (fired) => logger.warn({ fault: fired }, 'injected fault (DECKHAND_FAULTS)'),
    }),
    ...workspace,
  });
  const saved = openWorkspaceFile(config.dataDir, core.internals.workspace, logger);
  core.internals.onChange(() => saved.changed());
  const ui: WorkspaceUi = createWorkspaceUi({
    core,
    outbox: crewOutbox(config.dataDir),
    emails: sampleEmails(zone),
    teamName: 'deckhand',
    appName: 'deckhand',
    defaultUser: approver,
    defaultChannel: opsChannel,
    logger,
    // Sample emails' dates and a forwarded email's fallback date read the server's clock.
    ...(options.clock ? { now: options.clock } : {}),
  });
  let notifier: CrewNotifier | undefined;
  const below = (path: string) => path.slice(STANDIN_PREFIX.length) || '/';
  return {
    routes: [
      {
        prefix: '/',
        matches: (path) => path === '/',
        handle: (request) => ui.handle(request, '/'),
      },
      {
        prefix: STANDIN_PREFIX,
        // The event stream, and the file upload/download routes, which need the raw bytes.
        stream: (req, res, path) =>
          ui.stream(req, res, below(path)) || core.transfer(req, res, below(path)),
        async handle(request) {
          const path = below(request.path);
          if (path.startsWith('/ui/')) return ui.handle(request, path);
          return core.handle({ ...request, path });
        },
      },
    ],
    crewNotifier: {
      send: (message: CrewMessage) =>
        notifier ? notifier.send(message) : Promise.resolve(undefined),
    },
    core,
    attach(httpUrl, dmNotifier) {
      core.setBaseUrl(`${httpUrl}${STANDIN_PREFIX}`);
      core.standIn.setAppUrl(`${httpUrl}/slack/events`);
      const slackConfig: Config = {
        ...config,
        slack: {
          ...config.slack,
          signingSecret: credentials.slackSigningSecret,
          botToken: credentials.slackBotToken,
          apiUrl: `${httpUrl}${STANDIN_PREFIX}/api/`,
        },
      };
      notifier = dmNotifier(slackConfig);
      return slackConfig;
    },
    close() {
      ui.close();
      saved.flush();
    },
  };
}
