/** The common shape every source is read into before fields are extracted. */
import type { IntakeSource } from './intake-result.ts';

export interface IntakeDocument {
  source: IntakeSource;
  /** Email subject (of the innermost forwarded message once unwrapped). */
  subject: string | undefined;
  /** The message's own Date header value, used to place a date written without a year. */
  sentAt: string | undefined;
  /** Candidate bodies, best first: plain text, then the HTML part as text. */
  bodies: string[];
  /** href targets of the HTML part (its text has none): a booking id may be only there. */
  links?: string[];
  warnings: string[];
}
