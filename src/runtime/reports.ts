/**
 * The reports' parts: the close-out store they read, the chart links they hand out and the
 * route that serves the charts, all signed with one secret derived from the installation's.
 */
import { chartPath } from '../reports/chart-link.ts';
import { createChartRoute } from '../reports/chart-route.ts';
import { chartsAvailable } from '../reports/net-chart.ts';
import type { ReportPorts } from '../reports/report-sources.ts';
import type { Route } from '../server/http-server.ts';
import type { CloseOutRepository } from '../storage/ports/closeout-repository.ts';
import type { TenantRegistry } from '../tenants/tenant-registry.ts';
import type { Tenant } from '../tenants/tenant-schema.ts';
import { chartSecretOf, type LocalSecrets } from './local-secrets.ts';

export function createReportPorts(parts: {
  secrets: LocalSecrets;
  pageBase: (tenant: Tenant) => string;
  clock: () => Date;
  /** The close-out store: a closed-out charter counts its actuals. */
  closeOuts: CloseOutRepository;
}): ReportPorts {
  const secret = chartSecretOf(parts.secrets);
  return {
    closeOuts: parts.closeOuts,
    chartUrl: chartsAvailable()
      ? (tenant, points) =>
          `${parts.pageBase(tenant)}${chartPath(secret, tenant.id, points, parts.clock())}`
      : undefined,
  };
}

export function chartRoutes(parts: {
  secrets: LocalSecrets;
  tenants: TenantRegistry;
  clock: () => Date;
}): Route[] {
  return [
    createChartRoute({
      secret: chartSecretOf(parts.secrets),
      tenants: parts.tenants,
      clock: parts.clock,
    }),
  ];
}
