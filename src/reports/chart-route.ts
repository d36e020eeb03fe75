/**
 * `GET /charts/<tenant>/<figures>/<expires>/<signature>.png`: a tenant's net-by-month chart,
 * drawn from the signed figures in the link (chart-link.ts). Anything unsigned, altered, for
 * an unknown tenant or expired is a 404 that says nothing about why (no oracle for guessing).
 */
import { errorResponse } from '../server/error-response.ts';
import type { Route } from '../server/http-server.ts';
import type { ServiceResponse } from '../server/service-http.ts';
import type { TenantRegistry } from '../tenants/tenant-registry.ts';
import { CHART_PREFIX, verifyChartPath } from './chart-link.ts';
import { chartsAvailable, netChartPng } from './net-chart.ts';

export interface ChartRouteDeps {
  secret: string;
  tenants: TenantRegistry;
  clock(): Date;
}

export function createChartRoute(deps: ChartRouteDeps): Route {
  return {
    prefix: CHART_PREFIX,
    async handle(request): Promise<ServiceResponse> {
      if (request.method !== 'GET' && request.method !== 'HEAD')
        return errorResponse(405, 'method_not_allowed', 'Use GET.', { allow: 'GET, HEAD' });
      const check = verifyChartPath(deps.secret, request.path, deps.clock());
      const known = check.ok && deps.tenants.list().some((t) => t.id === check.tenantId);
      if (!check.ok || !known)
        return errorResponse(404, 'not_found', 'No chart here; links expire after a week.');
      if (!chartsAvailable())
        return errorResponse(503, 'charts_unavailable', 'This deckhand build cannot draw charts.');
      return {
        status: 200,
        headers: {
          'content-type': 'image/png',
          // Only who holds the link sees it; browsers may keep it, shared caches may not.
          'cache-control': 'private, max-age=3600',
          'x-content-type-options': 'nosniff',
          'referrer-policy': 'no-referrer',
        },
        body: netChartPng(check.points).toString('base64'),
        bodyEncoding: 'base64',
      };
    },
  };
}
