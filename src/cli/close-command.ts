/**
 * `deckhand close BOOKING`: a charter's close-out from the command line, as the Slack modal does
 * it. Values not given keep the stored close-out's (re-closing edits it) or the plan's.
 */
import { VersionConflictError } from '../bookings/booking.ts';
import { type ActualHours, type ExtraCost, extraCostKinds } from '../closeout/close-out.ts';
import { closeOutCharter } from '../closeout/close-out-charter.ts';
import {
  type CloseOutActuals,
  CloseOutInputError,
  plannedActuals,
} from '../closeout/compute-actual.ts';
import type { Config } from '../config/config.ts';
import { formatCents, parseAmountToCents, parseHoursToMinutes } from '../money/cents.ts';
import type { TenantRegistry } from '../tenants/tenant-registry.ts';
import { type CliIo, EXIT, printable, printJson } from './cli-io.ts';
import { commandArgs } from './command-args.ts';
import { locate, withRuntime } from './pipeline-commands.ts';
import { parseNow, UsageError } from './usage-error.ts';

export const CLOSE_USAGE = `Usage: deckhand close BOOKING --tenant ID [--hours captain=3.5,rosa=5] [--cost fuel=45.00] [--cost cleaning=20:note] [--tips 50] [--refund 100] [--charge 25] [--json]

Records what a charter really cost and earned (docs/money.md). --hours gives hours worked by
roster id ("captain" is the charter's captain); people not named keep the stored or planned
hours. --cost (repeatable) is KIND=AMOUNT[:NOTE], KIND one of ${extraCostKinds.join(', ')}; given,
the costs replace the stored ones. Amounts are in dollars. Running it again edits the close-out.`;

function amount(option: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const cents = parseAmountToCents(value);
  if (cents === undefined || cents < 0) {
    throw new UsageError(`--${option} "${value}" is not an amount like 45.00.`, CLOSE_USAGE);
  }
  return cents;
}

function applyHours(
  base: ActualHours[],
  text: string | undefined,
  captainId: string | null,
): ActualHours[] {
  if (text === undefined) return base;
  const hours = base.map((h) => ({ ...h }));
  for (const pair of text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)) {
    const [who, value, ...rest] = pair.split('=');
    const minutes = value === undefined ? undefined : parseHoursToMinutes(value);
    if (!who || minutes === undefined || rest.length > 0) {
      throw new UsageError(`--hours "${pair}" is not PERSON=HOURS like rosa=5.`, CLOSE_USAGE);
    }
    const id = who === 'captain' ? captainId : who;
    const person = hours.find((h) => h.personId === id);
    if (!person) {
      const on = hours.map((h) => (h.role === 'captain' ? `captain (${h.personId})` : h.personId));
      throw new UsageError(
        `--hours: "${who}" is not on this charter${on.length > 0 ? ` (on it: ${on.join(', ')})` : ''}.`,
        CLOSE_USAGE,
      );
    }
    person.minutes = minutes;
  }
  return hours;
}

function parseCost(text: string): ExtraCost {
  const match = /^([a-z]+)=([^:]+)(?::(.*))?$/s.exec(text.trim());
  const kind = extraCostKinds.find((k) => k === match?.[1]);
  if (!match || !kind) {
    throw new UsageError(
      `--cost "${text}" is not KIND=AMOUNT[:NOTE] with KIND one of ${extraCostKinds.join(', ')}.`,
      CLOSE_USAGE,
    );
  }
  return { kind, cents: amount('cost', match[2]) ?? 0, note: (match[3] ?? '').trim() };
}

/** Runs `deckhand close`. */
export async function runCloseCommand(
  args: string[],
  io: CliIo,
  config: Config,
  tenants: TenantRegistry,
): Promise<number> {
  const parsed = commandArgs(
    args,
    {
      tenant: { type: 'string' },
      hours: { type: 'string' },
      cost: { type: 'string', multiple: true },
      tips: { type: 'string' },
      refund: { type: 'string' },
      charge: { type: 'string' },
      now: { type: 'string' },
    },
    CLOSE_USAGE,
    io,
  );
  if (!parsed) return EXIT.ok;
  const { values, positionals } = parsed;
  if (positionals.length !== 1) throw new UsageError('Give one BOOKING id.', CLOSE_USAGE);
  const tenantId = values.tenant ?? config.defaultTenant;
  if (!tenantId) throw new UsageError('Missing --tenant.', CLOSE_USAGE);
  const costs = values.cost?.map(parseCost);
  const tips = amount('tips', values.tips);
  const refund = amount('refund', values.refund);
  const charge = amount('charge', values.charge);
  const now = parseNow(values.now);
  return withRuntime(config, tenants, io, true, async (runtime) => {
    const { tenant, booking } = await locate(runtime, tenants, positionals[0] as string, tenantId);
    const closeOuts = runtime.slackPorts.closeOuts;
    const stored = await closeOuts.get(tenant.id, booking.bookingId);
    const planned = plannedActuals(booking, tenant);
    // A cancelled charter's close-out starts from a full refund (what the report counts for it);
    // said in the output, so nobody takes the kept revenue of $0 for a figure they gave.
    const refundAssumed =
      booking.status === 'cancelled' && refund === undefined && stored === undefined;
    const actuals: CloseOutActuals = {
      hours: applyHours(stored?.hours ?? planned.hours, values.hours, booking.assignment.captainId),
      extraCosts: costs ?? stored?.extraCosts ?? planned.extraCosts,
      tipsCents: tips ?? stored?.tipsCents ?? planned.tipsCents,
      refundCents: refund ?? stored?.refundCents ?? planned.refundCents,
      extraChargeCents: charge ?? stored?.extraChargeCents ?? planned.extraChargeCents,
    };
    try {
      const { closeOut, calendar } = await closeOutCharter(
        { closeOuts, pipeline: runtime.deps },
        {
          booking,
          tenant,
          actuals,
          expectedVersion: stored?.version ?? 0,
          by: `cli:${io.env.USER ?? 'unknown'}`,
          now,
        },
      );
      if (values.json) {
        printJson(io, {
          bookingId: booking.bookingId,
          version: closeOut.version,
          quoted: booking.price,
          actual: closeOut.actual,
          hours: closeOut.hours,
          extraCosts: closeOut.extraCosts,
          tipsCents: closeOut.tipsCents,
          refundCents: closeOut.refundCents,
          extraChargeCents: closeOut.extraChargeCents,
          history: closeOut.history,
          calendarUpdated: calendar.updated,
        });
        return EXIT.ok;
      }
      const a = closeOut.actual;
      io.stdout.write(
        [
          `Closed out ${booking.bookingId} (version ${closeOut.version}): actual net ${formatCents(a.netCents)} vs quoted ${formatCents(booking.price.netCents)}`,
          `  Revenue  ${formatCents(a.revenueCents)}`,
          ...a.lines.map(
            (l) => `  ${printable(l.label)} (${printable(l.detail)})  ${formatCents(l.cents)}`,
          ),
          `  Net      ${formatCents(a.netCents)}`,
          ...(refundAssumed
            ? [
                `  Cancelled charter: counted as fully refunded (${formatCents(closeOut.refundCents)}), as no --refund was given. Run again with --refund AMOUNT if the business kept part of the fare.`,
              ]
            : []),
          calendar.updated
            ? '  Calendar entry updated with the actual figures.'
            : `  Calendar entry not updated: ${calendar.reason}.`,
          '',
        ].join('\n'),
      );
      return EXIT.ok;
    } catch (error) {
      if (error instanceof CloseOutInputError) throw new UsageError(error.message, CLOSE_USAGE);
      if (error instanceof VersionConflictError) {
        io.stderr.write(
          `deckhand: someone else closed out ${booking.bookingId} while this ran; nothing was saved. Run deckhand close again to edit their version.\n`,
        );
        return EXIT.usage;
      }
      throw error;
    }
  });
}
