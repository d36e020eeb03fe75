/** Command-line misuse: what was wrong, and the usage text that says how to call it. */
import { DeckhandError } from '../errors.ts';

export class UsageError extends DeckhandError {
  override readonly name = 'UsageError';

  constructor(message: string, usage: string) {
    super('usage', message, { hint: usage });
  }
}

/** `--now` as an instant; ISO 8601 with a zone or Z. Defaults to the current time. */
export function parseNow(value: string | undefined): Date {
  if (value === undefined) return new Date();
  const now = new Date(value);
  if (
    !/^\d{4}-\d{2}-\d{2}(?:T[\d:.]+(?:Z|[+-]\d{2}:?\d{2}))?$/.test(value) ||
    Number.isNaN(now.getTime())
  ) {
    throw new UsageError(
      `--now "${value}" is not an ISO 8601 instant.`,
      'Write it like 2026-05-12T12:00:00Z.',
    );
  }
  return now;
}
