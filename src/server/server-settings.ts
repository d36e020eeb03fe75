/** The environment keys of deckhand's HTTP server: where it listens, and the public base URL of its pages. */
import { z } from 'zod';
import { optionalUrl, unsetIfBlank } from '../config/env-values.ts';

export const serverEnv = {
  PORT: unsetIfBlank(
    z
      .string()
      .regex(/^\d{1,5}$/, 'must be a TCP port number (0-65535), e.g. PORT=3000')
      .transform(Number)
      .refine((n) => n <= 65_535, 'must be a TCP port number (0-65535), e.g. PORT=3000')
      .default(3000),
  ),
  HOST: unsetIfBlank(z.string().default('127.0.0.1')),
  DECKHAND_PUBLIC_URL: optionalUrl,
};
