/** Reads a Web API call as Slack does: query, form or JSON body, token, zod-checked arguments. */
import { type ZodType, z } from 'zod';
import { SlackApiError } from './slack-api-error.ts';

type Json = Record<string, unknown>;

/** Arguments Slack takes as JSON inside a form field; WebClient sends them JSON-encoded. */
const JSON_FIELDS = ['blocks', 'attachments', 'view', 'metadata'];

export interface WebApiCall {
  args: Json;
  token: string | undefined;
}

/** The call's arguments (JSON fields decoded, token removed) and its token. */
export function readWebApiCall(
  headers: Readonly<Record<string, string | undefined>>,
  query: URLSearchParams,
  body: string,
): WebApiCall {
  const args: Json = Object.fromEntries(query);
  const contentType = (headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
  const isJson = contentType === 'application/json';
  if (isJson) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(body);
    } catch {
      throw new SlackApiError('invalid_json');
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
      throw new SlackApiError('invalid_json');
    Object.assign(args, parsed);
  } else if (contentType === 'multipart/form-data') {
    // File uploads are the only reason to send multipart, and deckhand uploads none.
    throw new SlackApiError('invalid_form_data');
  } else if (body.length > 0) {
    Object.assign(args, Object.fromEntries(new URLSearchParams(body)));
  }
  const bearer = /^Bearer\s+(\S+)$/i.exec(headers.authorization ?? '')?.[1];
  // With a JSON body Slack reads the token from the Authorization header only.
  const fieldToken = !isJson && typeof args.token === 'string' ? args.token : undefined;
  delete args.token;
  for (const field of JSON_FIELDS) {
    const value = args[field];
    if (typeof value !== 'string') continue;
    try {
      args[field] = JSON.parse(value);
    } catch {
      // Left as a string: the method's schema refuses it with the method's own error.
    }
  }
  return { args, token: bearer ?? fieldToken };
}

/**
 * Validates arguments against a method's schema. A problem with a field named in `codes`
 * answers that code (e.g. `channel` → `channel_not_found`); any other, `invalid_arguments`
 * with Slack's `[ERROR] …` messages.
 */
export function parseArgs<Schema extends ZodType>(
  schema: Schema,
  args: Json,
  codes: Record<string, string> = {},
): z.infer<Schema> {
  const result = schema.safeParse(args);
  if (result.success) return result.data;
  const first = result.error.issues[0];
  const field = String(first?.path[0] ?? '');
  const code = codes[field];
  if (code) throw new SlackApiError(code);
  throw SlackApiError.withMessages(
    'invalid_arguments',
    result.error.issues.map((issue) => {
      const pointer = `/${issue.path.map(String).join('/')}`;
      return issue.path.length === 1 && args[String(issue.path[0])] === undefined
        ? `missing required field: ${String(issue.path[0])}`
        : `${issue.message} [json-pointer:${pointer}]`;
    }),
  );
}

/** A ts or other id Slack accepts as a string, or as a number in a JSON body. */
export const slackString = z.union([z.string(), z.number()]).transform(String);

/** A boolean as a form field carries it (`true`, `false`, `1`, `0`) or as JSON does. */
export const slackBoolean = z
  .union([z.boolean(), z.enum(['true', 'false', '1', '0'])])
  .transform((value) => value === true || value === 'true' || value === '1');
