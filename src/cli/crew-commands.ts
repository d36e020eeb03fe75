/** `deckhand crew BOOKING` (who is on it, and their answers) and `deckhand crew assign`. */
import type { Config } from '../config/config.ts';
import { ROLE_NAMES } from '../crew/crew-briefing.ts';
import { assignReplacement, suggestReplacements } from '../crew/replacements.ts';
import { runPipeline } from '../pipeline/run-pipeline.ts';
import type { TenantRegistry } from '../tenants/tenant-registry.ts';
import { crewRoleSchema, type Tenant } from '../tenants/tenant-schema.ts';
import { type CliIo, EXIT, printable, printJson } from './cli-io.ts';
import { commandArgs } from './command-args.ts';
import { locate, withRuntime } from './pipeline-commands.ts';
import { UsageError } from './usage-error.ts';

export const CREW_USAGE = `Usage: deckhand crew BOOKING [--tenant ID] [--json]
       deckhand crew assign BOOKING --role ROLE --person ID [--tenant ID] [--json]

Shows who is on a charter and their answers (pending, confirmed, declined), with people who
could replace anyone who declined; or puts a person on the charter in a role (captain,
first_mate, deckhand, host), in place of whoever declined in that role. The new person is
notified, the crew page and the crew event are updated.`;

export async function runCrewCommand(
  args: string[],
  io: CliIo,
  config: Config,
  tenants: TenantRegistry,
): Promise<number> {
  const assign = args[0] === 'assign';
  const parsed = commandArgs(
    assign ? args.slice(1) : args,
    { tenant: { type: 'string' }, role: { type: 'string' }, person: { type: 'string' } },
    CREW_USAGE,
    io,
  );
  if (!parsed) return EXIT.ok;
  const { values, positionals } = parsed;
  if (positionals.length !== 1) throw new UsageError('Give one BOOKING id.', CREW_USAGE);
  const role = values.role === undefined ? undefined : crewRoleSchema.safeParse(values.role);
  if (assign && (!role?.success || !values.person)) {
    throw new UsageError(
      'crew assign needs --role (captain, first_mate, deckhand or host) and --person.',
      CREW_USAGE,
    );
  }
  return withRuntime(config, tenants, io, values.json, async (runtime) => {
    const { tenant, booking } = await locate(
      runtime,
      tenants,
      positionals[0] as string,
      values.tenant,
    );
    if (assign && role?.success && values.person) {
      const declined = new Set(
        (await runtime.deps.crew.store.list(tenant.id, booking.bookingId))
          .filter((a) => a.state === 'declined')
          .map((a) => a.personId),
      );
      await assignReplacement(
        runtime.store,
        tenant,
        booking.bookingId,
        { role: role.data, personId: values.person },
        runtime.deps.clock(),
        declined,
      );
      await runPipeline(tenant, booking.bookingId, runtime.deps);
    }
    return printCrew(io, runtime, tenant, booking.bookingId, values.json);
  });
}

async function printCrew(
  io: CliIo,
  runtime: Parameters<Parameters<typeof withRuntime>[4]>[0],
  tenant: Tenant,
  bookingId: string,
  json: boolean,
): Promise<number> {
  const booking = await runtime.store.get(tenant.id, bookingId);
  if (!booking) return EXIT.usage;
  const assignments = (await runtime.deps.crew.store.list(tenant.id, bookingId)).filter(
    (a) => a.state !== 'replaced',
  );
  const others = await runtime.store.listByTenant(tenant.id);
  const rows = assignments.map((a) => ({
    personId: a.personId,
    name: tenant.roster.find((m) => m.id === a.personId)?.name ?? a.personId,
    role: a.role,
    state: a.state,
    lastAnswer:
      [...a.history].reverse().find((h) => h.action === 'confirmed' || h.action === 'declined') ??
      null,
    remindersSent: a.remindersSent,
    replacements:
      a.state === 'declined'
        ? suggestReplacements(tenant, booking, a.role, others).map((m) => m.id)
        : [],
  }));
  if (json) {
    printJson(io, { bookingId, crew: rows });
    return EXIT.ok;
  }
  if (rows.length === 0)
    io.stdout.write('No crew assignments yet (the pipeline creates them after the crew event).\n');
  for (const row of rows) {
    const reason = row.lastAnswer?.reason ? `: ${printable(row.lastAnswer.reason)}` : '';
    io.stdout.write(
      `${printable(row.name).padEnd(20)} ${ROLE_NAMES[row.role].padEnd(11)} ${row.state}${reason}\n`,
    );
    if (row.replacements.length > 0) {
      io.stdout.write(
        `${''.padEnd(20)} could replace: ${row.replacements.join(', ')}  (deckhand crew assign ${bookingId} --role ${row.role} --person ID)\n`,
      );
    }
  }
  return EXIT.ok;
}
