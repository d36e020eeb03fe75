/** The environment keys of the tenants: which file lists them, and which one a bare request gets. */
import { join } from 'node:path';
import { z } from 'zod';
import { optionalString, unsetIfBlank } from '../config/env-values.ts';
import { PACKAGE_ROOT } from '../package-root.ts';

/** The example tenants file shipped in the repo, used when DECKHAND_TENANTS_FILE is unset. */
export const EXAMPLE_TENANTS_FILE = join(PACKAGE_ROOT, 'config', 'tenants.example.yml');

export const tenantEnv = {
  DECKHAND_TENANTS_FILE: unsetIfBlank(z.string().default(EXAMPLE_TENANTS_FILE)),
  DECKHAND_DEFAULT_TENANT: optionalString,
};
