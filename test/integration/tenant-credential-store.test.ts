/** The TenantCredentialRepository contract on DynamoDB (embedded dynalite), and what the stored item holds. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoTenantCredentialStore } from '../../src/storage/dynamo-tenant-credential-store.ts';
import { loadLocalTokenCipher } from '../../src/storage/local-token-cipher.ts';
import { keys } from '../../src/storage/table-design.ts';
import {
  credentialInput,
  describeTenantCredentialRepositoryContract,
} from '../support/contracts/tenant-credential-repository-contract.ts';
import { startTestStores, type TestStores } from '../support/embedded-stores.ts';

let stores: TestStores;
let credentials: DynamoTenantCredentialStore;
const keyDir = mkdtempSync(join(tmpdir(), 'deckhand-token-key-'));
beforeAll(async () => {
  stores = await startTestStores();
  credentials = new DynamoTenantCredentialStore(
    stores.clients.doc,
    stores.tableName,
    await loadLocalTokenCipher(keyDir),
  );
});
afterAll(async () => {
  await stores.close();
  rmSync(keyDir, { recursive: true, force: true });
});

describeTenantCredentialRepositoryContract('DynamoTenantCredentialStore', () => credentials);

const rawItem = async (tenantId: string, system: string) =>
  (
    await stores.clients.doc.send(
      new GetCommand({ TableName: stores.tableName, Key: keys.tenantCredential(tenantId, system) }),
    )
  ).Item;

describe('DynamoTenantCredentialStore at rest', () => {
  it('stores the secret only sealed, under the tenant partition; the URL and who set it in clear', async () => {
    await credentials.put(
      'atrest',
      'scc',
      credentialInput({ url: 'https://scc.atrest.example', secret: 'very-secret-scc-key-9876' }),
    );
    const item = await rawItem('atrest', 'scc');
    expect(item?.pk).toBe('T#atrest#CREDENTIALS');
    expect(item?.sk).toBe('SCC');
    expect(item?.url).toBe('https://scc.atrest.example');
    expect(item?.setBy).toBe('U0ADMIN');
    const text = JSON.stringify(item);
    expect(text).not.toContain('very-secret');
    // Not even the last four characters are kept in clear.
    expect(text).not.toContain('9876');
    expect(String(item?.sealed)).toMatch(/^v1\.local\./);
  });

  it('refuses a sealed secret copied from another tenant or another system', async () => {
    await credentials.put(
      'copya',
      'calendar',
      credentialInput({ secret: 'token-of-tenant-a-0001' }),
    );
    await credentials.put(
      'copyb',
      'calendar',
      credentialInput({ secret: 'token-of-tenant-b-0002' }),
    );
    const a = await rawItem('copya', 'calendar');
    const b = await rawItem('copyb', 'calendar');
    await stores.clients.doc.send(
      new PutCommand({ TableName: stores.tableName, Item: { ...b, sealed: a?.sealed } }),
    );
    await expect(credentials.get('copyb', 'calendar')).rejects.toThrow(/did not open/);
    await stores.clients.doc.send(
      new PutCommand({
        TableName: stores.tableName,
        Item: { ...a, ...keys.tenantCredential('copya', 'scc'), system: 'scc' },
      }),
    );
    await expect(credentials.get('copya', 'scc')).rejects.toThrow(/did not open/);
  });
});
