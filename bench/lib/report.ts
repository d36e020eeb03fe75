/** One line of the results table. `met` is null for figures reported without a target. */
export interface Row {
  metric: string;
  measured: string;
  baseline: string;
  ratio: string;
  target: string;
  met: boolean | null;
}

export const ms = (value: number): string =>
  Number.isFinite(value) ? `${value < 10 ? value.toFixed(2) : value.toFixed(0)} ms` : 'n/a';

export const times = (value: number): string =>
  Number.isFinite(value) ? `${value.toFixed(2)}×` : 'n/a';

export function markdownTable(rows: readonly Row[]): string {
  const head = ['metric', 'measured', 'baseline', 'ratio', 'target', 'met?'];
  const cell = (s: string) => s.replace(/\|/g, '\\|');
  const lines = [
    `| ${head.join(' | ')} |`,
    `| ${head.map(() => '---').join(' | ')} |`,
    ...rows.map(
      (r) =>
        `| ${[r.metric, r.measured, r.baseline, r.ratio, r.target, r.met === null ? '—' : r.met ? 'yes' : '**no**'].map(cell).join(' | ')} |`,
    ),
  ];
  return lines.join('\n');
}
