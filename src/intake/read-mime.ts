/**
 * Raw RFC 5322 messages through postal-mime: multipart, quoted-printable, base64, RFC 2047
 * headers and non-UTF-8 charsets are its job, not ours.
 */
import PostalMime from 'postal-mime';
import { InputError } from '../errors.ts';
import { htmlToText } from './html-text.ts';
import type { IntakeDocument } from './intake-document.ts';
import { linksIn } from './link-ids.ts';

/** A message that nests deeper than this is refused rather than walked. */
const MAX_NESTING_DEPTH = 32;

/**
 * Emails inside emails (message/rfc822: forwards as attachments) are read this many levels
 * down, counting both postal-mime's inline parsing and ours of attached ones. Every level is
 * parsed again from its bytes, so unbounded nesting costs far more than its size: a 50 KB email
 * of 240 nested forwards took 11 s (test/reliability/hostile-mime.test.ts). Real forward chains
 * are a few levels deep.
 */
export const MAX_ATTACHED_EMAIL_DEPTH = 4;

/**
 * More embedded emails than this anywhere in the message and none of them is read: even with the
 * depth bound, each level is parsed once per level above it (2,000 nested forwards, 420 KB,
 * took 4 s), while one parse of the outer message stays near linear.
 */
export const MAX_EMBEDDED_EMAILS = 20;

const NO_BODY = 'The email has no readable text body.';

function embeddedEmailCount(raw: Uint8Array | string): number {
  const text = typeof raw === 'string' ? raw : Buffer.from(raw).toString('latin1');
  return text.match(/message\/rfc822/gi)?.length ?? 0;
}

/** Reads a raw email into an IntakeDocument. Throws InputError when it cannot be parsed. */
export async function readMimeMessage(
  raw: Uint8Array | string,
  depth = 0,
): Promise<IntakeDocument> {
  let email: Awaited<ReturnType<typeof PostalMime.parse>>;
  const tooMany = depth === 0 && embeddedEmailCount(raw) > MAX_EMBEDDED_EMAILS;
  // Levels of embedded emails still to read here (none when there are too many of them).
  const budget = tooMany ? 0 : Math.max(0, MAX_ATTACHED_EMAIL_DEPTH - depth);
  try {
    email = await PostalMime.parse(raw, {
      maxNestingDepth: MAX_NESTING_DEPTH,
      // Inline sub-messages share the depth budget with the attached ones read below.
      maxRfc822NestingDepth: budget,
      attachmentEncoding: 'arraybuffer',
    });
  } catch (error) {
    throw new InputError(
      'unreadable_email',
      `The email could not be read: ${(error as Error).message}`,
      {
        hint: 'Forward the original booking email (or paste its text) instead of a damaged copy.',
        cause: error,
      },
    );
  }
  const bodies: string[] = [];
  const warnings: string[] = [];
  if (email.text?.trim()) bodies.push(email.text);
  if (email.html?.trim()) bodies.push(htmlToText(email.html));
  const links = email.html ? linksIn('', email.html) : [];
  // A forwarded booking sometimes arrives as an attached .eml; read its text too.
  for (const attachment of email.attachments) {
    if (attachment.mimeType === 'message/rfc822' && attachment.content instanceof ArrayBuffer) {
      if (budget === 0 || attachment.rfc822DepthExceeded) {
        const deep = tooMany
          ? `The email carries over ${MAX_EMBEDDED_EMAILS} attached emails, so none of them was read; forward the booking email itself.`
          : `Emails attached more than ${MAX_ATTACHED_EMAIL_DEPTH} levels deep were not read; forward the booking email itself.`;
        if (!warnings.includes(deep)) warnings.push(deep);
        continue;
      }
      const inner = await readMimeMessage(new Uint8Array(attachment.content), depth + 1).catch(
        () => undefined,
      );
      if (inner) {
        const header = [
          inner.subject && `Subject: ${inner.subject}`,
          inner.sentAt && `Date: ${inner.sentAt}`,
        ]
          .filter(Boolean)
          .join('\n');
        for (const body of inner.bodies)
          bodies.push(`---------- Forwarded message ---------\n${header}\n\n${body}`);
        links.push(...(inner.links ?? []));
        for (const warning of inner.warnings)
          if (warning !== NO_BODY && !warnings.includes(warning)) warnings.push(warning);
      }
    }
  }
  if (bodies.length === 0) warnings.push(NO_BODY);
  return {
    source: 'email',
    subject: email.subject ?? undefined,
    sentAt: email.date ?? undefined,
    bodies,
    links,
    warnings,
  };
}
