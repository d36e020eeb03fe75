/**
 * Net by month as a picture: a small SVG of bars (green above the zero line, red below, each
 * labelled with its month and amount), rasterised to PNG by resvg (@resvg/resvg-js: the Rust
 * renderer shipped as prebuilt npm binaries, no canvas and no system libraries to build).
 *
 * resvg is loaded on first use, not imported: its binary is per platform, and a build without
 * it (the Lambda bundles, made on one machine for ARM64) still runs, without charts
 * (`chartsAvailable()` false: reports then show no image).
 */
import { createRequire } from 'node:module';
import { formatCents } from '../money/cents.ts';
import { monthAbbr } from '../time/month-names.ts';
import type { ChartPoint } from './chart-link.ts';

/** Text in the SVG: the labels are made from numbers and month keys, the title is ours; escaped anyway. */
const xml = (text: string): string =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

const WIDTH = 640;
const HEIGHT = 320;
const TOP = 48;
const BOTTOM = 40;
const SIDE = 24;

function monthLabel(month: string): string {
  const [year, m] = month.split('-');
  return `${monthAbbr(Number(m)) ?? m} ${year?.slice(2)}`;
}

/** Whole dollars for a bar's label ("$1,234", "-$56"): the report has the cents. */
function shortAmount(cents: number): string {
  return formatCents(Math.round(cents / 100) * 100).replace(/\.00$/, '');
}

/** The chart as SVG text (deterministic: the same points give the same bytes). */
export function netChartSvg(points: readonly ChartPoint[], title = 'Net by month'): string {
  const max = Math.max(0, ...points.map((p) => p.netCents));
  const min = Math.min(0, ...points.map((p) => p.netCents));
  const span = max - min || 1;
  const plotHeight = HEIGHT - TOP - BOTTOM;
  const zeroY = TOP + (max / span) * plotHeight;
  const slot = (WIDTH - 2 * SIDE) / Math.max(points.length, 1);
  const barWidth = Math.min(64, slot * 0.6);
  const bars = points.map((p, i) => {
    const x = SIDE + i * slot + (slot - barWidth) / 2;
    const h = (Math.abs(p.netCents) / span) * plotHeight;
    const y = p.netCents >= 0 ? zeroY - h : zeroY;
    const labelY = p.netCents >= 0 ? y - 6 : y + h + 14;
    const cx = x + barWidth / 2;
    return [
      `<rect x="${x.toFixed(1)}" y="${y.toFixed(1)}" width="${barWidth.toFixed(1)}" height="${Math.max(h, 1).toFixed(1)}" fill="${p.netCents >= 0 ? '#2e7d32' : '#c62828'}"/>`,
      `<text x="${cx.toFixed(1)}" y="${labelY.toFixed(1)}" font-size="12" text-anchor="middle" fill="#333">${xml(shortAmount(p.netCents))}</text>`,
      `<text x="${cx.toFixed(1)}" y="${HEIGHT - 14}" font-size="12" text-anchor="middle" fill="#555">${xml(monthLabel(p.month))}</text>`,
    ].join('');
  });
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" viewBox="0 0 ${WIDTH} ${HEIGHT}" font-family="DejaVu Sans, Arial, sans-serif">`,
    `<rect width="${WIDTH}" height="${HEIGHT}" fill="#ffffff"/>`,
    `<text x="${SIDE}" y="28" font-size="16" font-weight="bold" fill="#222">${xml(title)}</text>`,
    `<line x1="${SIDE}" x2="${WIDTH - SIDE}" y1="${zeroY.toFixed(1)}" y2="${zeroY.toFixed(1)}" stroke="#999" stroke-width="1"/>`,
    ...bars,
    '</svg>',
  ].join('');
}

type ResvgModule = typeof import('@resvg/resvg-js');
let resvgModule: ResvgModule | null | undefined;

function loadResvg(): ResvgModule | null {
  if (resvgModule === undefined) {
    try {
      resvgModule = createRequire(import.meta.url)('@resvg/resvg-js') as ResvgModule;
    } catch {
      resvgModule = null;
    }
  }
  return resvgModule;
}

/** Whether this build can draw charts (resvg and its binary for this platform are installed). */
export function chartsAvailable(): boolean {
  return loadResvg() !== null;
}

/** The chart as PNG bytes. Throws when `chartsAvailable()` is false. */
export function netChartPng(points: readonly ChartPoint[]): Buffer {
  const resvg = loadResvg();
  if (!resvg)
    throw new Error('Charts need @resvg/resvg-js for this platform, which is not installed.');
  const renderer = new resvg.Resvg(netChartSvg(points), {
    font: { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans' },
    background: '#ffffff',
  });
  return renderer.render().asPng();
}
