/** The environment keys of the stores: the data folder, the table, and DynamoDB's and S3's endpoints. */
import { z } from 'zod';
import { optionalUrl, unsetIfBlank } from '../config/env-values.ts';

export const storageEnv = {
  DECKHAND_DATA_DIR: unsetIfBlank(z.string().default('./.data')),
  DECKHAND_TABLE: unsetIfBlank(
    z
      .string()
      .regex(/^[\w.-]{3,255}$/, 'a DynamoDB table name (letters, digits, _ . -)')
      .default('deckhand'),
  ),
  /** Unset (both): the embedded dynalite and s3rver. */
  DYNAMODB_ENDPOINT: optionalUrl,
  S3_ENDPOINT: optionalUrl,
  AWS_REGION: unsetIfBlank(
    z
      .string()
      .regex(/^[a-z]{2}(-[a-z]+)+-\d$/, 'an AWS region like us-east-1')
      .default('us-east-1'),
  ),
};

/** A store endpoint on this machine: fault injection and the embedded stores allow only these. */
export function isLoopbackUrl(url: string): boolean {
  const host = new URL(url).hostname;
  return host === 'localhost' || host === '[::1]' || /^127\./.test(host);
}
