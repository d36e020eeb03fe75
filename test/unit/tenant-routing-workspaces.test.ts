/** Routing with a business set up from Slack in a second workspace, next to a default tenant mapped to the first. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Config } from '../../src/config/config.ts';
import { createSlackRouting } from '../../src/slack/tenant-routing.ts';
import { MemoryTenantStore } from '../../src/storage/memory-tenant-store.ts';
import { parseTenantsFile } from '../../src/tenants/tenant-registry.ts';
import type { Tenant } from '../../src/tenants/tenant-schema.ts';
import { EXAMPLE_TENANTS_FILE } from '../../src/tenants/tenant-settings.ts';

describe('routing across workspaces', () => {
  it("sends a second workspace's requests to its own business, not to the default tenant of the first", async () => {
    const tenants = parseTenantsFile(readFileSync(EXAMPLE_TENANTS_FILE, 'utf8'), 'example');
    tenants.useStore(new MemoryTenantStore());
    const seed = tenants.get('queen-of-san-diego');
    const second: Tenant = {
      ...seed,
      id: 'second-boat',
      slack: { teamId: 'T0SECOND', channels: ['C0SECOPS'], approvers: [], admins: [] },
    };
    await tenants.save(second, { expectedVersion: 0, by: 'U0ADMIN', at: new Date() });
    const config = {
      defaultTenant: 'queen-of-san-diego',
      slack: { approvers: undefined },
    } as unknown as Config;
    const routing = createSlackRouting(config, tenants);
    expect(routing.tenantFor({ teamId: 'T0SECOND', channelId: 'C0SECOPS' })?.id).toBe(
      'second-boat',
    );
    expect(routing.tenantFor({ teamId: 'T0SECOND', channelId: 'C0RANDOM' })?.id).toBe(
      'second-boat',
    );
    expect(routing.tenantFor({ teamId: 'T0SECOND', userId: 'U0ANYONE' })?.id).toBe('second-boat');
    // A third workspace with no business gets none, rather than the first workspace's default.
    expect(routing.tenantFor({ teamId: 'T0THIRD', channelId: 'C0RANDOM' })).toBeUndefined();
    // The first workspace keeps its default for unmapped channels.
    expect(routing.tenantFor({ teamId: 'T0DECKHAND', channelId: 'C0RANDOM' })?.id).toBe(
      'queen-of-san-diego',
    );
  });
});
