/** The environment key of fault injection (local runs and tests only; config.ts refuses it elsewhere). */
import { z } from 'zod';
import { unsetIfBlank } from '../config/env-values.ts';
import { faultRuleSchema, readFaultRules } from './fault-rules.ts';

export const faultEnv = {
  DECKHAND_FAULTS: unsetIfBlank(
    z
      .string()
      .transform((text, ctx) => {
        try {
          return readFaultRules(text);
        } catch (error) {
          ctx.addIssue({
            code: 'custom',
            message:
              error instanceof SyntaxError
                ? `is not valid JSON: ${error.message}`
                : String((error as Error).message),
          });
          return z.NEVER;
        }
      })
      .pipe(z.array(faultRuleSchema, { error: 'must be a list of fault rules' }))
      .optional(),
  ),
};
