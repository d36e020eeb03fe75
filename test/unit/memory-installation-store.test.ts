/** The InstallationRepository contract on the in-memory adapter (DynamoDB: test/integration), and the local token cipher. */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadLocalTokenCipher } from '../../src/storage/local-token-cipher.ts';
import { MemoryInstallationStore } from '../../src/storage/memory-installation-store.ts';
import { SealedValueError } from '../../src/storage/ports/token-cipher.ts';
import { describeInstallationRepositoryContract } from '../support/contracts/installation-repository-contract.ts';

const installations = new MemoryInstallationStore();
describeInstallationRepositoryContract('MemoryInstallationStore', () => installations);

describe('LocalTokenCipher', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'deckhand-token-key-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('makes its key file once, mode 0600, and opens what it sealed across instances', async () => {
    const first = await loadLocalTokenCipher(dataDir);
    const sealed = await first.seal('xoxb-secret-token', 'SLACKINSTALL#E#-#T#T1');
    expect(sealed).not.toContain('xoxb');
    expect(statSync(join(dataDir, 'token-key')).mode & 0o777).toBe(0o600);
    const second = await loadLocalTokenCipher(dataDir);
    expect(await second.open(sealed, 'SLACKINSTALL#E#-#T#T1')).toBe('xoxb-secret-token');
  });

  it('refuses a value sealed for another record, a tampered one, and one of another key', async () => {
    const cipher = await loadLocalTokenCipher(dataDir);
    const sealed = await cipher.seal('xoxb-secret-token', 'A');
    await expect(cipher.open(sealed, 'B')).rejects.toBeInstanceOf(SealedValueError);
    const parts = sealed.split('.');
    const body = Buffer.from(parts[4] ?? '', 'base64url');
    body[0] = (body[0] ?? 0) ^ 1;
    parts[4] = body.toString('base64url');
    await expect(cipher.open(parts.join('.'), 'A')).rejects.toBeInstanceOf(SealedValueError);
    const otherDir = mkdtempSync(join(tmpdir(), 'deckhand-token-key-'));
    try {
      const other = await loadLocalTokenCipher(otherDir);
      await expect(other.open(sealed, 'A')).rejects.toBeInstanceOf(SealedValueError);
    } finally {
      rmSync(otherDir, { recursive: true, force: true });
    }
    await expect(cipher.open('plain-text', 'A')).rejects.toBeInstanceOf(SealedValueError);
  });
});
