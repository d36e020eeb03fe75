/**
 * The port for a tenant's own credentials for an external system: its calendar (the Dashboard
 * API: URL and token) and its SCC (URL and service key). The secret is kept sealed at rest (the
 * DynamoDB adapter seals it with the TokenCipher) and is read back only by the pipeline; what
 * people are shown is the metadata: the URL, who set it and when, and at most the secret's last
 * four characters. Putting a credential replaces the one before (that is how a key is rotated).
 */

export const CREDENTIAL_SYSTEMS = ['calendar', 'scc'] as const;
export type CredentialSystem = (typeof CREDENTIAL_SYSTEMS)[number];

/** What a person sets: the endpoint and its secret (the calendar's token, SCC's service key). */
export interface CredentialInput {
  url: string;
  secret: string;
  /** Who set it: a Slack user id, or `cli:<name>` from the terminal. */
  setBy: string;
  /** ISO instant. */
  setAt: string;
}

/** What may be shown: never the secret. */
export interface CredentialMetadata {
  system: CredentialSystem;
  url: string;
  setBy: string;
  setAt: string;
  /** The secret's last four characters, only for a secret of 16 characters or more. */
  secretEndsWith: string | undefined;
}

/** What the pipeline reads: the metadata and the secret. */
export interface StoredCredential extends CredentialMetadata {
  secret: string;
}

export interface TenantCredentialRepository {
  /** The tenant's credential for a system, secret opened; undefined when it has none. */
  get(tenantId: string, system: CredentialSystem): Promise<StoredCredential | undefined>;
  /** The metadata only (for the Slack modal and `deckhand credentials show`). */
  describe(tenantId: string, system: CredentialSystem): Promise<CredentialMetadata | undefined>;
  /** Stores the credential, replacing any before it. */
  put(tenantId: string, system: CredentialSystem, input: CredentialInput): Promise<void>;
  /** Removes it; false when there was none. */
  delete(tenantId: string, system: CredentialSystem): Promise<boolean>;
}

/** Below this length the last four characters are too much of the secret to show. */
const HINT_MIN_LENGTH = 16;

export function secretEndsWith(secret: string): string | undefined {
  return secret.length >= HINT_MIN_LENGTH ? secret.slice(-4) : undefined;
}

export function metadataOf(credential: StoredCredential): CredentialMetadata {
  const { secret: _secret, ...metadata } = credential;
  return metadata;
}
