/**
 * Crew messages by email. nodemailer builds the RFC 5322 message (MIME, encodings, headers);
 * locally each one is written to `<data dir>/outbox/` as a complete .eml and logged, so it can be
 * opened and its link clicked; with SES configured the same message goes out through SES v2.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { type SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2';
import nodemailer from 'nodemailer';
import { classifyAwsError } from '../aws-errors.ts';
import type { Logger } from '../logging/logger.ts';
import { type CrewMessage, type CrewNotifier, crewMessageText } from './crew-notifier.ts';

// streamTransport builds the message without sending it; CRLF as the wire format wants.
const composer = nodemailer.createTransport({
  streamTransport: true,
  buffer: true,
  newline: 'windows',
});

/** The complete RFC 5322 message for a crew email. */
export async function buildCrewEmail(message: CrewMessage, from: string): Promise<Buffer> {
  const { subject, text } = crewMessageText(message);
  const info = await composer.sendMail({
    from: { name: message.tenant.name, address: from },
    to: { name: message.person.name, address: message.person.email ?? '' },
    replyTo: message.tenant.contact.email,
    subject,
    text,
    headers: { 'X-Deckhand-Booking': message.bookingId, 'X-Deckhand-Kind': message.kind },
  });
  return info.message as Buffer;
}

/** Built-in email: writes each message to the outbox folder (local mode) instead of sending it. */
export class BuiltInEmailNotifier implements CrewNotifier {
  readonly #dir: string;
  readonly #from: (message: CrewMessage) => string;
  readonly #logger: Logger;
  #seq = 0;

  constructor(options: {
    dataDir: string;
    from: (message: CrewMessage) => string;
    logger: Logger;
  }) {
    this.#dir = join(resolve(options.dataDir), 'outbox');
    this.#from = options.from;
    this.#logger = options.logger;
  }

  async send(message: CrewMessage): Promise<{ channel: string; ref: string } | undefined> {
    if (!message.person.email) return undefined;
    await mkdir(this.#dir, { recursive: true });
    this.#seq += 1;
    const stamp = new Date().toISOString().replace(/[:.]/g, '-');
    const file = join(
      this.#dir,
      `${stamp}-${String(this.#seq).padStart(4, '0')}-${message.person.id}-${message.kind}.eml`,
    );
    await writeFile(file, await buildCrewEmail(message, this.#from(message)), { mode: 0o600 });
    this.#logger.info(
      { file, to: message.person.id, kind: message.kind, link: message.link },
      'crew email written to the outbox',
    );
    return { channel: 'email', ref: file };
  }
}

/** Sends each email through Amazon SES v2. */
export class SesEmailNotifier implements CrewNotifier {
  readonly #ses: SESv2Client;
  readonly #from: (message: CrewMessage) => string;

  constructor(options: { ses: SESv2Client; from: (message: CrewMessage) => string }) {
    this.#ses = options.ses;
    this.#from = options.from;
  }

  async send(message: CrewMessage): Promise<{ channel: string; ref: string } | undefined> {
    if (!message.person.email) return undefined;
    try {
      const sent = await this.#ses.send(
        new SendEmailCommand({
          Content: { Raw: { Data: await buildCrewEmail(message, this.#from(message)) } },
        }),
      );
      return { channel: 'email', ref: sent.MessageId ?? '' };
    } catch (error) {
      throw classifyAwsError('SES', error);
    }
  }
}
