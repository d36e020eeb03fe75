/**
 * The AWS TokenCipher: envelope encryption with KMS. Each value gets its own data key from
 * `GenerateDataKey` (AES-256, the record's key as encryption context); the value is sealed
 * locally with AES-256-GCM and stored with the KMS-encrypted data key. `open` asks KMS to
 * decrypt the data key under the same context, so a value copied onto another record fails.
 */
import { DecryptCommand, GenerateDataKeyCommand, type KMSClient } from '@aws-sdk/client-kms';
import { gcmOpen, gcmSeal, parseSealed } from './aes-gcm.ts';
import { SealedValueError, type TokenCipher } from './ports/token-cipher.ts';

const PREFIX = 'v1.kms';

export class KmsTokenCipher implements TokenCipher {
  readonly #kms: KMSClient;
  readonly #keyId: string;

  constructor(kms: KMSClient, keyId: string) {
    this.#kms = kms;
    this.#keyId = keyId;
  }

  async seal(plaintext: string, context: string): Promise<string> {
    const made = await this.#kms.send(
      new GenerateDataKeyCommand({
        KeyId: this.#keyId,
        KeySpec: 'AES_256',
        EncryptionContext: { record: context },
      }),
    );
    if (!made.Plaintext || !made.CiphertextBlob)
      throw new Error('KMS GenerateDataKey answered without a data key');
    const key = Buffer.from(made.Plaintext);
    try {
      const sealed = gcmSeal(key, plaintext, context);
      return [
        PREFIX,
        Buffer.from(made.CiphertextBlob).toString('base64url'),
        sealed.iv.toString('base64url'),
        sealed.tag.toString('base64url'),
        sealed.ciphertext.toString('base64url'),
      ].join('.');
    } finally {
      key.fill(0);
    }
  }

  async open(sealed: string, context: string): Promise<string> {
    const parsed = parseSealed(PREFIX, sealed, 1);
    let key: Buffer;
    try {
      const opened = await this.#kms.send(
        new DecryptCommand({
          CiphertextBlob: parsed.extra[0],
          KeyId: this.#keyId,
          EncryptionContext: { record: context },
        }),
      );
      if (!opened.Plaintext) throw new Error('no plaintext');
      key = Buffer.from(opened.Plaintext);
    } catch (error) {
      if ((error as Error).name === 'InvalidCiphertextException')
        throw new SealedValueError(
          'KMS refused a sealed Slack token’s data key (another record’s or tampered)',
        );
      throw error;
    }
    try {
      return gcmOpen(key, parsed.sealed, context);
    } finally {
      key.fill(0);
    }
  }
}
