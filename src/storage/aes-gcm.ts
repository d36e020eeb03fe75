/** AES-256-GCM with node:crypto: a fresh 12-byte IV per value, the context as associated data. */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { SealedValueError } from './ports/token-cipher.ts';

export interface GcmSealed {
  iv: Buffer;
  tag: Buffer;
  ciphertext: Buffer;
}

export function gcmSeal(key: Buffer, plaintext: string, context: string): GcmSealed {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(context, 'utf8'));
  const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return { iv, tag: cipher.getAuthTag(), ciphertext };
}

export function gcmOpen(key: Buffer, sealed: GcmSealed, context: string): string {
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, sealed.iv);
    decipher.setAAD(Buffer.from(context, 'utf8'));
    decipher.setAuthTag(sealed.tag);
    return Buffer.concat([decipher.update(sealed.ciphertext), decipher.final()]).toString('utf8');
  } catch {
    throw new SealedValueError(
      'a sealed Slack token did not open (tampered, another record’s, or another key’s)',
    );
  }
}

const b64 = (buffer: Buffer) => buffer.toString('base64url');
const unb64 = (text: string | undefined) => Buffer.from(text ?? '', 'base64url');

/** `prefix.iv.tag.ciphertext`, each part base64url. */
export function formatSealed(prefix: string, sealed: GcmSealed): string {
  return [prefix, b64(sealed.iv), b64(sealed.tag), b64(sealed.ciphertext)].join('.');
}

/** The parts after `prefix`, or a SealedValueError. */
export function parseSealed(
  prefix: string,
  text: string,
  extra = 0,
): { extra: Buffer[]; sealed: GcmSealed } {
  const parts = text.split('.');
  const head = prefix.split('.').length;
  if (parts.slice(0, head).join('.') !== prefix || parts.length !== head + extra + 3)
    throw new SealedValueError(`a sealed Slack token is not in the ${prefix} format`);
  const rest = parts.slice(head).map(unb64);
  return {
    extra: rest.slice(0, extra),
    sealed: {
      iv: rest[extra] as Buffer,
      tag: rest[extra + 1] as Buffer,
      ciphertext: rest[extra + 2] as Buffer,
    },
  };
}
