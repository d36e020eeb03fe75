/**
 * What the page's "forward an email" offers, given by the host app: its sample emails and how
 * pasted text becomes the email Slack files. The stand-in itself knows no samples.
 */

/** What the stand-in's forwardEmail takes: the parts of an email Slack shows. */
export interface ForwardableEmail {
  subject: string;
  from: string;
  plainText: string;
  date: string;
}

export interface EmailSample {
  name: string;
  subject: string;
}

export interface EmailSource {
  /** The samples the page lists, as they would be forwarded at `now`. */
  list(now: Date): Promise<EmailSample[]>;
  /** One sample by name; throws UnknownSampleError for a name `list` did not give. */
  read(name: string, now: Date): Promise<ForwardableEmail>;
  /** Pasted text (a whole message or just a body) as the email Slack would file. */
  parse(text: string, now: Date): Promise<ForwardableEmail>;
}

/** A sample name the source does not have: the page shows the message as it is. */
export class UnknownSampleError extends Error {
  constructor(name: string, names: string[]) {
    super(`There is no sample "${name}"; pick one of ${names.join(', ')}.`);
  }
}

/** No samples; pasted text is forwarded as the body. */
export const PASTED_TEXT_ONLY: EmailSource = {
  list: async () => [],
  read: async (name) => {
    throw new UnknownSampleError(name, []);
  },
  parse: async (text, now) => ({
    subject: 'Fwd: booking',
    from: 'Forwarded by you <you@example.com>',
    plainText: text,
    date: now.toUTCString(),
  }),
};
