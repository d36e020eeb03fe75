/**
 * Encryption at rest for Slack tokens: `seal` gives text safe to store, `open` gives the
 * plaintext back. `context` (the record's key) is bound to the ciphertext, so a sealed value
 * copied onto another record does not open. Adapters: a local key file (AES-256-GCM) and AWS KMS.
 */
export interface TokenCipher {
  seal(plaintext: string, context: string): Promise<string>;
  open(sealed: string, context: string): Promise<string>;
}

/** A sealed value that does not open: tampered, another record's, or another key's. */
export class SealedValueError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SealedValueError';
  }
}
