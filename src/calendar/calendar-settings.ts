/** The environment keys of the calendar: an external calendar API, and the header the built-in one checks. */
import { headerName, optionalString, optionalUrl } from '../config/env-values.ts';

export const calendarEnv = {
  DASHBOARD_URL: optionalUrl,
  DASHBOARD_TOKEN: optionalString,
  DASHBOARD_TOKEN_HEADER: headerName('X-Dashboard-Token'),
};
