/** What an AWS SDK error means for a retry: one classification for S3, CloudFront, SES and DynamoDB callers. */
import { PermanentError, TransientError } from '../external-errors.ts';

/** Sorts an AWS SDK error into transient (throttling, 5xx, network) or permanent. */
export function classifyAwsError(service: string, error: unknown): Error {
  const e = error as {
    name?: string;
    $metadata?: { httpStatusCode?: number };
    $retryable?: unknown;
    message?: string;
  };
  const status = e.$metadata?.httpStatusCode;
  const transient =
    e.$retryable !== undefined ||
    status === undefined ||
    status >= 500 ||
    status === 429 ||
    /Throttl|Timeout|ECONNRE|EPIPE|socket hang up|ENOTFOUND|EAI_AGAIN/i.test(
      `${e.name} ${e.message}`,
    );
  return transient
    ? new TransientError(service, e.message ?? String(error), { cause: error })
    : new PermanentError(service, `${e.name ?? 'error'}: ${e.message ?? ''}`, {
        cause: error,
        ...(status === undefined ? {} : { status }),
        hint:
          e.name === 'NoSuchBucket'
            ? 'Create the bucket named in the tenants file, or fix its name.'
            : undefined,
      });
}
