/**
 * The CloudFront Function (edge/cloudfront-viewer-request.js), run the way the local server runs
 * it: in node:vm, with real viewer-request event shapes. Also checks the file stays a plain
 * cloudfront-js-2.0 script (no modules, no syntax the runtime lacks).
 */
import { readFileSync } from 'node:fs';
import vm from 'node:vm';
import { describe, expect, it } from 'vitest';
import {
  buildViewerRequestEvent,
  createEdgeContext,
  EDGE_FUNCTION_FILE,
  parseEdgeQuerystring,
  runViewerRequest,
} from '../../src/pages/edge-function.ts';

describe('viewer-request rewrites', () => {
  it.each([
    // Guest pages, any letter case, with or without a trailing slash.
    ['/g/K7QM2XD', '/g/K7QM2XD.html'],
    ['/g/k7qm2xd', '/g/K7QM2XD.html'],
    ['/g/K7qm2Xd/', '/g/K7QM2XD.html'],
    ['/G/k7qm2xd', '/g/K7QM2XD.html'],
    ['/g/abcdefg', '/g/ABCDEFG.html'],
    ['/g/abcdefghjkmnpqrs', '/g/ABCDEFGHJKMNPQRS.html'],
    // The guest calendar file keeps its extension; the slug is upper-cased.
    ['/g/k7qm2xd.ics', '/g/K7QM2XD.ics'],
    ['/g/K7QM2XD.ICS', '/g/K7QM2XD.ics'],
    // Crew pages.
    ['/c/r4tw9plc2m', '/c/R4TW9PLC2M.html'],
    ['/c/R4TW9PLC2M/', '/c/R4TW9PLC2M.html'],
    ['/C/r4tw9plc2m', '/c/R4TW9PLC2M.html'],
    // Everything else passes through untouched.
    ['/c/r4tw9plc2m.ics', '/c/r4tw9plc2m.ics'],
    ['/g/abcdef', '/g/abcdef'],
    ['/g/ab', '/g/ab'],
    ['/g/abcdefghjkmnpqrst', '/g/abcdefghjkmnpqrst'],
    ['/g/../x', '/g/../x'],
    ['/g/..%2Fsecret', '/g/..%2Fsecret'],
    ['/g/k7qm2xd.html', '/g/k7qm2xd.html'],
    ['/g/K7QM2XD.html', '/g/K7QM2XD.html'],
    ['/g/K7QM2XD//', '/g/K7QM2XD//'],
    ['/g/K7QM2XD/photos', '/g/K7QM2XD/photos'],
    ['/g/K7QM-2XD', '/g/K7QM-2XD'],
    ['/g/k7qm2xd%20', '/g/k7qm2xd%20'],
    ['/g/Äbcdefgh', '/g/Äbcdefgh'],
    ['//g/K7QM2XD', '//g/K7QM2XD'],
    ['/x/g/K7QM2XD', '/x/g/K7QM2XD'],
    ['/gallery/K7QM2XD', '/gallery/K7QM2XD'],
    ['/g/', '/g/'],
    ['/healthz', '/healthz'],
    ['/', '/'],
  ])('%s → %s', async (uri, expected) => {
    const request = await runViewerRequest(uri);

    expect(request.uri).toBe(expected);
  });
});

describe('runViewerRequest', () => {
  it('leaves the query string, headers, cookies and method as they came', async () => {
    const request = await runViewerRequest('/g/k7qm2xd', '?utm_source=slack&a=1&a=2&flag', {
      method: 'HEAD',
      headers: { Host: 'queenofsandiego.com', 'User-Agent': 'Slackbot' },
      cookies: { seen: 'yes' },
      ip: '203.0.113.9',
    });

    expect(request).toStrictEqual({
      method: 'HEAD',
      uri: '/g/K7QM2XD.html',
      querystring: {
        utm_source: { value: 'slack' },
        a: { value: '1', multiValue: [{ value: '1' }, { value: '2' }] },
        flag: { value: '' },
      },
      headers: { host: { value: 'queenofsandiego.com' }, 'user-agent': { value: 'Slackbot' } },
      cookies: { seen: { value: 'yes' } },
    });
  });

  it('accepts a query string already in CloudFront shape and does not change the caller copy', async () => {
    const querystring = { q: { value: '%3Cb%3E' } };

    const request = await runViewerRequest('/c/R4TW9PLC2M/', querystring);

    expect(request.querystring).toStrictEqual({ q: { value: '%3Cb%3E' } });
    expect(request.querystring).not.toBe(querystring);
    expect(request.uri).toBe('/c/R4TW9PLC2M.html');
  });

  it('builds the documented viewer-request event shape', () => {
    const event = buildViewerRequestEvent('/g/K7QM2XD', 'a=1');

    expect(event).toStrictEqual({
      version: '1.0',
      context: {
        distributionDomainName: expect.any(String),
        distributionId: expect.any(String),
        eventType: 'viewer-request',
        requestId: expect.any(String),
      },
      viewer: { ip: '127.0.0.1' },
      request: {
        method: 'GET',
        uri: '/g/K7QM2XD',
        querystring: { a: { value: '1' } },
        headers: {},
        cookies: {},
      },
    });
  });

  it('parses raw query strings keeping values percent-encoded', () => {
    expect(parseEdgeQuerystring('')).toStrictEqual({});
    expect(parseEdgeQuerystring('?x=%20y&&z')).toStrictEqual({
      x: { value: '%20y' },
      z: { value: '' },
    });
  });

  it('keeps hostile parameter names as plain data', async () => {
    const request = await runViewerRequest('/g/k7qm2xd', '__proto__=1&__proto__=2&constructor=x');

    expect(Object.keys(request.querystring)).toStrictEqual(['__proto__', 'constructor']);
    expect(Object.entries(request.querystring)[0]?.[1].multiValue).toStrictEqual([
      { value: '1' },
      { value: '2' },
    ]);
    expect(({} as Record<string, unknown>)['multiValue']).toBeUndefined();
  });

  it('gives each request a fresh context (nothing leaks between requests)', async () => {
    const first = await runViewerRequest('/g/k7qm2xd');
    const second = await runViewerRequest('/g/ab');

    expect(first.uri).toBe('/g/K7QM2XD.html');
    expect(second.uri).toBe('/g/ab');
  });
});

describe('the function file', () => {
  const source = readFileSync(EDGE_FUNCTION_FILE, 'utf8');
  const code = source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');

  it('is a plain script with a top-level async handler, as cloudfront-js-2.0 expects', () => {
    expect(() => new vm.Script(source)).not.toThrow();
    expect(code).toMatch(/^async function handler\(event\) \{$/m);
    expect(code).not.toMatch(/\b(export|import|require|module|exports)\b/);
  });

  it('uses no syntax or globals the runtime lacks', () => {
    // Optional chaining, nullish coalescing, spread/rest, classes, destructuring, generators.
    expect(code).not.toMatch(/\?\.|\?\?|\.\.\.|\bclass\b|\b(const|let|var)\s*[[{]|function\s*\*/);
    expect(code).not.toMatch(/\b(process|Buffer|setTimeout|setInterval|fetch|eval|Function)\b/);
  });

  it('runs in a context without eval, Function, require, process or Buffer', () => {
    const lines: string[] = [];
    const context = createEdgeContext((line) => lines.push(line));
    new vm.Script(source).runInContext(context);

    expect(() => vm.runInContext('eval("1")', context)).toThrow(/Code generation from strings/);
    expect(vm.runInContext('typeof require + typeof process + typeof Buffer', context)).toBe(
      'undefinedundefinedundefined',
    );
    expect(() => vm.runInContext('new Function("return 1")', context)).toThrow(
      /Code generation from strings/,
    );
    expect(vm.runInContext('typeof handler', context)).toBe('function');
    vm.runInContext('console.log("rewrote", 1)', context);
    expect(lines).toStrictEqual(['rewrote 1']);
  });
});
