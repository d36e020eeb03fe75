/** The one error shape the built-in services answer with: `{error, message}`. */
import { jsonResponse, type ServiceResponse } from './service-http.ts';

/** `error` is a stable code for programs; `message` says what to fix, for people. */
export function errorResponse(
  status: number,
  error: string,
  message: string,
  headers: Record<string, string> = {},
): ServiceResponse {
  return jsonResponse(status, { error, message }, headers);
}
