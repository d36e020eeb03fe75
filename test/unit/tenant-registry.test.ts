/** Unit tests for the tenants file: loading, validation with every problem at once, lookups. */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ConfigError, UnknownTenantError } from '../../src/errors.ts';
import {
  loadTenantsFile,
  parseTenantsFile,
  TenantRegistry,
} from '../../src/tenants/tenant-registry.ts';
import { isKnownTimeZone } from '../../src/tenants/tenant-schema.ts';

const EXAMPLE_FILE = fileURLToPath(new URL('../../config/tenants.example.yml', import.meta.url));

interface Mistakes {
  timezone?: string;
  captainRate?: number;
  secondId?: string;
  firstRole?: string;
  extraKey?: string;
}

/** A small valid tenants file; each option plants one mistake. */
function tenantsYaml(m: Mistakes = {}): string {
  return `
tenants:
  - id: alpha-charters
    name: Alpha Charters
    domain: alpha.example.com
    timezone: ${m.timezone ?? 'America/Los_Angeles'}
    bucket: alpha-guest-pages
    calendarId: alpha-ops
    contact: { phone: "+1 555 0100", email: ops@alpha.example.com }
    departure: { name: Dock A, address: 1 Harbor Way }
    pricing:
      revenue: gross
      captain: { rateCents: ${m.captainRate ?? 5000} }
      crew: { rateCents: 2500, standardCount: 1 }
    roster:
      - { id: rosa, name: Rosa, roles: [${m.firstRole ?? 'captain'}] }
      - { id: ${m.secondId ?? 'kai'}, name: Kai, roles: [deckhand] }
${m.extraKey ? `    ${m.extraKey}: blue\n` : ''}`;
}

function errorOf(action: () => unknown): unknown {
  try {
    action();
  } catch (error) {
    return error;
  }
  throw new Error('expected an error, nothing was thrown');
}

function configErrorOf(action: () => unknown): ConfigError {
  const error = errorOf(action);
  if (error instanceof ConfigError) return error;
  throw error;
}

describe('loadTenantsFile with the example file', () => {
  it('loads both example tenants with their time zones', async () => {
    // Act
    const registry = await loadTenantsFile(EXAMPLE_FILE);

    // Assess
    expect(registry.list().map((t) => [t.id, t.timezone])).toEqual([
      ['queen-of-san-diego', 'America/Los_Angeles'],
      ['keys-reef-runner', 'America/New_York'],
    ]);
  });

  it('reports a missing file as a ConfigError that names DECKHAND_TENANTS_FILE', async () => {
    // Act
    const error = await loadTenantsFile('/nonexistent/deckhand/tenants.yml').catch(
      (e: unknown) => e,
    );

    // Assess
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems).toEqual([
      'cannot be read (ENOENT); set DECKHAND_TENANTS_FILE to a readable YAML file',
    ]);
    expect((error as ConfigError).message).toContain('/nonexistent/deckhand/tenants.yml');
  });
});

describe('parseTenantsFile', () => {
  it('accepts a valid file and fills in the defaults', () => {
    // Act
    const tenant = parseTenantsFile(tenantsYaml(), 'tenants.yml').get('alpha-charters');

    // Assess
    expect(tenant.timezone).toBe('America/Los_Angeles');
    expect(tenant.currency).toBe('USD');
    expect(tenant.callMinutesBefore).toBe(60);
    expect(tenant.pricing.captain).toEqual({
      rateCents: 5_000,
      paidMinutesBefore: 0,
      paidMinutesAfter: 0,
      minimumPaidMinutes: 0,
    });
    expect(tenant.pricing.fees).toEqual([]);
    expect(tenant.houseRules).toEqual([]);
  });

  it('reports every problem at once, each with its path', () => {
    // Prepare
    const yaml = tenantsYaml({
      timezone: 'Mars/Olympus_Mons',
      captainRate: -5000,
      secondId: 'rosa',
      firstRole: 'deckhand',
      extraKey: 'colour',
    });

    // Act
    const error = configErrorOf(() => parseTenantsFile(yaml, 'tenants.yml'));

    // Assess
    expect(error.problems).toHaveLength(5);
    expect(error.problems).toEqual(
      expect.arrayContaining([
        'tenants[0].timezone: an IANA time zone like America/Los_Angeles',
        expect.stringMatching(/^tenants\[0\]\.pricing\.captain\.rateCents: /),
        'tenants[0].roster[1].id: duplicate roster id "rosa"',
        'tenants[0].roster: needs at least one person with the captain role',
        'tenants[0]: Unrecognized key: "colour"',
      ]),
    );
    expect(error.message).toMatch(/^Tenants file tenants\.yml is invalid:\n {2}- /);
  });

  it('still runs the cross-field checks when a field is also invalid', () => {
    // Act
    const error = configErrorOf(() =>
      parseTenantsFile(tenantsYaml({ timezone: 'Nope/Zone', secondId: 'rosa' }), 't.yml'),
    );

    // Assess
    expect(error.problems).toEqual([
      'tenants[0].timezone: an IANA time zone like America/Los_Angeles',
      'tenants[0].roster[1].id: duplicate roster id "rosa"',
    ]);
  });

  it('rejects a duplicate tenant id and a fee key that reuses "captain"', () => {
    // Prepare
    const one = tenantsYaml().replace('tenants:\n', '');
    const withFee = one.replace(
      'crew: { rateCents: 2500, standardCount: 1 }',
      'crew: { rateCents: 2500, standardCount: 1 }\n      fees:\n        - { key: captain, label: C, type: fixed, cents: 1 }',
    );

    // Act
    const error = configErrorOf(() => parseTenantsFile(`tenants:\n${one}${withFee}`, 't.yml'));

    // Assess
    expect(error.problems).toEqual([
      'tenants[1].pricing.fees[0].key: fee key "captain" is used twice (captain and crew are reserved)',
      'tenants[1].id: duplicate tenant id "alpha-charters"',
    ]);
  });

  it('turns invalid YAML into a ConfigError that says so', () => {
    // Act
    const error = configErrorOf(() => parseTenantsFile('tenants: [\n  - a: b', 'bad.yml'));

    // Assess
    expect(error.problems).toHaveLength(1);
    expect(error.problems[0]).toMatch(/^not valid YAML: /);
    expect(error.message).toContain('Tenants file bad.yml is invalid');
    expect(error.cause).toBeInstanceOf(Error);
  });

  it('treats an empty file as a problem at the root', () => {
    // Act
    const error = configErrorOf(() => parseTenantsFile('', 'empty.yml'));

    // Assess
    expect(error.problems).toEqual(['(root): Invalid input: expected object, received null']);
  });
});

describe('TenantRegistry.get', () => {
  const registry = parseTenantsFile(tenantsYaml(), 'tenants.yml');

  it('throws UnknownTenantError whose hint lists the known ids', () => {
    // Act
    const error = errorOf(() => registry.get('no-such-tenant'));

    // Assess
    expect(error).toBeInstanceOf(UnknownTenantError);
    const unknown = error as UnknownTenantError;
    expect(unknown.code).toBe('unknown_tenant');
    expect(unknown.message).toBe('Unknown tenant "no-such-tenant".');
    expect(unknown.hint).toBe(
      'Use one of: alpha-charters; tenants come from the tenants file (DECKHAND_TENANTS_FILE).',
    );
  });

  it('says "(none configured)" for an empty registry', () => {
    // Act
    const error = errorOf(() => new TenantRegistry([]).get('x'));

    // Assess
    expect(error).toBeInstanceOf(UnknownTenantError);
    expect((error as UnknownTenantError).hint).toMatch(/^Use one of: \(none configured\);/);
  });
});

describe('isKnownTimeZone', () => {
  it.each([
    ['America/Los_Angeles', true],
    ['America/New_York', true],
    ['UTC', true],
    ['Mars/Olympus_Mons', false],
    ['', false],
  ])('%j → %s', (zone, expected) => {
    // Act + Assess
    expect(isKnownTimeZone(zone)).toBe(expected);
  });
});
