/**
 * Signed, expiring, per-tenant links to a net-by-month chart. The figures travel in the path
 * and an HMAC-SHA256 over the tenant, the figures and the expiry signs them (as the crew
 * pages' form keys and the calendar feed's secret are HMACs): no store is read to serve it,
 * the picture shows what the report beside it said, and a link cannot be made, altered,
 * moved to another tenant or used after it expires without the secret.
 *
 * Path: /charts/<tenant>/<figures>/<expires, unix s>/<signature>.png
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export const CHART_PREFIX = '/charts/';

export interface ChartPoint {
  /** Local month, YYYY-MM. */
  month: string;
  netCents: number;
}

/** How long a chart link works: Slack fetches it when the message or Home is shown. */
export const CHART_LINK_TTL_MS = 7 * 24 * 60 * 60 * 1000;
const MAX_POINTS = 24;

function signature(secret: string, tenantId: string, figures: string, expires: string): string {
  return createHmac('sha256', secret)
    .update(`net-chart\n${tenantId}\n${figures}\n${expires}`)
    .digest('base64url');
}

function encodeFigures(points: readonly ChartPoint[]): string {
  return Buffer.from(points.map((p) => `${p.month}:${p.netCents}`).join(','), 'utf8').toString(
    'base64url',
  );
}

function decodeFigures(figures: string): ChartPoint[] | undefined {
  const text = Buffer.from(figures, 'base64url').toString('utf8');
  const points: ChartPoint[] = [];
  for (const part of text.split(',')) {
    const m = /^(\d{4}-(?:0[1-9]|1[0-2])):(-?\d{1,15})$/.exec(part);
    if (!m) return undefined;
    points.push({ month: m[1] as string, netCents: Number(m[2]) });
  }
  return points.length > 0 && points.length <= MAX_POINTS ? points : undefined;
}

/**
 * The path of a chart link, expiring `CHART_LINK_TTL_MS` after `now` rounded up to the hour
 * (the same link for an hour, so Slack's image cache serves repeats).
 */
export function chartPath(
  secret: string,
  tenantId: string,
  points: readonly ChartPoint[],
  now: Date,
): string {
  if (points.length === 0 || points.length > MAX_POINTS)
    throw new RangeError(`a chart has 1 to ${MAX_POINTS} months, got ${points.length}`);
  const hour = 3600;
  const expires = String(Math.ceil((now.getTime() + CHART_LINK_TTL_MS) / 1000 / hour) * hour);
  const figures = encodeFigures(points);
  const sig = signature(secret, tenantId, figures, expires);
  return `${CHART_PREFIX}${encodeURIComponent(tenantId)}/${figures}/${expires}/${sig}.png`;
}

export type ChartLinkCheck =
  | { ok: true; tenantId: string; points: ChartPoint[] }
  | { ok: false; reason: 'malformed' | 'bad_signature' | 'expired' };

/** Checks a chart path: signature first (in constant time), then the expiry. */
export function verifyChartPath(secret: string, path: string, now: Date): ChartLinkCheck {
  const m =
    /^\/charts\/([a-z0-9-]{1,64})\/([A-Za-z0-9_-]{1,2000})\/(\d{1,12})\/([A-Za-z0-9_-]{43})\.png$/.exec(
      path,
    );
  if (!m) return { ok: false, reason: 'malformed' };
  const [, tenantId, figures, expires, sig] = m as unknown as [
    string,
    string,
    string,
    string,
    string,
  ];
  const expected = Buffer.from(signature(secret, tenantId, figures, expires));
  const given = Buffer.from(sig);
  if (expected.length !== given.length || !timingSafeEqual(expected, given))
    return { ok: false, reason: 'bad_signature' };
  if (Number(expires) * 1000 <= now.getTime()) return { ok: false, reason: 'expired' };
  const points = decodeFigures(figures);
  if (!points) return { ok: false, reason: 'malformed' };
  return { ok: true, tenantId, points };
}
