/**
 * Slack installations in the single table: one item per installation,
 * `SLACKINSTALL#E#<enterprise>#T#<team>` (an org-wide install: `SLACKINSTALL#E#<enterprise>`) /
 * `INSTALL`. The installation (bot token, any user or refresh token, the webhook URL) is stored
 * only sealed by the TokenCipher with the item's key as context; the ids and the installer are
 * in clear for look-ups. Used OAuth states are items `OAUTHSTATE#<sha256>` / `USED`, written
 * once with a condition and dropped by the table's TTL. Installations are not a tenant's data
 * (a workspace is installed before any tenant exists), so their keys start with SLACKINSTALL.
 */
import { createHash } from 'node:crypto';
import {
  DeleteCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
} from '@aws-sdk/lib-dynamodb';
import { sendConditional } from './dynamo-access.ts';
import {
  type InstallationKey,
  type InstallationRepository,
  installationKeyText,
  type StoredInstallation,
} from './ports/installation-repository.ts';
import type { TokenCipher } from './ports/token-cipher.ts';

export const installationItemKey = (key: InstallationKey) => ({
  pk: `SLACKINSTALL#${installationKeyText(key)}`,
  sk: 'INSTALL',
});

const stateItemKey = (state: string) => ({
  pk: `OAUTHSTATE#${createHash('sha256').update(state).digest('base64url')}`,
  sk: 'USED',
});

export class DynamoInstallationStore implements InstallationRepository {
  readonly #doc: DynamoDBDocumentClient;
  readonly #table: string;
  readonly #cipher: TokenCipher;
  readonly #now: () => number;

  constructor(
    doc: DynamoDBDocumentClient,
    tableName: string,
    cipher: TokenCipher,
    options: { now?: () => number } = {},
  ) {
    this.#doc = doc;
    this.#table = tableName;
    this.#cipher = cipher;
    this.#now = options.now ?? Date.now;
  }

  async save(record: StoredInstallation): Promise<void> {
    const key = installationItemKey(record.key);
    const sealed = await this.#cipher.seal(JSON.stringify(record.installation), key.pk);
    await this.#doc.send(
      new PutCommand({
        TableName: this.#table,
        Item: {
          ...key,
          entity: 'slack_installation',
          enterpriseId: record.key.enterpriseId,
          teamId: record.key.teamId,
          isEnterpriseInstall: record.key.isEnterpriseInstall,
          installerUserId: record.installerUserId,
          installedAt: record.installedAt,
          sealed,
        },
      }),
    );
  }

  async find(key: InstallationKey): Promise<StoredInstallation | undefined> {
    const itemKey = installationItemKey(key);
    const found = await this.#doc.send(
      new GetCommand({ TableName: this.#table, Key: itemKey, ConsistentRead: true }),
    );
    const item = found.Item;
    if (!item) return undefined;
    const installation = JSON.parse(
      await this.#cipher.open(String(item.sealed), itemKey.pk),
    ) as Record<string, unknown>;
    return {
      key: {
        enterpriseId: item.enterpriseId as string | undefined,
        teamId: item.teamId as string | undefined,
        isEnterpriseInstall: item.isEnterpriseInstall === true,
      },
      installerUserId: item.installerUserId as string | undefined,
      installedAt: String(item.installedAt),
      installation,
    };
  }

  async remove(key: InstallationKey): Promise<boolean> {
    const removed = await this.#doc.send(
      new DeleteCommand({
        TableName: this.#table,
        Key: installationItemKey(key),
        ReturnValues: 'ALL_OLD',
      }),
    );
    return removed.Attributes !== undefined;
  }

  async installerOf(teamId: string, enterpriseId?: string): Promise<string | undefined> {
    // Only the clear attributes are read: no KMS call to learn who installed.
    const read = async (key: InstallationKey) =>
      (
        await this.#doc.send(
          new GetCommand({
            TableName: this.#table,
            Key: installationItemKey(key),
            ProjectionExpression: 'installerUserId',
            ConsistentRead: true,
          }),
        )
      ).Item;
    const workspace = await read({ teamId, enterpriseId, isEnterpriseInstall: false });
    if (workspace) return workspace.installerUserId as string | undefined;
    if (!enterpriseId) return undefined;
    return (await read({ teamId: undefined, enterpriseId, isEnterpriseInstall: true }))
      ?.installerUserId as string | undefined;
  }

  async claimState(state: string, expiresAt: Date): Promise<boolean> {
    return sendConditional(
      this.#doc,
      new PutCommand({
        TableName: this.#table,
        Item: {
          ...stateItemKey(state),
          entity: 'oauth_state',
          ttl: Math.ceil(expiresAt.getTime() / 1000),
        },
        // A used state is refused until it expires (the TTL sweep may lag, hence the check).
        ConditionExpression: 'attribute_not_exists(pk) OR #ttl < :now',
        ExpressionAttributeNames: { '#ttl': 'ttl' },
        ExpressionAttributeValues: { ':now': Math.floor(this.#now() / 1000) },
      }),
    );
  }
}
