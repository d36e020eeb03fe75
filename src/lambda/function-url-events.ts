/**
 * Lambda function URL / API Gateway HTTP API (payload 2.0) events to deckhand's transport-neutral
 * ServiceRequest and back. The body is decoded as UTF-8 when base64-encoded: Slack signs the
 * UTF-8 bytes it sent, so any other decoding breaks the signature of non-ASCII text.
 */
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import {
  MAX_BODY_BYTES,
  type ServiceRequest,
  type ServiceResponse,
} from '../server/service-http.ts';

/** The raw body bytes of an event as a UTF-8 string. */
export function eventBody(event: APIGatewayProxyEventV2): string {
  if (event.body === undefined || event.body === null) return '';
  return event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body;
}

/** The request, or 'too_large' past the same limit as the local server's. */
export function toServiceRequest(event: APIGatewayProxyEventV2): ServiceRequest | 'too_large' {
  const body = eventBody(event);
  if (Buffer.byteLength(body) > MAX_BODY_BYTES) return 'too_large';
  const headers: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(event.headers ?? {}))
    headers[name.toLowerCase()] = value;
  // Behind CloudFront the Host header is the function URL's; the distribution's function
  // (edge/cloudfront-forward-host.js) passes the viewer's own as x-forwarded-host, and the crew
  // pages' same-origin check compares the Origin header with it. It overwrites any the viewer
  // sent; a request straight to the function URL has no Origin a browser could forge to match.
  const forwardedHost = headers['x-forwarded-host'];
  if (forwardedHost) headers.host = forwardedHost;
  // Payload 2.0 moves cookies out of the headers.
  if (event.cookies?.length) headers.cookie = event.cookies.join('; ');
  return {
    method: event.requestContext.http.method.toUpperCase(),
    path: event.rawPath || '/',
    query: new URLSearchParams(event.rawQueryString ?? ''),
    headers,
    body,
    clientIp: event.requestContext.http.sourceIp,
  };
}

export function toLambdaResult(response: ServiceResponse): APIGatewayProxyStructuredResultV2 {
  return {
    statusCode: response.status,
    headers: response.headers ?? {},
    body: response.body,
    isBase64Encoded: response.bodyEncoding === 'base64',
  };
}

/**
 * The same event with its body as UTF-8 text. Bolt's AwsLambdaReceiver decodes a base64 body
 * as ASCII (@slack/bolt 5.1, AwsLambdaReceiver.getRawBody), which garbles any non-ASCII
 * character and so fails the signature check of, say, a message event saying "Zoë".
 */
export function withTextBody<T extends APIGatewayProxyEventV2>(event: T): T {
  return event.isBase64Encoded
    ? { ...event, body: eventBody(event), isBase64Encoded: false }
    : event;
}
