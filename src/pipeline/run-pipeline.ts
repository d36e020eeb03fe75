/**
 * Runs a booking's pipeline to completion, exactly once per step and input. Each step is
 * claimed with one conditional write and a lease; independent steps run concurrently; a
 * transient failure is retried with backoff and jitter, a permanent one stops the step with a
 * reason. A library call, not a daemon: it can run from the CLI, the server or a queue consumer,
 * and a second runner (or a re-run after a crash) only does what is still unfinished.
 */
import { createHash, randomUUID } from 'node:crypto';
import pRetry from 'p-retry';
import type { Booking } from '../bookings/booking.ts';
import { VersionConflictError } from '../bookings/booking.ts';
import { PermanentError, TransientError } from '../external-errors.ts';
import { classifyAwsError } from '../storage/aws-errors.ts';
import type { Tenant } from '../tenants/tenant-schema.ts';
import type { PipelineDeps } from './pipeline-deps.ts';
import type { PipelineStep, StepName } from './pipeline-step.ts';
import type { PipelineEvent, StepRecord, StepStatus } from './step-record.ts';
import { PIPELINE_STEPS } from './steps/index.ts';

export interface PipelineOutcome {
  booking: Booking;
  steps: Record<
    StepName,
    { status: StepStatus | 'waiting'; result: Record<string, unknown> | null; error: string | null }
  >;
  /** True when every step is done for the booking's current data. */
  complete: boolean;
}

/** Stable JSON (sorted keys) hashed, so the same inputs always give the same hash. */
export function hashInputs(value: unknown): string {
  const stable = (v: unknown): unknown =>
    Array.isArray(v)
      ? v.map(stable)
      : v && typeof v === 'object'
        ? Object.fromEntries(
            Object.keys(v as object)
              .sort()
              .map((k) => [k, stable((v as Record<string, unknown>)[k])]),
          )
        : v;
  return createHash('sha256')
    .update(JSON.stringify(stable(value)))
    .digest('hex')
    .slice(0, 32);
}

function describe(error: unknown): { message: string; permanent: boolean } {
  if (error instanceof PermanentError)
    return { message: `${error.message}${error.hint ? ` (${error.hint})` : ''}`, permanent: true };
  if (error instanceof TransientError) return { message: error.message, permanent: false };
  // Anything else is a bug or an unexpected condition: stop and show it rather than loop.
  return {
    message: error instanceof Error ? `${error.name}: ${error.message}` : String(error),
    permanent: true,
  };
}

/**
 * An AWS SDK error a step let through (a DynamoDB call of the built-in SCC's scrub, the crew
 * store): sorted like the S3 errors the steps classify themselves, so a throttle or a 5xx that
 * outlasted the SDK's own retries is retried rather than reported as needing a person.
 */
function isAwsSdkError(error: unknown): boolean {
  return (
    error instanceof Error &&
    !(error instanceof TransientError) &&
    !(error instanceof PermanentError) &&
    typeof (error as { $metadata?: unknown }).$metadata === 'object'
  );
}

/** A step's failure as the runner's retry policy sees it. */
function asStepError(error: unknown): unknown {
  return isAwsSdkError(error) ? classifyAwsError('AWS', error) : error;
}

class StepRun {
  readonly records = new Map<StepName, StepRecord>();

  constructor(
    readonly booking: Booking,
    readonly tenant: Tenant,
    readonly deps: PipelineDeps,
    readonly owner: string,
  ) {}

  async emit(event: Omit<PipelineEvent, 'seq' | 'at'>): Promise<void> {
    const stored = await this.deps.store.appendEvent(
      this.booking.tenantId,
      this.booking.bookingId,
      {
        ...event,
        at: this.deps.clock().toISOString(),
      },
    );
    this.deps.onEvent?.(this.booking.tenantId, this.booking.bookingId, stored);
  }

  /** Runs one step unless it is done for these inputs or another runner holds it. */
  async runStep(step: PipelineStep): Promise<void> {
    const { booking, tenant, deps } = this;
    const inputHash = hashInputs(step.inputs(booking, tenant));
    const upstream: Partial<Record<StepName, Record<string, unknown>>> = {};
    for (const dependency of step.dependsOn) {
      const record = this.records.get(dependency);
      if (record?.status !== 'done') return; // waits for its dependency: a later run takes it
      upstream[dependency] = record.result ?? {};
    }
    const previous = this.records.get(step.name);
    const claimed = await deps.store.claimStep(booking.tenantId, booking.bookingId, step.name, {
      owner: this.owner,
      leaseMs: deps.leaseMs ?? 60_000,
      inputHash,
      version: booking.version,
      now: deps.clock().getTime(),
    });
    if (!claimed) return;
    await this.emit({ type: 'step_started', step: step.name, message: `${step.name} started` });
    const idempotencyKey = `${booking.tenantId}/${booking.bookingId}/${step.name}/v${booking.version}`;
    const retry = deps.retry ?? { retries: 4, minTimeoutMs: 200, maxTimeoutMs: 3_000 };
    let result: Record<string, unknown>;
    try {
      result = await pRetry(
        () =>
          step
            .run({
              booking,
              tenant,
              deps,
              previous: previous ?? claimed,
              upstream,
              idempotencyKey,
            })
            .catch((error: unknown) => {
              throw asStepError(error);
            }),
        {
          retries: retry.retries,
          minTimeout: retry.minTimeoutMs,
          maxTimeout: retry.maxTimeoutMs,
          randomize: true,
          shouldRetry: ({ error }) => error instanceof TransientError,
          onFailedAttempt: async ({ error, attemptNumber, retriesLeft }) => {
            if (error instanceof TransientError && retriesLeft > 0) {
              await this.emit({
                type: 'step_retrying',
                step: step.name,
                message: `${step.name} attempt ${attemptNumber} failed, retrying: ${error.message}`,
              });
            }
          },
        },
      );
    } catch (error) {
      const { message, permanent } = describe(error);
      const now = deps.clock().getTime();
      const failure = { error: message, permanent, inputHash, now };
      if (
        await deps.store.failStep(
          booking.tenantId,
          booking.bookingId,
          step.name,
          this.owner,
          failure,
        )
      ) {
        this.records.set(step.name, {
          ...claimed,
          status: 'failed',
          lastError: message,
          lastErrorPermanent: permanent,
        });
        await this.emit({
          type: 'step_failed',
          step: step.name,
          message: `${step.name} failed: ${message}`,
          detail: { permanent },
        });
      }
      return;
    }
    // Outside the try: if recording fails, the run stops like a crash; the step's lease runs
    // out and the next runner redoes it with the same idempotency key, creating nothing twice.
    const outcome = { result, inputHash, version: booking.version, now: deps.clock().getTime() };
    if (
      await deps.store.completeStep(
        booking.tenantId,
        booking.bookingId,
        step.name,
        this.owner,
        outcome,
      )
    ) {
      this.records.set(step.name, {
        ...claimed,
        status: 'done',
        result,
        inputHash,
        forVersion: booking.version,
      });
      await this.emit({
        type: 'step_done',
        step: step.name,
        message: `${step.name} done`,
        detail: result,
      });
    }
  }
}

/**
 * Runs every unfinished step of a booking. Steps whose dependencies finish in this run start
 * as soon as they do, so the run takes as long as the slowest chain of calls. With
 * `deps.limit`, the run waits for a free slot first (the process's concurrency cap).
 */
export function runPipeline(
  tenant: Tenant,
  bookingId: string,
  deps: PipelineDeps,
): Promise<PipelineOutcome> {
  return deps.limit
    ? deps.limit(() => runUnlimited(tenant, bookingId, deps))
    : runUnlimited(tenant, bookingId, deps);
}

async function runUnlimited(
  tenant: Tenant,
  bookingId: string,
  deps: PipelineDeps,
): Promise<PipelineOutcome> {
  const booking = await deps.store.get(tenant.id, bookingId);
  if (!booking) throw new Error(`booking ${bookingId} of ${tenant.id} does not exist`);
  const run = new StepRun(booking, tenant, deps, `runner-${randomUUID()}`);
  for (const record of await deps.store.getSteps(tenant.id, bookingId))
    run.records.set(record.step as StepName, record);

  if (booking.status !== 'draft') {
    const started = new Map<StepName, Promise<void>>();
    const start = (step: PipelineStep): Promise<void> => {
      const existing = started.get(step.name);
      if (existing) return existing;
      const promise = (async () => {
        await Promise.all(
          step.dependsOn.map((name) => {
            const dependency = PIPELINE_STEPS.find((s) => s.name === name);
            return dependency ? start(dependency) : Promise.resolve();
          }),
        );
        await run.runStep(step);
      })();
      started.set(step.name, promise);
      return promise;
    };
    await Promise.all(PIPELINE_STEPS.map(start));
  }

  return finish(run, deps);
}

/** Where a booking's pipeline stands, from its stored step records. Pure: changes nothing. */
export function pipelineStatus(
  booking: Booking,
  tenant: Tenant,
  records: ReadonlyMap<string, StepRecord>,
): PipelineOutcome {
  const steps = {} as PipelineOutcome['steps'];
  let complete = booking.status !== 'draft';
  for (const step of PIPELINE_STEPS) {
    const record = records.get(step.name);
    const current =
      record?.status === 'done' && record.inputHash === hashInputs(step.inputs(booking, tenant));
    if (!current) complete = false;
    steps[step.name] = {
      status: record
        ? record.status === 'done' && !current
          ? 'pending'
          : record.status
        : 'waiting',
      result: record?.result ?? null,
      error: record?.lastError ?? null,
    };
  }
  return { booking, steps, complete };
}

async function finish(run: StepRun, deps: PipelineDeps): Promise<PipelineOutcome> {
  const outcome = pipelineStatus(run.booking, run.tenant, run.records);
  if (outcome.complete && run.booking.status === 'approved') {
    try {
      outcome.booking = await deps.store.update(run.booking, { status: 'active' }, deps.clock());
      await run.emit({ type: 'pipeline_done', message: 'every step is done' });
    } catch (error) {
      // Another runner finished it first: nothing lost.
      if (!(error instanceof VersionConflictError)) throw error;
      outcome.booking =
        (await deps.store.get(run.booking.tenantId, run.booking.bookingId)) ?? run.booking;
    }
  }
  return outcome;
}
