/**
 * Slack's shape for an email sent to a channel's email address: a `file_share` message whose
 * file has `filetype`/`mode` "email" with `subject`, `from`, `plain_text`, `headers` and
 * `has_more` (true when Slack cut `plain_text` short). Accepts the Events API envelope, the
 * inner message event, or the file object alone.
 */
import { z } from 'zod';
import type { IntakeDocument } from './intake-document.ts';

const slackAddressSchema = z.looseObject({
  address: z.string().optional(),
  name: z.string().optional(),
  original: z.string().optional(),
});

export const slackEmailFileSchema = z.looseObject({
  id: z.string().optional(),
  filetype: z.string().optional(),
  mode: z.string().optional(),
  subject: z.string().optional(),
  from: z.array(slackAddressSchema).optional(),
  plain_text: z.string().optional(),
  preview_plain_text: z.string().optional(),
  headers: z.looseObject({ date: z.string().optional() }).optional(),
  has_more: z.boolean().optional(),
});
export type SlackEmailFile = z.infer<typeof slackEmailFileSchema>;

const isEmailFile = (file: SlackEmailFile): boolean =>
  file.filetype === 'email' || file.mode === 'email';

const messageSchema = z.looseObject({
  type: z.literal('message'),
  files: z.array(slackEmailFileSchema),
});
const envelopeSchema = z.looseObject({ type: z.literal('event_callback'), event: messageSchema });

/** Finds the email file in any of the accepted shapes, or undefined when there is none. */
export function findSlackEmailFile(json: unknown): SlackEmailFile | undefined {
  const envelope = envelopeSchema.safeParse(json);
  const files = envelope.success
    ? envelope.data.event.files
    : (messageSchema.safeParse(json).data?.files ??
      (slackEmailFileSchema.safeParse(json).success ? [json as SlackEmailFile] : []));
  return files.find(isEmailFile);
}

/** Reads a Slack email file into an IntakeDocument. */
export function readSlackEmailFile(file: SlackEmailFile): IntakeDocument {
  const warnings: string[] = [];
  if (file.has_more) {
    warnings.push(
      'Slack shortened this email (has_more): fields near the end may be missing; check them in the modal.',
    );
  }
  const body = file.plain_text ?? file.preview_plain_text ?? '';
  if (!body.trim()) warnings.push('The forwarded email has no text.');
  return {
    source: 'slack_email',
    subject: file.subject,
    sentAt: file.headers?.date,
    bodies: body.trim() ? [body] : [],
    warnings,
  };
}
