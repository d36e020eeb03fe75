/**
 * The local TokenCipher: AES-256-GCM with a key kept in `<data dir>/token-key` (mode 0600),
 * made on first use like the data folder's other secrets (src/runtime/local-secrets.ts), so the
 * server and the CLI of one installation open each other's values.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { formatSealed, gcmOpen, gcmSeal, parseSealed } from './aes-gcm.ts';
import type { TokenCipher } from './ports/token-cipher.ts';

const PREFIX = 'v1.local';

export class LocalTokenCipher implements TokenCipher {
  readonly #key: Buffer;

  constructor(key: Buffer) {
    if (key.length !== 32) throw new Error('the local token key must be 32 bytes (AES-256)');
    this.#key = key;
  }

  async seal(plaintext: string, context: string): Promise<string> {
    return formatSealed(PREFIX, gcmSeal(this.#key, plaintext, context));
  }

  async open(sealed: string, context: string): Promise<string> {
    return gcmOpen(this.#key, parseSealed(PREFIX, sealed).sealed, context);
  }
}

/** Reads the data folder's token key, creating it (mode 0600) on first use. */
export async function loadLocalTokenCipher(dataDir: string): Promise<LocalTokenCipher> {
  const path = join(resolve(dataDir), 'token-key');
  const read = async () => {
    const key = Buffer.from((await readFile(path, 'utf8')).trim(), 'base64url');
    if (key.length !== 32)
      throw new Error(
        `${path} is not a token key (32 bytes, base64url): remove it only if no installation was stored with it`,
      );
    return new LocalTokenCipher(key);
  };
  try {
    return await read();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  await mkdir(resolve(dataDir), { recursive: true });
  try {
    await writeFile(path, `${randomBytes(32).toString('base64url')}\n`, {
      mode: 0o600,
      flag: 'wx',
    });
  } catch (error) {
    // Another process made it first: use theirs.
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  return read();
}
