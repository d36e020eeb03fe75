/**
 * The browser workspace for a stand-in with several workspaces (the OAuth stand-in): one
 * workspace page per workspace, as Slack's client has one per team, picked by the `team` query
 * parameter (`/?team=T0REEFRUN`; the page passes it on to its API and event stream). Each page
 * is an ordinary `createWorkspaceUi` over that workspace's core, and offers a switcher to the
 * others. Without `team`, the first workspace answers.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { SlackStandInCore } from '../slack-standin.ts';
import { jsonResponse } from '../standin-server.ts';
import {
  createWorkspaceUi,
  type WorkspaceUi,
  type WorkspaceUiOptions,
} from './workspace-routes.ts';

export interface WorkspacePage {
  teamId: string;
  teamName: string;
  core: SlackStandInCore;
  /** Who the page acts as until the person picks someone else (the installer, say). */
  defaultUser: string;
  defaultChannel: string;
}

export type MultiWorkspaceUiOptions = Omit<
  WorkspaceUiOptions,
  'core' | 'teamName' | 'defaultUser' | 'defaultChannel' | 'workspaces'
> & { workspaces: WorkspacePage[] };

export function createMultiWorkspaceUi(options: MultiWorkspaceUiOptions): WorkspaceUi {
  const { workspaces, ...shared } = options;
  const listed = workspaces.map((w) => ({ teamId: w.teamId, teamName: w.teamName }));
  const pages = new Map<string, WorkspaceUi>();
  for (const w of workspaces)
    pages.set(
      w.teamId,
      createWorkspaceUi({
        ...shared,
        core: w.core,
        teamName: w.teamName,
        defaultUser: w.defaultUser,
        defaultChannel: w.defaultChannel,
        workspaces: listed,
      }),
    );
  const first = workspaces[0]?.teamId ?? '';
  const pageOf = (team: string | null) => pages.get(team || first);
  return {
    async handle(request, path) {
      const page = pageOf(request.query.get('team'));
      if (!page)
        return jsonResponse(404, {
          error: `No workspace ${request.query.get('team')} here; there are ${listed.map((w) => w.teamId).join(', ')}.`,
        });
      return page.handle(request, path);
    },
    stream(req: IncomingMessage, res: ServerResponse, path: string) {
      const team = new URL(req.url ?? '/', 'http://localhost').searchParams.get('team');
      return pageOf(team)?.stream(req, res, path) ?? false;
    },
    close() {
      for (const page of pages.values()) page.close();
    },
  };
}
