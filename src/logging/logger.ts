/**
 * Structured logs through pino: JSON lines, secrets redacted by path. Strings that came from
 * outside are logged as JSON values, so a CR/LF in a renter's name cannot forge a log line.
 */
import { type DestinationStream, type Logger, pino } from 'pino';

export type { Logger };

/** Creates the process logger; tests pass their own destination. */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  return pino(
    {
      level,
      base: { app: 'deckhand' },
      redact: {
        paths: [
          '*.token',
          '*.serviceKey',
          '*.signingSecret',
          'req.headers.authorization',
          'req.headers["x-service-key"]',
        ],
        censor: '[redacted]',
      },
    },
    destination ?? pino.destination({ dest: 1, sync: false }),
  );
}
