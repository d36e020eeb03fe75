import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { CliIo } from '../../src/cli/cli-io.ts';
import { commandArgs, noPositionals, requiredTenant } from '../../src/cli/command-args.ts';
import { UsageError } from '../../src/cli/usage-error.ts';
import { EXAMPLE_TENANTS_FILE, loadConfig } from '../../src/config/config.ts';
import { loadTenantsFile } from '../../src/tenants/tenant-registry.ts';

function captureIo(): CliIo & { out(): string } {
  const stdout = new PassThrough();
  const chunks: Buffer[] = [];
  stdout.on('data', (c: Buffer) => chunks.push(c));
  return {
    env: {},
    stdin: new PassThrough(),
    stdout,
    stderr: new PassThrough(),
    out: () => Buffer.concat(chunks).toString('utf8'),
  };
}

const tenants = await loadTenantsFile(EXAMPLE_TENANTS_FILE);

describe('commandArgs', () => {
  it('adds --json to the command own options and keeps positionals', () => {
    const parsed = commandArgs(
      ['90412776', '--tenant', 'keys-reef-runner', '--json'],
      { tenant: { type: 'string' } },
      'Usage: x',
      captureIo(),
    );
    expect(parsed?.values).toEqual({ tenant: 'keys-reef-runner', json: true, help: false });
    expect(parsed?.positionals).toEqual(['90412776']);
  });

  it.each([['--help'], ['-h']])('prints the usage for %s and returns nothing to run', (flag) => {
    const io = captureIo();
    expect(commandArgs([flag], { tenant: { type: 'string' } }, 'Usage: deckhand x', io)).toBe(
      undefined,
    );
    expect(io.out()).toBe('Usage: deckhand x\n');
  });

  it('refuses an option the command does not take', () => {
    expect(() => commandArgs(['--bogus'], {}, 'Usage: x', captureIo())).toThrow(/--bogus/);
  });
});

describe('requiredTenant', () => {
  it('takes --tenant, else the configured default, else says what is missing', () => {
    const none = loadConfig({});
    const withDefault = loadConfig({ DECKHAND_DEFAULT_TENANT: 'keys-reef-runner' });
    expect(requiredTenant('queen-of-san-diego', withDefault, tenants, 'u').id).toBe(
      'queen-of-san-diego',
    );
    expect(requiredTenant(undefined, withDefault, tenants, 'u').id).toBe('keys-reef-runner');
    expect(() => requiredTenant(undefined, none, tenants, 'u')).toThrow(UsageError);
    expect(() => requiredTenant(undefined, none, tenants, 'u')).toThrow('Missing --tenant.');
  });
});

describe('noPositionals', () => {
  it('names the first unexpected argument', () => {
    expect(() => noPositionals([], 'u')).not.toThrow();
    expect(() => noPositionals(['extra', 'more'], 'u')).toThrow('Unexpected argument "extra".');
  });
});
