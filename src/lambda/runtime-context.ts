/**
 * The secret (read once, at cold start), the configuration with it, and deckhand's runtime on
 * DynamoDB and S3: what the Slack, worker and HTTP functions share.
 */
import { type DeployedConfig, deployedSettings, loadDeployedConfig } from '../config/config.ts';
import type { CrewNotifier } from '../crew/crew-notifier.ts';
import { SqsWorkQueue } from '../queue/sqs-queue.ts';
import { createRuntime, type DeckhandRuntime } from '../runtime/deckhand-runtime.ts';
import { loadTenantsFile } from '../tenants/tenant-registry.ts';
import {
  type LambdaContext,
  type LambdaSources,
  lambdaLogger,
  readSecret,
} from './lambda-context.ts';

export interface RuntimeContext extends LambdaContext {
  runtime: DeckhandRuntime;
}

/** The secret, the configuration and the runtime on DynamoDB and S3, for the other functions. */
export async function loadRuntimeContext(
  sources: LambdaSources,
  options: { crewNotifiers?: (config: DeployedConfig) => CrewNotifier[] } = {},
): Promise<RuntimeContext> {
  const { secretsId } = deployedSettings(sources.env, { secret: true });
  if (!sources.secretsManager) throw new Error('this function reads the secret: pass a client');
  const config = loadDeployedConfig(
    sources.env,
    await readSecret(sources.secretsManager, secretsId as string),
  );
  const tenants = await loadTenantsFile(config.tenantsFile);
  const logger = lambdaLogger(config.logLevel);
  const crewNotifiers = options.crewNotifiers?.(config) ?? [];
  const runtime = await createRuntime(config, tenants, {
    serve: false,
    logger,
    ...(config.builtInSecrets ? { secrets: config.builtInSecrets } : {}),
    ...(crewNotifiers.length > 0 ? { crewNotifiers } : {}),
    ...(sources.fetch ? { fetch: sources.fetch } : {}),
  });
  return {
    config,
    tenants,
    logger,
    queue: new SqsWorkQueue(sources.sqs, config.queueUrl),
    runtime,
  };
}
