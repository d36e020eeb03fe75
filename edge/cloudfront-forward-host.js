/**
 * deckhand's second CloudFront Function (runtime cloudfront-js-2.0, event type viewer-request),
 * on the behaviors that go to the HTTP Lambda's function URL (/crew/*, /calendar/*,
 * /g/* /uploads). CloudFront must send the function URL's own Host to that origin, so the
 * viewer's host (the tenant's domain) travels as x-forwarded-host; the crew pages compare a
 * form post's Origin with it (src/lambda/function-url-events.ts). Whatever x-forwarded-host
 * the viewer sent is replaced.
 */

// biome-ignore lint/correctness/noUnusedVariables: CloudFront invokes the top-level function named `handler`; the runtime has no exports.
async function handler(event) {
  const request = event.request;
  const host = request.headers.host;
  if (host) {
    request.headers['x-forwarded-host'] = { value: host.value };
  } else {
    delete request.headers['x-forwarded-host'];
  }
  return request;
}
