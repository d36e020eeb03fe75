/**
 * One contract for every TenantCredentialRepository adapter (memory in test/unit, DynamoDB on
 * dynalite in test/integration): a credential reads back whole, a put replaces (rotation),
 * tenants and systems are apart, the metadata never carries the secret, removal is once.
 */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type {
  CredentialInput,
  TenantCredentialRepository,
} from '../../../src/storage/ports/tenant-credential-repository.ts';

/** Each test gets its own tenant ids, so the adapters may share one table across tests. */
const freshTenant = () => `t-${randomUUID().slice(0, 8)}`;

export function credentialInput(overrides: Partial<CredentialInput> = {}): CredentialInput {
  return {
    url: 'https://calendar.harbor.example/api',
    secret: 'tok-0123456789-abcdef-WXYZ',
    setBy: 'U0ADMIN',
    setAt: new Date().toISOString(),
    ...overrides,
  };
}

export function describeTenantCredentialRepositoryContract(
  name: string,
  store: () => TenantCredentialRepository,
): void {
  describe(`${name}: TenantCredentialRepository`, () => {
    it('reads a credential back with its secret, and shows only metadata', async () => {
      const tenant = freshTenant();
      const input = credentialInput();
      await store().put(tenant, 'calendar', input);
      expect(await store().get(tenant, 'calendar')).toEqual({
        system: 'calendar',
        url: input.url,
        secret: input.secret,
        setBy: 'U0ADMIN',
        setAt: input.setAt,
        secretEndsWith: 'WXYZ',
      });
      const shown = await store().describe(tenant, 'calendar');
      expect(shown).toEqual({
        system: 'calendar',
        url: input.url,
        setBy: 'U0ADMIN',
        setAt: input.setAt,
        secretEndsWith: 'WXYZ',
      });
      expect(JSON.stringify(shown)).not.toContain(input.secret);
    });

    it('shows no part of a short secret', async () => {
      const tenant = freshTenant();
      await store().put(tenant, 'scc', credentialInput({ secret: 'short-key' }));
      expect((await store().describe(tenant, 'scc'))?.secretEndsWith).toBeUndefined();
    });

    it('replaces a credential on put (rotation), with who set it and when', async () => {
      const tenant = freshTenant();
      const later = new Date(Date.now() + 60_000).toISOString();
      await store().put(tenant, 'scc', credentialInput({ secret: 'first-key-0000000001' }));
      await store().put(
        tenant,
        'scc',
        credentialInput({
          url: 'https://scc.other.example/v2',
          secret: 'second-key-000000002',
          setBy: 'U0OTHER',
          setAt: later,
        }),
      );
      const found = await store().get(tenant, 'scc');
      expect(found).toMatchObject({
        url: 'https://scc.other.example/v2',
        secret: 'second-key-000000002',
        setBy: 'U0OTHER',
        setAt: later,
        secretEndsWith: '0002',
      });
    });

    it('keeps tenants and systems apart', async () => {
      const a = freshTenant();
      const b = freshTenant();
      await store().put(a, 'calendar', credentialInput({ secret: 'a-calendar-token-00001' }));
      await store().put(b, 'calendar', credentialInput({ secret: 'b-calendar-token-00002' }));
      await store().put(a, 'scc', credentialInput({ secret: 'a-scc-key-000000000003' }));
      expect((await store().get(a, 'calendar'))?.secret).toBe('a-calendar-token-00001');
      expect((await store().get(b, 'calendar'))?.secret).toBe('b-calendar-token-00002');
      expect((await store().get(a, 'scc'))?.secret).toBe('a-scc-key-000000000003');
      expect(await store().get(b, 'scc')).toBeUndefined();
      expect(await store().describe(freshTenant(), 'calendar')).toBeUndefined();
    });

    it('removes once, and then finds nothing', async () => {
      const tenant = freshTenant();
      await store().put(tenant, 'calendar', credentialInput());
      expect(await store().delete(tenant, 'calendar')).toBe(true);
      expect(await store().get(tenant, 'calendar')).toBeUndefined();
      expect(await store().delete(tenant, 'calendar')).toBe(false);
    });
  });
}
