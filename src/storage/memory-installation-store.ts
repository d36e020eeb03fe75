/** Slack installations in memory, with the DynamoDB store's rules (unit tests, like MemoryDraftStore). */
import {
  type InstallationKey,
  type InstallationRepository,
  installationKeyText,
  type StoredInstallation,
} from './ports/installation-repository.ts';

export class MemoryInstallationStore implements InstallationRepository {
  readonly #installations = new Map<string, StoredInstallation>();
  readonly #states = new Map<string, number>();
  readonly #now: () => number;

  constructor(options: { now?: () => number } = {}) {
    this.#now = options.now ?? Date.now;
  }

  async save(record: StoredInstallation): Promise<void> {
    await Promise.resolve();
    this.#installations.set(installationKeyText(record.key), structuredClone(record));
  }

  async find(key: InstallationKey): Promise<StoredInstallation | undefined> {
    await Promise.resolve();
    const found = this.#installations.get(installationKeyText(key));
    return found && structuredClone(found);
  }

  async remove(key: InstallationKey): Promise<boolean> {
    await Promise.resolve();
    return this.#installations.delete(installationKeyText(key));
  }

  async installerOf(teamId: string, enterpriseId?: string): Promise<string | undefined> {
    const workspace = await this.find({ teamId, enterpriseId, isEnterpriseInstall: false });
    if (workspace) return workspace.installerUserId;
    if (!enterpriseId) return undefined;
    return (await this.find({ teamId: undefined, enterpriseId, isEnterpriseInstall: true }))
      ?.installerUserId;
  }

  async claimState(state: string, expiresAt: Date): Promise<boolean> {
    await Promise.resolve();
    const kept = this.#states.get(state);
    if (kept !== undefined && kept > this.#now()) return false;
    this.#states.set(state, expiresAt.getTime());
    return true;
  }
}
