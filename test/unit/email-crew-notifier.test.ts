/** Crew email: a complete RFC 5322 message, to the outbox locally and through SES v2 when set. */
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import nock from 'nock';
import { afterEach, describe, expect, it } from 'vitest';
import type { CrewMessage } from '../../src/crew/crew-notifier.ts';
import {
  BuiltInEmailNotifier,
  buildCrewEmail,
  SesEmailNotifier,
} from '../../src/crew/email-crew-notifier.ts';
import { TransientError } from '../../src/external-errors.ts';
import { parseIntake } from '../../src/intake/parse-intake.ts';
import { createLogger } from '../../src/logging/logger.ts';

const message: CrewMessage = {
  kind: 'assignment',
  tenant: {
    id: 'qsd',
    name: 'Queen of San Diego Charters',
    timezone: 'America/Los_Angeles',
    contact: { phone: '+1 619 555 0100', email: 'ops@queenofsandiego.example' },
  },
  person: {
    id: 'jules',
    name: 'Jules Fakename',
    email: 'jules@example.com',
    slackUserId: undefined,
  },
  bookingId: 'BK1',
  briefing: {
    boat: 'Sea Breeze',
    role: 'deckhand',
    callAt: '2026-06-02T15:00:00.000Z',
    startsAt: '2026-06-02T16:00:00.000Z',
    endsAt: '2026-06-02T19:00:00.000Z',
    departure: 'Shelter Island Marina',
    partySize: 4,
  },
  link: 'http://127.0.0.1:3000/crew/qsd/AbCdEfGhIjKlMnOpQrStUvWxYz0123456789-_abcde',
};

afterEach(() => nock.cleanAll());

describe('crew email', () => {
  it('is a message our own intake reader can read back, with the link intact', async () => {
    const raw = await buildCrewEmail(message, 'crew@queenofsandiego.example');
    const text = raw.toString('utf8');

    expect(text).toMatch(/^From: "?Queen of San Diego Charters"? <crew@queenofsandiego\.example>/m);
    expect(text).toMatch(/^To: "?Jules Fakename"? <jules@example\.com>/m);
    expect(text).toContain('\r\n');
    const read = await parseIntake(raw);
    expect(read.subject).toBe('You are on the crew: Sea Breeze on Tue, Jun 2');
    expect(text.replace(/=\r\n/g, '')).toContain(message.link);
  });

  it('is written to <data dir>/outbox and logged, locally', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'deckhand-outbox-'));
    const logged: string[] = [];
    const sink = new Writable({
      write: (chunk, _encoding, done) => {
        logged.push(String(chunk));
        done();
      },
    });
    const notifier = new BuiltInEmailNotifier({
      dataDir: dir,
      from: () => 'crew@example.com',
      logger: createLogger('info', sink),
    });

    const sent = await notifier.send(message);
    const skipped = await notifier.send({
      ...message,
      person: { ...message.person, email: undefined },
    });

    const files = readdirSync(join(dir, 'outbox'));
    expect(files).toHaveLength(1);
    expect(sent?.ref).toContain(join(dir, 'outbox'));
    expect(readFileSync(join(dir, 'outbox', files[0] as string), 'utf8')).toContain(
      'Subject: You are on the crew',
    );
    expect(skipped).toBeUndefined();
    // pino writes asynchronously: give it a tick, then the log names the file and the link.
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(logged.join('')).toContain('crew email written to the outbox');
  });

  it('goes through SES v2 as a raw message when SES is configured', async () => {
    let sentBody: { Content?: { Raw?: { Data?: string } } } = {};
    nock('https://email.us-east-1.amazonaws.com')
      .post('/v2/email/outbound-emails', (body: typeof sentBody) => {
        sentBody = body;
        return true;
      })
      .reply(200, { MessageId: 'ses-123' });
    const ses = new SESv2Client({
      region: 'us-east-1',
      credentials: { accessKeyId: 'AKID', secretAccessKey: 'x' },
      maxAttempts: 1,
    });

    const sent = await new SesEmailNotifier({ ses, from: () => 'crew@example.com' }).send(message);

    expect(sent).toEqual({ channel: 'email', ref: 'ses-123' });
    expect(Buffer.from(sentBody.Content?.Raw?.Data ?? '', 'base64').toString('utf8')).toContain(
      'Subject: You are on the crew',
    );
  });

  it('reports SES throttling as transient so the step retries', async () => {
    nock('https://email.us-east-1.amazonaws.com')
      .post('/v2/email/outbound-emails')
      .reply(
        429,
        { message: 'Maximum sending rate exceeded.' },
        { 'x-amzn-errortype': 'TooManyRequestsException' },
      );
    const ses = new SESv2Client({
      region: 'us-east-1',
      credentials: { accessKeyId: 'AKID', secretAccessKey: 'x' },
      maxAttempts: 1,
    });

    await expect(
      new SesEmailNotifier({ ses, from: () => 'crew@example.com' }).send(message),
    ).rejects.toBeInstanceOf(TransientError);
  });
});
