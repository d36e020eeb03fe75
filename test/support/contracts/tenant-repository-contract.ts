/**
 * One contract for every TenantRepository adapter (memory in test/unit, DynamoDB on dynalite in
 * test/integration): saves are numbered versions with who and when, a save from a stale version
 * (or a second create) is refused with a message saying what to do, two concurrent edits from one
 * version give one winner, and a tenant the tenants file's schema refuses is never stored.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  type TenantRepository,
  TenantValidationError,
  TenantVersionConflictError,
} from '../../../src/storage/ports/tenant-repository.ts';
import { parseTenantsFile } from '../../../src/tenants/tenant-registry.ts';
import type { Tenant } from '../../../src/tenants/tenant-schema.ts';
import { EXAMPLE_TENANTS_FILE } from '../../../src/tenants/tenant-settings.ts';

const seed = parseTenantsFile(readFileSync(EXAMPLE_TENANTS_FILE, 'utf8'), 'example').list()[0];

/** Each test gets its own tenant id, so the adapters may share one table across tests. */
function freshTenant(): Tenant {
  return { ...structuredClone(seed as Tenant), id: `t-${randomUUID().slice(0, 8)}` };
}

const at = new Date('2099-05-01T10:00:00.000Z');

export function describeTenantRepositoryContract(
  name: string,
  store: () => TenantRepository,
): void {
  describe(`${name}: TenantRepository`, () => {
    it('creates version 1 with who and when, and reads it back', async () => {
      const tenant = freshTenant();
      const saved = await store().save(tenant, { expectedVersion: 0, by: 'U1', at });
      expect(saved).toEqual({ tenant, version: 1, updatedBy: 'U1', updatedAt: at.toISOString() });
      expect(await store().get(tenant.id)).toEqual(saved);
      expect(await store().get('t-nope')).toBeUndefined();
      expect((await store().list()).map((s) => s.tenant.id)).toContain(tenant.id);
    });

    it('refuses a second create of the same id, saying the id is taken', async () => {
      const tenant = freshTenant();
      await store().save(tenant, { expectedVersion: 0, by: 'U1', at });
      const again = store().save(
        { ...tenant, name: 'Other' },
        { expectedVersion: 0, by: 'U2', at },
      );
      await expect(again).rejects.toThrow(TenantVersionConflictError);
      await expect(again).rejects.toThrow(/exists already/);
      expect((await store().get(tenant.id))?.tenant.name).toBe(tenant.name);
    });

    it('numbers each save and keeps every version as history', async () => {
      const tenant = freshTenant();
      await store().save(tenant, { expectedVersion: 0, by: 'U1', at });
      const later = new Date(at.getTime() + 60_000);
      const v2 = await store().save(
        { ...tenant, name: 'Renamed' },
        { expectedVersion: 1, by: 'U2', at: later },
      );
      expect(v2.version).toBe(2);
      expect((await store().get(tenant.id))?.tenant.name).toBe('Renamed');
      const history = await store().history(tenant.id);
      expect(history.map((h) => [h.version, h.updatedBy, h.tenant.name])).toEqual([
        [1, 'U1', tenant.name],
        [2, 'U2', 'Renamed'],
      ]);
    });

    it('of two concurrent edits from one version, one wins; the other is told to reopen', async () => {
      const tenant = freshTenant();
      await store().save(tenant, { expectedVersion: 0, by: 'U1', at });
      const results = await Promise.allSettled([
        store().save({ ...tenant, name: 'A' }, { expectedVersion: 1, by: 'UA', at }),
        store().save({ ...tenant, name: 'B' }, { expectedVersion: 1, by: 'UB', at }),
      ]);
      const won = results.filter((r) => r.status === 'fulfilled');
      const lost = results.filter((r) => r.status === 'rejected');
      expect(won).toHaveLength(1);
      expect(lost).toHaveLength(1);
      const reason = (lost[0] as PromiseRejectedResult).reason as TenantVersionConflictError;
      expect(reason).toBeInstanceOf(TenantVersionConflictError);
      expect(reason.message).toMatch(/changed by someone else since version 1/);
      expect(reason.hint).toMatch(/open the settings again/);
      const current = await store().get(tenant.id);
      expect(current?.version).toBe(2);
      // A stale save after that is refused too.
      await expect(
        store().save({ ...tenant, name: 'C' }, { expectedVersion: 1, by: 'UC', at }),
      ).rejects.toThrow(TenantVersionConflictError);
    });

    it("refuses a tenant the tenants file's schema refuses, and stores nothing", async () => {
      const tenant = freshTenant();
      const bad = { ...tenant, timezone: 'Mars/Olympus', roster: [] } as Tenant;
      const saving = store().save(bad, { expectedVersion: 0, by: 'U1', at });
      await expect(saving).rejects.toThrow(TenantValidationError);
      const error = (await saving.catch((e: unknown) => e)) as TenantValidationError;
      expect(error.problems).toEqual(
        expect.arrayContaining([
          expect.stringMatching(/^timezone: an IANA time zone/),
          expect.stringMatching(/^roster: /),
        ]),
      );
      expect(await store().get(tenant.id)).toBeUndefined();
    });
  });
}
