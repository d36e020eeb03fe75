/** The environment keys of the SCC: an external SCC API, and what the built-in one checks. */
import {
  bcryptHash,
  headerName,
  optionalString,
  optionalUrl,
  unsetIfBlank,
} from '../config/env-values.ts';

export const sccEnv = {
  SCC_URL: optionalUrl,
  SCC_SERVICE_KEY: optionalString,
  SCC_KEY_HEADER: headerName('X-Service-Key'),
  SCC_SERVICE_KEY_HASH: unsetIfBlank(bcryptHash('a bcrypt hash ($2b$12$...)').optional()),
};
