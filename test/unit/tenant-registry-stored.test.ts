/** The registry with stored tenants: file + store, ids unique across both, file tenants read-only, the cache's age. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { UnknownTenantError } from '../../src/errors.ts';
import { MemoryTenantStore } from '../../src/storage/memory-tenant-store.ts';
import { parseTenantsFile, TenantReadOnlyError } from '../../src/tenants/tenant-registry.ts';
import type { Tenant } from '../../src/tenants/tenant-schema.ts';
import { EXAMPLE_TENANTS_FILE } from '../../src/tenants/tenant-settings.ts';

const yaml = readFileSync(EXAMPLE_TENANTS_FILE, 'utf8');
const fileIds = parseTenantsFile(yaml, 'example')
  .list()
  .map((t) => t.id);
const fileTenant = parseTenantsFile(yaml, 'example').list()[0] as Tenant;
const stored = (id: string, name = 'Stored Charters'): Tenant => ({ ...fileTenant, id, name });
const at = new Date('2099-01-01T00:00:00.000Z');

function setup() {
  let now = 1_000_000;
  const store = new MemoryTenantStore();
  const registry = parseTenantsFile(yaml, 'example');
  const seen: string[] = [];
  registry.useStore(store, {
    maxAgeMs: 30_000,
    now: () => now,
    onTenant: async (t) => {
      seen.push(t.id);
    },
  });
  return { store, registry, seen, advance: (ms: number) => (now += ms) };
}

describe('TenantRegistry with stored tenants', () => {
  it('lists the file tenants and the stored ones after refresh, and says where each comes from', async () => {
    const { store, registry, seen } = setup();
    await store.save(stored('second-boat'), { expectedVersion: 0, by: 'U1', at });
    expect(() => registry.get('second-boat')).toThrow(UnknownTenantError);
    await registry.refresh();
    expect(registry.list().map((t) => t.id)).toEqual([...fileIds, 'second-boat']);
    expect(registry.source(fileTenant.id)).toBe('file');
    expect(registry.source('second-boat')).toBe('stored');
    expect(registry.stored('second-boat')?.version).toBe(1);
    expect(seen).toEqual(['second-boat']);
  });

  it('never loads a stored tenant whose id the file has, and refuses to save one', async () => {
    const { store, registry } = setup();
    await store.save(stored(fileTenant.id, 'Impostor'), { expectedVersion: 0, by: 'U1', at });
    await registry.refresh();
    expect(registry.get(fileTenant.id).name).toBe(fileTenant.name);
    expect(registry.list()).toHaveLength(fileIds.length);
    const saving = registry.save(stored(fileTenant.id), { expectedVersion: 1, by: 'U1', at });
    await expect(saving).rejects.toThrow(TenantReadOnlyError);
    await expect(saving).rejects.toThrow(/come from the tenants file/);
  });

  it('uses a save made through it at once; another process’s save after the cache’s age', async () => {
    const { store, registry, advance } = setup();
    await registry.refresh();
    await registry.save(stored('mine'), { expectedVersion: 0, by: 'U1', at });
    expect(registry.get('mine').name).toBe('Stored Charters');
    // Another process saves: not seen until the copy is older than maxAgeMs.
    await store.save(stored('theirs'), { expectedVersion: 0, by: 'U2', at });
    advance(29_000);
    await registry.refreshIfStale();
    expect(registry.source('theirs')).toBeUndefined();
    advance(2_000);
    await registry.refreshIfStale();
    expect(registry.source('theirs')).toBe('stored');
  });
});
