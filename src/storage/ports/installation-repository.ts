/**
 * The port for Slack app installations (OAuth v2): one per workspace, or one per Enterprise
 * Grid org for an org-wide install. The installation Slack's OAuth gives (its tokens inside) is
 * kept whole and sealed at rest by a TokenCipher; only the keys and who installed are in clear.
 * Also the one-time use of OAuth `state` values, so a state cannot be replayed.
 */

/** Which installation: an org-wide install by its enterprise, a workspace install by its team. */
export interface InstallationKey {
  enterpriseId: string | undefined;
  teamId: string | undefined;
  isEnterpriseInstall: boolean;
}

export interface StoredInstallation {
  key: InstallationKey;
  /** The Slack user who installed (Slack's `authed_user.id`). */
  installerUserId: string | undefined;
  /** ISO instant of the install. */
  installedAt: string;
  /** Slack's Installation object as @slack/oauth builds it (bot token, scopes, ids): JSON only. */
  installation: Record<string, unknown>;
}

export interface InstallationRepository {
  /** Saves an installation, replacing the one with the same key (a reinstall). */
  save(record: StoredInstallation): Promise<void>;
  find(key: InstallationKey): Promise<StoredInstallation | undefined>;
  /** Removes an installation; false when there was none. */
  remove(key: InstallationKey): Promise<boolean>;
  /**
   * Who installed the app in a workspace (or in its org when the install is org-wide): the
   * onboarding flow's `WorkspaceInstallers` shape.
   */
  installerOf(teamId: string, enterpriseId?: string): Promise<string | undefined>;
  /** Marks an OAuth state as used, kept until `expiresAt`; false when it was used before. */
  claimState(state: string, expiresAt: Date): Promise<boolean>;
}

/** An installation key as text: org installs by enterprise, workspace installs by team. */
export function installationKeyText(key: InstallationKey): string {
  if (key.isEnterpriseInstall) {
    if (!key.enterpriseId) throw new Error('an org-wide installation needs its enterprise id');
    return `E#${key.enterpriseId}`;
  }
  if (!key.teamId) throw new Error('a workspace installation needs its team id');
  return `E#${key.enterpriseId ?? '-'}#T#${key.teamId}`;
}
