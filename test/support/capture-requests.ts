/** Records what reached a nock scope: lower-cased headers and the raw body, for exact assertions. */
import type nock from 'nock';

export interface CapturedRequest {
  method: string;
  /** Path and query, e.g. "/api/calendar/a%2Fb". */
  path: string;
  headers: Record<string, string>;
  body: string;
}

/** Every request the scope intercepts is appended to the returned array. */
export function captureRequests(scope: nock.Scope): CapturedRequest[] {
  const captured: CapturedRequest[] = [];
  // nock 15 hands fetch requests over as a Fetch API Request.
  scope.on('request', (req: Request, _interceptor: unknown, body: string) => {
    const url = new URL(req.url);
    captured.push({
      method: req.method,
      path: `${url.pathname}${url.search}`,
      headers: Object.fromEntries([...req.headers.entries()].map(([k, v]) => [k.toLowerCase(), v])),
      body,
    });
  });
  return captured;
}
