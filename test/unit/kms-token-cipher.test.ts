/**
 * The KMS TokenCipher against a fake KMS at the transport (nock): envelope encryption with the
 * record as encryption context; KMS sees no token, the stored value holds none, and a value
 * under another record's context does not open.
 */
import { randomBytes } from 'node:crypto';
import { KMSClient } from '@aws-sdk/client-kms';
import nock from 'nock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { KmsTokenCipher } from '../../src/storage/kms-token-cipher.ts';
import { SealedValueError } from '../../src/storage/ports/token-cipher.ts';

const KEY_ID = 'arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab';
const kms = new KMSClient({
  region: 'us-east-1',
  credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' },
  maxAttempts: 1,
});
const cipher = new KmsTokenCipher(kms, KEY_ID);

/** A KMS that remembers each data key it handed out with its encryption context. */
function fakeKms() {
  const keys = new Map<string, { key: Buffer; context: string }>();
  const bodies: string[] = [];
  const scope = nock('https://kms.us-east-1.amazonaws.com')
    .persist()
    .post('/')
    .reply(async (request: Request) => {
      const text = await request.text();
      bodies.push(text);
      const input = JSON.parse(text) as Record<string, unknown>;
      const target = String(request.headers.get('x-amz-target'));
      const context = JSON.stringify(input.EncryptionContext ?? {});
      if (target === 'TrentService.GenerateDataKey') {
        if (input.KeyId !== KEY_ID || input.KeySpec !== 'AES_256')
          return [400, { __type: 'ValidationException' }];
        const key = randomBytes(32);
        const blob = randomBytes(48).toString('base64');
        keys.set(blob, { key, context });
        return [200, { CiphertextBlob: blob, Plaintext: key.toString('base64'), KeyId: KEY_ID }];
      }
      if (target === 'TrentService.Decrypt') {
        const found = keys.get(String(input.CiphertextBlob));
        if (!found || found.context !== context)
          return [
            400,
            { __type: 'InvalidCiphertextException', message: 'context mismatch' },
            { 'x-amzn-errortype': 'InvalidCiphertextException' },
          ];
        return [200, { Plaintext: found.key.toString('base64'), KeyId: KEY_ID }];
      }
      return [400, { __type: 'UnknownOperationException' }];
    });
  return { keys, bodies, scope };
}

let fake: ReturnType<typeof fakeKms>;
beforeEach(() => {
  fake = fakeKms();
});
afterEach(() => nock.cleanAll());

describe('KmsTokenCipher', () => {
  it('seals with a fresh data key per value and opens under the same record', async () => {
    const sealed = await cipher.seal(
      '{"bot":{"token":"xoxb-kms-secret"}}',
      'SLACKINSTALL#E#-#T#T1',
    );
    expect(sealed).toMatch(/^v1\.kms\./);
    expect(sealed).not.toContain('xoxb');
    expect(await cipher.open(sealed, 'SLACKINSTALL#E#-#T#T1')).toBe(
      '{"bot":{"token":"xoxb-kms-secret"}}',
    );
    const again = await cipher.seal('{"bot":{"token":"xoxb-kms-secret"}}', 'SLACKINSTALL#E#-#T#T1');
    expect(again).not.toBe(sealed);
    expect(fake.keys.size).toBe(2);
    // KMS only ever sees the record's key, never the token.
    for (const body of fake.bodies) expect(body).not.toContain('xoxb');
    expect(fake.bodies[0]).toContain('"EncryptionContext":{"record":"SLACKINSTALL#E#-#T#T1"}');
  });

  it('refuses a value moved to another record (KMS refuses the context) and a tampered one', async () => {
    const sealed = await cipher.seal('xoxb-kms-secret', 'SLACKINSTALL#E#-#T#T1');
    await expect(cipher.open(sealed, 'SLACKINSTALL#E#-#T#T2')).rejects.toBeInstanceOf(
      SealedValueError,
    );
    const parts = sealed.split('.');
    const body = Buffer.from(parts[5] ?? '', 'base64url');
    body[0] = (body[0] ?? 0) ^ 1;
    parts[5] = body.toString('base64url');
    await expect(cipher.open(parts.join('.'), 'SLACKINSTALL#E#-#T#T1')).rejects.toBeInstanceOf(
      SealedValueError,
    );
    await expect(cipher.open('v1.local.a.b.c', 'X')).rejects.toBeInstanceOf(SealedValueError);
  });
});
