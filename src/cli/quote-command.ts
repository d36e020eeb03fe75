/** `deckhand quote --tenant ID --revenue AMOUNT --hours H [--crew N] [--no-captain] [--guests N] [--json]` */
import { formatCents, parseAmountToCents, parseHoursToMinutes } from '../money/cents.ts';
import { type PriceBreakdown, priceCharter } from '../pricing/price-charter.ts';
import type { TenantRegistry } from '../tenants/tenant-registry.ts';
import type { Tenant } from '../tenants/tenant-schema.ts';
import { type CliIo, EXIT, printJson } from './cli-io.ts';
import { commandArgs, noPositionals } from './command-args.ts';
import { UsageError } from './usage-error.ts';

export const QUOTE_USAGE = `Usage: deckhand quote --tenant ID --revenue AMOUNT --hours H [--crew N] [--no-captain] [--guests N] [--json]

Prints the cost breakdown of a charter with the tenant's rates and fees.
  --tenant ID      a tenant from the tenants file
  --revenue AMOUNT revenue in dollars, e.g. 840.75 or 1,020
  --hours H        charter length in hours, e.g. 3 or 2.5
  --crew N         paid crew besides the captain (default: the tenant's standard crew)
  --no-captain     the operator does not supply a captain
  --guests N       guest count, for per-guest fees
  --json           print one JSON object`;

function count(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d{1,3}$/.test(value))
    throw new UsageError(`--${name} "${value}" is not a whole number.`, QUOTE_USAGE);
  return Number(value);
}

function table(
  tenant: Tenant,
  breakdown: PriceBreakdown,
  hours: string,
  captain: boolean,
  crew: number,
): string {
  const rows: [string, string][] = [['Revenue', formatCents(breakdown.revenueCents)]];
  // The reason hours differ from the trip's, as the Slack card says it, so the two never disagree.
  for (const line of breakdown.lines)
    rows.push([
      `${line.label} (${line.detail}${line.hoursWhy ? `: ${line.hoursWhy}` : ''})`,
      formatCents(-line.cents),
    ]);
  rows.push(
    ['Total cost', formatCents(breakdown.costCents)],
    ['Net', formatCents(breakdown.netCents)],
  );
  const width = Math.max(...rows.map(([label]) => label.length)) + 2;
  const who = [captain ? 'captain' : 'no captain', `${crew} crew`].join(' + ');
  const out = [`${tenant.name}: ${hours} h, ${who}`];
  for (const [i, [label, amount]] of rows.entries()) {
    if (i === rows.length - 2) out.push(`  ${'-'.repeat(width + 12)}`);
    out.push(`  ${label.padEnd(width)}${amount.padStart(12)}`);
  }
  for (const warning of breakdown.warnings) out.push(`Warning: ${warning}`);
  return `${out.join('\n')}\n`;
}

/** Runs `deckhand quote`. */
export function runQuoteCommand(args: string[], io: CliIo, tenants: TenantRegistry): number {
  const parsed = commandArgs(
    args,
    {
      tenant: { type: 'string' },
      revenue: { type: 'string' },
      hours: { type: 'string' },
      crew: { type: 'string' },
      'no-captain': { type: 'boolean', default: false },
      guests: { type: 'string' },
    },
    QUOTE_USAGE,
    io,
  );
  if (!parsed) return EXIT.ok;
  const { values, positionals } = parsed;
  noPositionals(positionals, QUOTE_USAGE);
  const missing = (['tenant', 'revenue', 'hours'] as const).filter((k) => values[k] === undefined);
  if (missing.length > 0)
    throw new UsageError(`Missing ${missing.map((k) => `--${k}`).join(', ')}.`, QUOTE_USAGE);

  const tenant = tenants.get(values.tenant ?? '');
  const revenueCents = parseAmountToCents(values.revenue ?? '');
  if (revenueCents === undefined || revenueCents < 0) {
    throw new UsageError(
      `--revenue "${values.revenue}" is not an amount in dollars.`,
      'Write it like 840.75 or 1,020.',
    );
  }
  const durationMinutes = parseHoursToMinutes(values.hours ?? '');
  if (durationMinutes === undefined || durationMinutes === 0) {
    throw new UsageError(
      `--hours "${values.hours}" is not a number of hours.`,
      'Write it like 3 or 2.5.',
    );
  }
  const crewCount = count('crew', values.crew) ?? tenant.pricing.crew.standardCount;
  const captain = !values['no-captain'];
  const breakdown = priceCharter(
    {
      revenueCents,
      durationMinutes,
      captain,
      crewCount,
      partySize: count('guests', values.guests),
    },
    tenant.pricing,
  );

  if (values.json) {
    printJson(io, { tenant: tenant.id, durationMinutes, captain, crewCount, ...breakdown });
  } else {
    io.stdout.write(table(tenant, breakdown, values.hours ?? '', captain, crewCount));
  }
  return EXIT.ok;
}
