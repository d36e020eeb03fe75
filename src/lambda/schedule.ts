/**
 * The schedule function (EventBridge rules, infra/): every minute `{"task":"reminders"}`, every
 * five minutes `{"task":"complete"}` (charters that ended, and the guests' photo recount) —
 * what `deckhand serve` does on its interval. It only queues
 * one job per tenant; the worker sends the reminders and completes the bookings. It reads no
 * secret and opens no store.
 */
import { z } from 'zod';
import { describeZodIssues } from '../config/zod-problems.ts';
import {
  defaultLambdaSources,
  type LambdaSources,
  loadQueueContext,
  once,
  withClose,
} from './lambda-context.ts';

const scheduleEvent = z.object({ task: z.enum(['reminders', 'complete']) });

export function createScheduleHandler(
  sources: LambdaSources,
): ((event: unknown) => Promise<{ queued: number }>) & { close(): Promise<void> } {
  const start = once(() => loadQueueContext(sources));
  return withClose(async (event: unknown): Promise<{ queued: number }> => {
    const { tenants, queue } = await start();
    const read = scheduleEvent.safeParse(event);
    if (!read.success)
      throw new Error(
        `The schedule's input must be {"task":"reminders"} or {"task":"complete"}: ${describeZodIssues(read.error.issues).join('; ')}`,
      );
    // Every five minutes also the photo recount: photos whose browser never said they landed.
    const types =
      read.data.task === 'reminders'
        ? (['reminders.send'] as const)
        : (['bookings.complete', 'photos.count'] as const);
    for (const tenant of tenants.list())
      for (const type of types) await queue.send({ type, tenantId: tenant.id });
    return { queued: tenants.list().length * types.length };
  }, start);
}

export const handler = createScheduleHandler(defaultLambdaSources({ secret: false }));
