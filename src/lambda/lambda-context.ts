/**
 * What every deckhand Lambda builds once per container (at cold start) and reuses across
 * invocations: the validated configuration, the tenants, the AWS SDK clients and the queue
 * (runtime-context.ts adds the secret and the runtime). Tests pass their own environment and
 * clients. This module does not import the runtime, so the schedule function's bundle stays small.
 */
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SQSClient } from '@aws-sdk/client-sqs';
import { pino } from 'pino';
import { type DeployedConfig, loadDeployedConfig } from '../config/config.ts';
import { createLogger, type Logger } from '../logging/logger.ts';
import { SqsWorkQueue } from '../queue/sqs-queue.ts';
import type { DeckhandRuntime } from '../runtime/deckhand-runtime.ts';
import { loadTenantsFile, type TenantRegistry } from '../tenants/tenant-registry.ts';

/** Where a Lambda's outside world comes from; production uses `defaultLambdaSources()`. */
export interface LambdaSources {
  env: Readonly<Record<string, string | undefined>>;
  sqs: SQSClient;
  /** Absent for the schedule function, which has no secret. */
  secretsManager?: SecretsManagerClient;
  /** Overrides for tests (the service clients' fetch). */
  fetch?: typeof globalThis.fetch;
}

/** The real clients, created once when the module loads (once per container). */
export function defaultLambdaSources(options: { secret: boolean }): LambdaSources {
  const region = process.env.AWS_REGION;
  return {
    env: process.env,
    sqs: new SQSClient({ region, maxAttempts: 3 }),
    ...(options.secret
      ? { secretsManager: new SecretsManagerClient({ region, maxAttempts: 3 }) }
      : {}),
  };
}

/** Logs go to stdout synchronously: the environment may freeze right after the handler returns. */
export function lambdaLogger(level: string): Logger {
  return createLogger(level, pino.destination({ dest: 1, sync: true }));
}

export async function readSecret(client: SecretsManagerClient, secretId: string): Promise<string> {
  const found = await client.send(new GetSecretValueCommand({ SecretId: secretId }));
  if (found.SecretString === undefined)
    throw new Error(
      `The secret ${secretId} has no text value; put the JSON object of docs/DEPLOY.md in it.`,
    );
  return found.SecretString;
}

export interface LambdaContext {
  config: DeployedConfig;
  tenants: TenantRegistry;
  logger: Logger;
  queue: SqsWorkQueue;
}

/** Configuration and queue only: the schedule function reads no secret and touches no store. */
export async function loadQueueContext(sources: LambdaSources): Promise<LambdaContext> {
  const config = loadDeployedConfig(sources.env, undefined);
  const tenants = await loadTenantsFile(config.tenantsFile);
  return {
    config,
    tenants,
    logger: lambdaLogger(config.logLevel),
    queue: new SqsWorkQueue(sources.sqs, config.queueUrl),
  };
}

/**
 * A cold-start promise kept for the container's life. A failed start is not kept, so the next
 * invocation tries again (a secret fixed meanwhile is picked up without a redeploy).
 */
export function once<T>(start: () => Promise<T>): (() => Promise<T>) & {
  started(): Promise<T> | undefined;
} {
  let started: Promise<T> | undefined;
  const get = () => {
    if (!started) {
      started = start();
      started.catch(() => {
        started = undefined;
      });
    }
    return started;
  };
  return Object.assign(get, { started: () => started });
}

/**
 * The handler, with `close()` for a container that is shut down in-process (tests, the
 * benchmark): Lambda itself just freezes and discards the environment.
 */
export function withClose<H extends (...args: never[]) => unknown>(
  handler: H,
  start: { started(): Promise<LambdaContext & { runtime?: DeckhandRuntime }> | undefined },
): H & { close(): Promise<void> } {
  return Object.assign(handler, {
    async close() {
      const context = await start.started()?.catch(() => undefined);
      await context?.runtime?.close();
    },
  });
}
