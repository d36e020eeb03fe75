/** The InstallationRepository contract on DynamoDB (embedded dynalite), and what the stored item holds. */

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DynamoInstallationStore,
  installationItemKey,
} from '../../src/storage/dynamo-installation-store.ts';
import { loadLocalTokenCipher } from '../../src/storage/local-token-cipher.ts';
import {
  describeInstallationRepositoryContract,
  installationFor,
} from '../support/contracts/installation-repository-contract.ts';
import { startTestStores, type TestStores } from '../support/embedded-stores.ts';

let stores: TestStores;
let installations: DynamoInstallationStore;
const keyDir = mkdtempSync(join(tmpdir(), 'deckhand-token-key-'));
beforeAll(async () => {
  stores = await startTestStores();
  installations = new DynamoInstallationStore(
    stores.clients.doc,
    stores.tableName,
    await loadLocalTokenCipher(keyDir),
  );
});
afterAll(async () => {
  await stores.close();
  rmSync(keyDir, { recursive: true, force: true });
});

describeInstallationRepositoryContract('DynamoInstallationStore', () => installations);

describe('DynamoInstallationStore at rest', () => {
  it('stores no token in clear: the bot, user token and team name are only in the sealed value', async () => {
    const saved = installationFor('T0ATREST', { token: 'xoxb-very-secret-bot-token' });
    await installations.save(saved);
    const raw = await stores.clients.doc.send(
      new GetCommand({ TableName: stores.tableName, Key: installationItemKey(saved.key) }),
    );
    const text = JSON.stringify(raw.Item);
    expect(raw.Item?.teamId).toBe('T0ATREST');
    expect(raw.Item?.installerUserId).toBe('U0INSTALL');
    expect(text).not.toContain('xoxb-');
    expect(text).not.toContain('xoxp-');
    expect(text).not.toContain('Harbor Charters');
    expect(String(raw.Item?.sealed)).toMatch(/^v1\.local\./);
  });

  it('refuses an installation whose sealed value was copied from another team', async () => {
    const a = installationFor('T0COPYA');
    const b = installationFor('T0COPYB');
    await installations.save(a);
    await installations.save(b);
    const rawA = await stores.clients.doc.send(
      new GetCommand({ TableName: stores.tableName, Key: installationItemKey(a.key) }),
    );
    const rawB = await stores.clients.doc.send(
      new GetCommand({ TableName: stores.tableName, Key: installationItemKey(b.key) }),
    );
    await stores.clients.doc.send(
      new PutCommand({
        TableName: stores.tableName,
        Item: { ...rawB.Item, sealed: rawA.Item?.sealed },
      }),
    );
    await expect(installations.find(b.key)).rejects.toThrow(/did not open/);
  });
});
