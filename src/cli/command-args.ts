/**
 * The options every `deckhand` command shares (`--json`, `--help`) and the handling of
 * `--help`, so each command lists only its own options.
 */
import { type ParseArgsConfig, parseArgs } from 'node:util';
import type { Config } from '../config/config.ts';
import type { TenantRegistry } from '../tenants/tenant-registry.ts';
import type { Tenant } from '../tenants/tenant-schema.ts';
import type { CliIo } from './cli-io.ts';
import { UsageError } from './usage-error.ts';

const SHARED_OPTIONS = {
  json: { type: 'boolean', default: false },
  help: { type: 'boolean', short: 'h', default: false },
} as const;

/**
 * Parses a command's arguments with its own options plus `--json` and `--help`. With `--help`
 * it prints the usage and returns undefined: the command then exits 0.
 */
export function commandArgs<const O extends NonNullable<ParseArgsConfig['options']>>(
  args: string[],
  options: O,
  usage: string,
  io: CliIo,
) {
  const parsed = parseArgs({
    args,
    allowPositionals: true as const,
    options: { ...options, ...SHARED_OPTIONS },
  });
  // Inside this generic function TypeScript cannot see that help is among the options.
  if ((parsed.values as { help?: boolean }).help) {
    io.stdout.write(`${usage}\n`);
    return undefined;
  }
  return parsed;
}

/** `--tenant`, else DECKHAND_DEFAULT_TENANT; a usage error naming the command when neither. */
export function requiredTenant(
  tenantId: string | undefined,
  config: Config,
  tenants: TenantRegistry,
  usage: string,
): Tenant {
  const id = tenantId ?? config.defaultTenant;
  if (!id) throw new UsageError('Missing --tenant.', usage);
  return tenants.get(id);
}

/** Refuses positional arguments a command does not take. */
export function noPositionals(positionals: string[], usage: string): void {
  if (positionals.length > 0)
    throw new UsageError(`Unexpected argument "${positionals[0]}".`, usage);
}
