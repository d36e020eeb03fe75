/** The emails the host app sent, as the page lists them beside the workspace. */

export interface OutboxMessage {
  file: string;
  to: string;
  subject: string;
  date: string | null;
  /** What the email is about (deckhand: assignment, reminder, changed, released, cancelled). */
  kind: string | null;
  /** The link the email carries for its reader, when it has one. */
  link: string | null;
  /** The email's plain-text body, as its reader sees it (shown under the subject). */
  body?: string | null | undefined;
}

export interface Outbox {
  /** The folder the app writes emails to: the page redraws when it changes. */
  dir: string;
  /** The newest emails first; an empty list while nothing was sent. */
  list(): Promise<OutboxMessage[]>;
}
