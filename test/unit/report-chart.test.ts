/** The net-by-month chart: a real PNG, served only on a signed, unexpired link of a known tenant. */
import { beforeAll, describe, expect, it } from 'vitest';
import { EXAMPLE_TENANTS_FILE } from '../../src/config/config.ts';
import { CHART_LINK_TTL_MS, chartPath, verifyChartPath } from '../../src/reports/chart-link.ts';
import { createChartRoute } from '../../src/reports/chart-route.ts';
import { netChartPng, netChartSvg } from '../../src/reports/net-chart.ts';
import type { ServiceRequest } from '../../src/server/service-http.ts';
import { loadTenantsFile, type TenantRegistry } from '../../src/tenants/tenant-registry.ts';

const SECRET = 'chart-secret-for-tests-0123456789abcdef';
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const now = new Date();
const points = [
  { month: '2031-01', netCents: 123_456 },
  { month: '2031-02', netCents: -4_500 },
  { month: '2031-03', netCents: 0 },
];

let tenants: TenantRegistry;
beforeAll(async () => {
  tenants = await loadTenantsFile(EXAMPLE_TENANTS_FILE);
});

const get = (path: string, method = 'GET'): ServiceRequest => ({
  method,
  path,
  query: new URLSearchParams(),
  headers: {},
  body: '',
  clientIp: '127.0.0.1',
});

describe('netChartPng', () => {
  it('is a PNG of the chart, with a bar and label per month', () => {
    const png = netChartPng(points);
    expect(png.subarray(0, 8)).toEqual(PNG_SIGNATURE);
    // IHDR: 640 × 320.
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([640, 320]);
    const svg = netChartSvg(points);
    expect(svg.match(/<rect /g)).toHaveLength(points.length + 1);
    expect(svg).toContain('$1,235');
    expect(svg).toContain('-$45');
    expect(svg).toContain('Feb 31');
  });
});

describe('chart links', () => {
  it('verify for the tenant they were made for, until they expire', () => {
    const path = chartPath(SECRET, 'queen-of-san-diego', points, now);
    expect(verifyChartPath(SECRET, path, now)).toEqual({
      ok: true,
      tenantId: 'queen-of-san-diego',
      points,
    });
    const later = new Date(now.getTime() + CHART_LINK_TTL_MS + 3_600_001);
    expect(verifyChartPath(SECRET, path, later)).toEqual({ ok: false, reason: 'expired' });
  });

  it('refuse another tenant, altered figures, another secret and no signature', () => {
    const path = chartPath(SECRET, 'queen-of-san-diego', points, now);
    const [, , tenant, figures, expires, sig] = path.split('/') as string[];
    const otherFigures = Buffer.from('2031-01:999999999', 'utf8').toString('base64url');
    const tries = {
      otherTenant: `/charts/keys-reef-runner/${figures}/${expires}/${sig}`,
      altered: `/charts/${tenant}/${otherFigures}/${expires}/${sig}`,
      longerLife: `/charts/${tenant}/${figures}/${Number(expires) + 86_400}/${sig}`,
      unsigned: `/charts/${tenant}/${figures}/${expires}.png`,
    };
    expect(verifyChartPath('another-secret-entirely-0123456789', path, now).ok).toBe(false);
    for (const [name, attempt] of Object.entries(tries))
      expect({ name, ok: verifyChartPath(SECRET, attempt, now).ok }).toEqual({ name, ok: false });
  });
});

describe('the chart route', () => {
  it('serves the PNG on a signed link, and 404s every other', async () => {
    const route = createChartRoute({ secret: SECRET, tenants, clock: () => now });
    const path = chartPath(SECRET, 'queen-of-san-diego', points, now);
    const ok = await route.handle(get(path));
    expect(ok.status).toBe(200);
    expect(ok.headers?.['content-type']).toBe('image/png');
    expect(ok.bodyEncoding).toBe('base64');
    expect(Buffer.from(ok.body, 'base64').subarray(0, 8)).toEqual(PNG_SIGNATURE);

    const forOther = chartPath(SECRET, 'keys-reef-runner', points, now).replace(
      '/keys-reef-runner/',
      '/queen-of-san-diego/',
    );
    const unknownTenant = chartPath(SECRET, 'no-such-tenant', points, now);
    for (const bad of [
      forOther,
      unknownTenant,
      '/charts/queen-of-san-diego/x/1/y.png',
      path.replace(/.{4}\.png$/, 'AAAA.png'),
    ]) {
      const refused = await route.handle(get(bad));
      expect({ bad, status: refused.status }).toEqual({ bad, status: 404 });
      expect(refused.headers?.['content-type']).toMatch(/json/);
    }
    expect((await route.handle(get(path, 'POST'))).status).toBe(405);
  });
});

describe('a PNG over a Lambda function URL', () => {
  it('goes base64-encoded, flagged so the URL sends the bytes', async () => {
    const { toLambdaResult } = await import('../../src/lambda/function-url-events.ts');
    const route = createChartRoute({ secret: SECRET, tenants, clock: () => now });
    const result = toLambdaResult(
      await route.handle(get(chartPath(SECRET, 'queen-of-san-diego', points, now))),
    );
    expect(result.isBase64Encoded).toBe(true);
    expect(Buffer.from(result.body as string, 'base64').subarray(0, 8)).toEqual(PNG_SIGNATURE);
    const json = toLambdaResult(await route.handle(get('/charts/nope')));
    expect(json.isBase64Encoded).toBe(false);
  });
});
