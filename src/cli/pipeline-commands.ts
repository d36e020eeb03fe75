/**
 * `deckhand book | status | list | retry | cancel`: the approval pipeline from the command line,
 * on the running server's stores when `npm start` runs, otherwise on the embedded stack.
 */
import type { Booking } from '../bookings/booking.ts';
import type { Config } from '../config/config.ts';
import { createLogger } from '../logging/logger.ts';
import { formatCents } from '../money/cents.ts';
import {
  applyChange,
  approveBooking,
  cancellationOf,
  findBooking,
  UnknownBookingError,
} from '../pipeline/book-from-intake.ts';
import { completeFinishedBookings } from '../pipeline/complete-finished-bookings.ts';
import { type PipelineOutcome, pipelineStatus, runPipeline } from '../pipeline/run-pipeline.ts';
import { createRuntime, type DeckhandRuntime } from '../runtime/deckhand-runtime.ts';
import type { TenantRegistry } from '../tenants/tenant-registry.ts';
import type { Tenant } from '../tenants/tenant-schema.ts';
import { formatInZone } from '../time/zoned.ts';
import { describeBooking, summarize } from './booking-output.ts';
import { type CliIo, EXIT, printable, printJson } from './cli-io.ts';
import { commandArgs, noPositionals, requiredTenant } from './command-args.ts';
import { readIntake } from './parse-command.ts';
import { parseNow, UsageError } from './usage-error.ts';

export const BOOK_USAGE = `Usage: deckhand book [FILE|-] --tenant ID [--text TEXT] [--captain ID|none] [--crew ID,ID] [--now ISO] [--json]

Parses a booking, approves it and runs the pipeline: guest page, crew page, calendar entry,
crew event, revenue scrub. Booking the same email again returns the same booking; a change
or cancellation email for a known booking applies it. Exit 3 when a step failed.`;
export const STATUS_USAGE = 'Usage: deckhand status BOOKING [--tenant ID] [--json]';
export const LIST_USAGE = 'Usage: deckhand list --tenant ID [--json]';
export const RETRY_USAGE = 'Usage: deckhand retry BOOKING [--tenant ID] [--json]';
export const CANCEL_USAGE = 'Usage: deckhand cancel BOOKING [--tenant ID] [--json]';

/** Exit code when the pipeline stopped with a failed step. */
export const EXIT_INCOMPLETE = 3;

export async function withRuntime<T>(
  config: Config,
  tenants: TenantRegistry,
  io: CliIo,
  json: boolean,
  work: (runtime: DeckhandRuntime) => Promise<T>,
): Promise<T> {
  const runtime = await createRuntime(config, tenants, {
    serve: false,
    logger: createLogger(config.logLevel === 'info' ? 'warn' : config.logLevel),
    // Progress to stderr for people; --json keeps stdout to one object.
    onEvent: json
      ? undefined
      : (_t, bookingId, event) => io.stderr.write(`  [${bookingId}] ${printable(event.message)}\n`),
  });
  try {
    return await work(runtime);
  } finally {
    await runtime.close();
  }
}

function report(
  io: CliIo,
  runtime: DeckhandRuntime,
  tenant: Tenant,
  outcome: PipelineOutcome,
  json: boolean,
  extra: Record<string, unknown> = {},
): number {
  const summary = summarize(outcome, {
    guestPageUrl: runtime.deps.guestPageUrl(tenant, outcome.booking.guestSlug),
    crewPageUrl: runtime.deps.crewPageUrl(tenant, outcome.booking.crewSlug),
  });
  if (json) printJson(io, { ...summary, ...extra });
  else io.stdout.write(describeBooking(summary, tenant, outcome.booking));
  return Object.keys(summary.errors).length > 0 ? EXIT_INCOMPLETE : EXIT.ok;
}

/** The tenant that holds a booking id: the given one, or the only one that knows it. */
export async function locate(
  runtime: DeckhandRuntime,
  tenants: TenantRegistry,
  id: string,
  tenantId: string | undefined,
): Promise<{ tenant: Tenant; booking: Booking }> {
  const candidates = tenantId ? [tenants.get(tenantId)] : tenants.list();
  for (const tenant of candidates) {
    try {
      return { tenant, booking: await findBooking(runtime.store, tenant, id) };
    } catch (error) {
      if (!(error instanceof UnknownBookingError)) throw error;
    }
  }
  throw new UnknownBookingError(
    'unknown_booking',
    `No booking "${id}"${tenantId ? ` for ${tenantId}` : ''}.`,
    {
      hint: 'Check the id (deckhand list --tenant ID shows them); a marketplace id works too.',
    },
  );
}

/** Runs `deckhand book`. */
export async function runBookCommand(
  args: string[],
  io: CliIo,
  config: Config,
  tenants: TenantRegistry,
): Promise<number> {
  const parsed = commandArgs(
    args,
    {
      tenant: { type: 'string' },
      text: { type: 'string' },
      captain: { type: 'string' },
      crew: { type: 'string' },
      now: { type: 'string' },
    },
    BOOK_USAGE,
    io,
  );
  if (!parsed) return EXIT.ok;
  const { values, positionals } = parsed;
  if (positionals.length > 1) throw new UsageError('book takes at most one FILE.', BOOK_USAGE);
  const tenant = requiredTenant(values.tenant, config, tenants, BOOK_USAGE);
  const now = parseNow(values.now);
  const intake = await readIntake(io, {
    path: positionals[0],
    text: values.text,
    now,
    timeZone: tenant.timezone,
  });
  const assignment = {
    ...(values.captain === undefined
      ? {}
      : { captainId: values.captain === 'none' ? null : values.captain }),
    ...(values.crew === undefined
      ? {}
      : {
          crewIds: values.crew
            .split(',')
            .map((s) => s.trim())
            .filter(Boolean),
        }),
  };
  return withRuntime(config, tenants, io, values.json, async (runtime) => {
    if (intake.kind === 'modification' || intake.kind === 'cancellation') {
      const { booking, changed } = await applyChange(
        runtime.store,
        tenant,
        intake,
        runtime.deps.clock(),
      );
      const outcome = await runPipeline(tenant, booking.bookingId, runtime.deps);
      return report(io, runtime, tenant, outcome, values.json, { applied: intake.kind, changed });
    }
    const { booking, created } = await approveBooking(runtime.store, tenant, intake, {
      assignment,
      now: runtime.deps.clock(),
    });
    if (!values.json) {
      io.stderr.write(
        created
          ? `Approved ${booking.bookingId}: ${formatInZone(new Date(booking.startsAt), tenant.timezone)}, net ${formatCents(booking.price.netCents)}\n`
          : `Already booked as ${booking.bookingId}; finishing anything left to do.\n`,
      );
    }
    const outcome = await runPipeline(tenant, booking.bookingId, runtime.deps);
    return report(io, runtime, tenant, outcome, values.json, { created });
  });
}

function bookingArgs(args: string[], usage: string, io: CliIo) {
  const parsed = commandArgs(args, { tenant: { type: 'string' } }, usage, io);
  if (!parsed) return undefined;
  if (parsed.positionals.length !== 1) throw new UsageError('Give one BOOKING id.', usage);
  const [id] = parsed.positionals as [string];
  return { id, tenantId: parsed.values.tenant, json: parsed.values.json };
}

/** Runs `deckhand status`: the booking, its steps and its event log. */
export async function runStatusCommand(
  args: string[],
  io: CliIo,
  config: Config,
  tenants: TenantRegistry,
): Promise<number> {
  const parsed = bookingArgs(args, STATUS_USAGE, io);
  if (!parsed) return EXIT.ok;
  return withRuntime(config, tenants, io, true, async (runtime) => {
    const { tenant, booking } = await locate(runtime, tenants, parsed.id, parsed.tenantId);
    const records = new Map(
      (await runtime.store.getSteps(tenant.id, booking.bookingId)).map((r) => [r.step, r]),
    );
    const outcome = pipelineStatus(booking, tenant, records);
    const events = await runtime.store.listEvents(tenant.id, booking.bookingId);
    if (parsed.json) return report(io, runtime, tenant, outcome, true, { events });
    const code = report(io, runtime, tenant, outcome, false);
    io.stdout.write(
      `  Events\n${events.map((e) => `    ${e.at}  ${printable(e.message)}\n`).join('')}`,
    );
    return code;
  });
}

/** Runs `deckhand list`. */
export async function runListCommand(
  args: string[],
  io: CliIo,
  config: Config,
  tenants: TenantRegistry,
): Promise<number> {
  const parsed = commandArgs(args, { tenant: { type: 'string' } }, LIST_USAGE, io);
  if (!parsed) return EXIT.ok;
  const { values, positionals } = parsed;
  noPositionals(positionals, LIST_USAGE);
  const tenant = requiredTenant(values.tenant, config, tenants, LIST_USAGE);
  return withRuntime(config, tenants, io, true, async (runtime) => {
    await completeFinishedBookings(runtime.store, tenant, runtime.deps.clock());
    const bookings = await runtime.store.listByTenant(tenant.id);
    const rows = bookings.map((b) => ({
      bookingId: b.bookingId,
      marketplaceId: b.marketplaceId,
      status: b.status,
      startsAt: b.startsAt,
      guestName: b.details.guestName,
      partySize: b.details.partySize,
      netCents: b.price.netCents,
      guestPageUrl: runtime.deps.guestPageUrl(tenant, b.guestSlug),
    }));
    if (values.json) {
      printJson(io, { tenant: tenant.id, bookings: rows });
    } else if (rows.length === 0) {
      io.stdout.write(`No bookings for ${tenant.name} yet.\n`);
    } else {
      for (const row of rows) {
        io.stdout.write(
          `${row.bookingId}  ${row.status.padEnd(9)}  ${formatInZone(new Date(row.startsAt), tenant.timezone)}  ${printable(row.guestName ?? '—')} (${row.partySize ?? '?'})  net ${formatCents(row.netCents)}\n`,
        );
      }
    }
    return EXIT.ok;
  });
}

/** Runs `deckhand retry`: failed steps become pending again, then the pipeline runs. */
export async function runRetryCommand(
  args: string[],
  io: CliIo,
  config: Config,
  tenants: TenantRegistry,
): Promise<number> {
  const parsed = bookingArgs(args, RETRY_USAGE, io);
  if (!parsed) return EXIT.ok;
  return withRuntime(config, tenants, io, parsed.json, async (runtime) => {
    const { tenant, booking } = await locate(runtime, tenants, parsed.id, parsed.tenantId);
    const reset = await runtime.store.resetFailedSteps(
      tenant.id,
      booking.bookingId,
      runtime.deps.clock(),
    );
    const outcome = await runPipeline(tenant, booking.bookingId, runtime.deps);
    return report(io, runtime, tenant, outcome, parsed.json, { retried: reset });
  });
}

/** Runs `deckhand cancel`: the guest page becomes a notice, the event and entry are cancelled. */
export async function runCancelCommand(
  args: string[],
  io: CliIo,
  config: Config,
  tenants: TenantRegistry,
): Promise<number> {
  const parsed = bookingArgs(args, CANCEL_USAGE, io);
  if (!parsed) return EXIT.ok;
  return withRuntime(config, tenants, io, parsed.json, async (runtime) => {
    const { tenant, booking } = await locate(runtime, tenants, parsed.id, parsed.tenantId);
    const cancellation = cancellationOf(booking.bookingId);
    const { changed } = await applyChange(
      runtime.store,
      tenant,
      cancellation,
      runtime.deps.clock(),
    );
    const outcome = await runPipeline(tenant, booking.bookingId, runtime.deps);
    return report(io, runtime, tenant, outcome, parsed.json, { changed });
  });
}
