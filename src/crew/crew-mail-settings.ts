/** The environment key of crew email: SES's sender (unset: the local outbox). */
import { z } from 'zod';
import { unsetIfBlank } from '../config/env-values.ts';

export const crewMailEnv = {
  SES_FROM: unsetIfBlank(z.email('an email address SES may send from').optional()),
};
