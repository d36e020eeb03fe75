/** What every Web API method of the stand-in works with, and the shape of a method. */
import type { PendingUploads } from './pending-uploads.ts';
import type { SlackIds } from './slack-ids.ts';
import type { TriggerIds } from './trigger-ids.ts';
import type { ViewRegistry } from './view-registry.ts';
import type { Workspace } from './workspace.ts';

export interface MethodContext {
  workspace: Workspace;
  views: ViewRegistry;
  triggers: TriggerIds;
  ids: SlackIds;
  now: () => number;
  teamName: string;
  teamDomain: string;
  /** Uploads handed out by files.getUploadURLExternal, waiting for their bytes or completion. */
  uploads: PendingUploads;
  /** Where the stand-in is reachable (upload URLs and file links point there). */
  baseUrl: () => string;
}

/**
 * A Web API method: validated arguments in, the success answer out (with `ok: true`); a
 * refusal is a thrown SlackApiError.
 */
export type WebApiMethod = (
  args: Record<string, unknown>,
  context: MethodContext,
) => Record<string, unknown>;
