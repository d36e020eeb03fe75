/** The logging the stand-in does: pino's (obj, message) calls, so a pino logger fits as it is. */
export interface StandInLogger {
  debug(fields: object, message: string): void;
  warn(fields: object, message: string): void;
  error(fields: object, message: string): void;
}

/** For callers that want no log lines at all. */
export const SILENT_LOGGER: StandInLogger = {
  debug: () => undefined,
  warn: () => undefined,
  error: () => undefined,
};
