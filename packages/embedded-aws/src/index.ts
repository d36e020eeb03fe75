/** @deckhand/embedded-aws: DynamoDB (dynalite) and S3 (s3rver) on loopback; the one entry point. */
export {
  EMBEDDED_AWS_CREDENTIALS,
  type EmbeddedAws,
  type EmbeddedAwsOptions,
  startEmbeddedAws,
} from './embedded-aws.ts';
