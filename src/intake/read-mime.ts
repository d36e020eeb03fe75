/**
 * Raw RFC 5322 messages through postal-mime: multipart, quoted-printable, base64, RFC 2047
 * headers and non-UTF-8 charsets are its job, not ours.
 */
import PostalMime from 'postal-mime';
import { InputError } from '../errors.ts';
import { htmlToText } from './html-text.ts';
import type { IntakeDocument } from './intake-document.ts';

/** A message that nests deeper than this is refused rather than walked. */
const MAX_NESTING_DEPTH = 32;

/** Reads a raw email into an IntakeDocument. Throws InputError when it cannot be parsed. */
export async function readMimeMessage(raw: Uint8Array | string): Promise<IntakeDocument> {
  let email: Awaited<ReturnType<typeof PostalMime.parse>>;
  try {
    email = await PostalMime.parse(raw, {
      maxNestingDepth: MAX_NESTING_DEPTH,
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
  if (email.text?.trim()) bodies.push(email.text);
  if (email.html?.trim()) bodies.push(htmlToText(email.html));
  // A forwarded booking sometimes arrives as an attached .eml; read its text too.
  for (const attachment of email.attachments) {
    if (attachment.mimeType === 'message/rfc822' && attachment.content instanceof ArrayBuffer) {
      const inner = await readMimeMessage(new Uint8Array(attachment.content)).catch(
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
      }
    }
  }
  const warnings = bodies.length === 0 ? ['The email has no readable text body.'] : [];
  return {
    source: 'email',
    subject: email.subject ?? undefined,
    sentAt: email.date ?? undefined,
    bodies,
    warnings,
  };
}
