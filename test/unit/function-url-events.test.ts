/** Function URL / HTTP API (payload 2.0) events to ServiceRequest and back. */
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import {
  eventBody,
  toLambdaResult,
  toServiceRequest,
  withTextBody,
} from '../../src/lambda/function-url-events.ts';

function event(overrides: Partial<APIGatewayProxyEventV2> = {}): APIGatewayProxyEventV2 {
  return {
    version: '2.0',
    routeKey: '$default',
    rawPath: '/crew/queen-of-san-diego/abc',
    rawQueryString: 'a=1&b=two%20words',
    headers: { Host: 'abc.lambda-url.us-east-1.on.aws', 'Content-Type': 'text/plain' },
    requestContext: {
      http: {
        method: 'post',
        path: '/x',
        protocol: 'HTTP/1.1',
        sourceIp: '198.51.100.4',
        userAgent: 'ua',
      },
    } as APIGatewayProxyEventV2['requestContext'],
    isBase64Encoded: false,
    ...overrides,
  };
}

describe('toServiceRequest', () => {
  it('decodes a base64 body as UTF-8 and keeps the rest of the request', () => {
    const text = 'Zoë Ångström – ⚓';
    const request = toServiceRequest(
      event({
        body: Buffer.from(text).toString('base64'),
        isBase64Encoded: true,
        cookies: ['a=1', 'b=2'],
      }),
    );

    expect(request).toMatchObject({
      method: 'POST',
      path: '/crew/queen-of-san-diego/abc',
      body: text,
      clientIp: '198.51.100.4',
      headers: {
        host: 'abc.lambda-url.us-east-1.on.aws',
        'content-type': 'text/plain',
        cookie: 'a=1; b=2',
      },
    });
    expect(request !== 'too_large' && Object.fromEntries(request.query)).toEqual({
      a: '1',
      b: 'two words',
    });
  });

  it("takes the viewer's host from CloudFront's x-forwarded-host", () => {
    const request = toServiceRequest(
      event({
        headers: {
          host: 'abc.lambda-url.us-east-1.on.aws',
          'x-forwarded-host': 'queenofsandiego.com',
        },
      }),
    );

    expect(request !== 'too_large' && request.headers.host).toBe('queenofsandiego.com');
  });

  it('refuses a body over the local server limit, counted in bytes', () => {
    expect(toServiceRequest(event({ body: 'é'.repeat(128 * 1024 + 1) }))).toBe('too_large');
    expect(toServiceRequest(event({ body: 'é'.repeat(128 * 1024) }))).not.toBe('too_large');
  });
});

describe('withTextBody and toLambdaResult', () => {
  it('leaves a text body alone and turns a base64 one into text', () => {
    const plain = event({ body: 'x=1' });
    expect(withTextBody(plain)).toBe(plain);
    const encoded = withTextBody(
      event({ body: Buffer.from('ø').toString('base64'), isBase64Encoded: true }),
    );
    expect([encoded.body, encoded.isBase64Encoded, eventBody(event())]).toEqual(['ø', false, '']);
  });

  it('answers with the status, headers and text body', () => {
    expect(toLambdaResult({ status: 201, headers: { 'x-a': 'b' }, body: 'ok' })).toEqual({
      statusCode: 201,
      headers: { 'x-a': 'b' },
      body: 'ok',
      isBase64Encoded: false,
    });
  });
});
