/** The environment key of the logger: how much it says. */
import { z } from 'zod';
import { unsetIfBlank } from '../config/env-values.ts';

export const logEnv = {
  LOG_LEVEL: unsetIfBlank(
    z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  ),
};
