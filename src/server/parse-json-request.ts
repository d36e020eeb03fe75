/** Reads a built-in service's JSON body: size limit, JSON syntax, then the zod schema. */
import type { z } from 'zod';
import { errorResponse } from './error-response.ts';
import type { ServiceRequest, ServiceResponse } from './service-http.ts';

export type ParsedRequest<T> = { ok: true; value: T } | { ok: false; response: ServiceResponse };

/** The validated body, or the 400/413 answer that says what to fix. */
export function parseJsonRequest<T>(
  request: ServiceRequest,
  schema: z.ZodType<T>,
  maxBytes: number,
): ParsedRequest<T> {
  if (Buffer.byteLength(request.body, 'utf8') > maxBytes) {
    return {
      ok: false,
      response: errorResponse(413, 'body_too_large', `The request body is over ${maxBytes} bytes.`),
    };
  }
  let data: unknown;
  try {
    data = JSON.parse(request.body);
  } catch {
    return {
      ok: false,
      response: errorResponse(400, 'invalid_json', 'The request body is not valid JSON.'),
    };
  }
  const parsed = schema.safeParse(data);
  if (!parsed.success) {
    const problems = parsed.error.issues
      .slice(0, 20)
      .map((issue) => `${issue.path.join('.') || '(body)'}: ${issue.message}`);
    return {
      ok: false,
      response: errorResponse(400, 'invalid_request', `Fix these fields: ${problems.join('; ')}.`),
    };
  }
  return { ok: true, value: parsed.data };
}
