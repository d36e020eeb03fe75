/**
 * The worker function: consumes the work queue (SQS) and runs each job with the same library
 * code the local server runs in-process (src/queue/run-job.ts). A message that fails, or is not
 * a job at all, is reported in `batchItemFailures` so SQS retries only it, and after the queue's
 * maxReceiveCount moves it to the dead-letter queue (which has an alarm); the others are done.
 */
import type { SQSBatchItemFailure, SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { InvalidJobError, parseJob } from '../queue/jobs.ts';
import { runJob } from '../queue/run-job.ts';
import {
  createSlackDeps,
  sharedSlackClient,
  slackCrewNotifier,
} from '../slack/create-slack-app.ts';
import { withSlackWorkspace } from '../slack/team-token-client.ts';
import { defaultLambdaSources, type LambdaSources, once, withClose } from './lambda-context.ts';
import { loadRuntimeContext } from './runtime-context.ts';

export function createWorkerHandler(
  sources: LambdaSources,
): ((event: SQSEvent) => Promise<SQSBatchResponse>) & { close(): Promise<void> } {
  const start = once(async () => {
    const context = await loadRuntimeContext(sources, {
      crewNotifiers: (config) => {
        const dm = slackCrewNotifier(config);
        return dm ? [dm] : [];
      },
    });
    const { config, tenants, runtime, logger, queue } = context;
    // One workspace's token, or (OAuth installs) each job's workspace's from the installation store.
    const client = sharedSlackClient(config, tenants, runtime.slackPorts.installations);
    const slack = createSlackDeps(config, tenants, runtime.slackPorts, client, { logger, queue });
    // The worker keeps the charter threads: the pipeline's events update them here.
    runtime.subscribe((tenantId, bookingId, event) =>
      slack.deps.thread.onEvent(tenantId, bookingId, event),
    );
    return { ...context, slack, client };
  });
  return withClose(async (event: SQSEvent): Promise<SQSBatchResponse> => {
    const { slack, client, logger, tenants } = await start();
    const batchItemFailures: SQSBatchItemFailure[] = [];
    await Promise.all(
      event.Records.map(async (record) => {
        try {
          const job = parseJob(record.body);
          const teamId = tenants.list().find((t) => t.id === job.tenantId)?.slack?.teamId;
          await withSlackWorkspace({ teamId }, () => runJob(slack.jobDeps, client, job));
        } catch (error) {
          logger.error(
            {
              err: error,
              messageId: record.messageId,
              receiveCount: record.attributes.ApproximateReceiveCount,
              invalid: error instanceof InvalidJobError,
            },
            'a queued job failed; SQS will retry it, then move it to the dead-letter queue',
          );
          batchItemFailures.push({ itemIdentifier: record.messageId });
        }
      }),
    );
    // Thread updates the jobs started finish before the environment freezes.
    await slack.idle();
    return { batchItemFailures };
  }, start);
}

export const handler = createWorkerHandler(defaultLambdaSources({ secret: true }));
