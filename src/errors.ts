/**
 * Typed errors. Every error a person can cause carries `hint`: what to change to fix it.
 * The CLI and (later) the Slack/HTTP boundary translate these once, in one place.
 */

/** Base class: a failure with a stable `code` and a hint a person can act on. */
export class DeckhandError extends Error {
  override readonly name: string = 'DeckhandError';
  readonly code: string;
  readonly hint: string | undefined;

  constructor(code: string, message: string, options?: { hint?: string; cause?: unknown }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.hint = options?.hint;
  }
}

/** Configuration (environment or tenants file) is invalid; `problems` lists every bad key. */
export class ConfigError extends DeckhandError {
  override readonly name = 'ConfigError';
  readonly problems: readonly string[];

  constructor(source: string, problems: readonly string[], options?: { cause?: unknown }) {
    super(
      'config_invalid',
      `${source} is invalid:\n${problems.map((p) => `  - ${p}`).join('\n')}`,
      {
        hint: `Fix the ${problems.length === 1 ? 'setting' : 'settings'} above and start again.`,
        ...options,
      },
    );
    this.problems = problems;
  }
}

/** Input that cannot be read at all (too big, binary, not a message). */
export class InputError extends DeckhandError {
  override readonly name = 'InputError';
}

/** A tenant id that is not in the tenants file. */
export class UnknownTenantError extends DeckhandError {
  override readonly name = 'UnknownTenantError';

  constructor(tenantId: string, known: readonly string[]) {
    super('unknown_tenant', `Unknown tenant "${tenantId}".`, {
      hint: `Use one of: ${known.join(', ') || '(none configured)'}; tenants come from the tenants file (DECKHAND_TENANTS_FILE).`,
    });
  }
}
