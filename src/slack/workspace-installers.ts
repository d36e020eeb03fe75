/**
 * Who installed deckhand into a workspace: that person may set the business up from App Home.
 * The OAuth install's installation store answers it; single-workspace mode (SLACK_BOT_TOKEN)
 * knows no installer, and the workspace's admins and owners set the business up.
 */

export interface WorkspaceInstallers {
  /** The Slack user id of whoever installed deckhand into the team (or org), if known. */
  installerOf(teamId: string, enterpriseId?: string): Promise<string | undefined>;
}

/** No installer is known (single-workspace mode, or before the OAuth install is wired). */
export const NO_INSTALLERS: WorkspaceInstallers = {
  installerOf: () => Promise.resolve(undefined),
};
