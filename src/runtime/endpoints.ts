/**
 * Where the stores and the HTTP server are: the configured AWS endpoints, another local process's
 * embedded stack (npm start's stack.json), or an embedded stack this process starts. Also where
 * page links point, which depends on the same answer.
 */
import type { Config } from '../config/config.ts';
import type { AwsClients, AwsEndpoints } from '../storage/aws-clients.ts';
import {
  type EmbeddedStack,
  findRunningStack,
  startEmbeddedStack,
} from '../storage/embedded-stack.ts';
import { ensureBuckets } from '../storage/ensure-buckets.ts';
import { ensureTable } from '../storage/table-design.ts';
import type { TenantRegistry } from '../tenants/tenant-registry.ts';
import type { Tenant } from '../tenants/tenant-schema.ts';

export interface ResolvedEndpoints {
  endpoints: AwsEndpoints;
  /** The embedded stores when this process owns them. */
  stack: EmbeddedStack | undefined;
  /** The running server of the process that owns the stores, when this one only attaches. */
  attachedHttpUrl: string | undefined;
}

/**
 * Local mode: when `npm start` runs, its stack.json tells other processes (the CLI) where its
 * stores and services are; otherwise the process starts the embedded stack itself. The server
 * (`serve`) always owns its stack.
 */
export async function resolveEndpoints(config: Config, serve: boolean): Promise<ResolvedEndpoints> {
  const configured: AwsEndpoints = {
    region: config.aws.region,
    dynamodbEndpoint: config.aws.dynamodbEndpoint,
    s3Endpoint: config.aws.s3Endpoint,
  };
  if (!config.embedded)
    return { endpoints: configured, stack: undefined, attachedHttpUrl: undefined };
  const running = serve ? undefined : await findRunningStack(config.dataDir);
  if (running?.httpUrl) {
    return {
      endpoints: {
        ...configured,
        dynamodbEndpoint: running.dynamodbEndpoint,
        s3Endpoint: running.s3Endpoint,
      },
      stack: undefined,
      attachedHttpUrl: running.httpUrl,
    };
  }
  const stack = await startEmbeddedStack(config.dataDir);
  return {
    endpoints: {
      ...configured,
      dynamodbEndpoint: stack.info.dynamodbEndpoint,
      s3Endpoint: stack.info.s3Endpoint,
    },
    stack,
    attachedHttpUrl: undefined,
  };
}

/** A freshly started embedded stack gets the table and the tenants' buckets. */
export async function prepareEmbeddedStores(
  stack: EmbeddedStack | undefined,
  clients: AwsClients,
  config: Config,
  tenants: TenantRegistry,
): Promise<void> {
  if (!stack) return;
  await ensureTable(clients.dynamo, config.tableName);
  await ensureBuckets(
    clients.s3,
    tenants.list().map((t) => t.bucket),
  );
}

/**
 * Page links: the configured public URL; locally the server's address (npm start's port); on AWS
 * the tenant's own domain behind CloudFront. `serviceUrl` is asked at each call: the server's
 * address is known only once it listens.
 */
export function pageBaseFor(
  config: Config,
  localServer: boolean,
  serviceUrl: () => string,
): (tenant: Tenant) => string {
  return (tenant) =>
    config.publicUrl ??
    (config.embedded
      ? localServer
        ? serviceUrl()
        : `http://127.0.0.1:${config.port}`
      : `https://${tenant.domain}`);
}
