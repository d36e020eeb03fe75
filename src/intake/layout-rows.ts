/**
 * Plain-text layouts rewritten as "Label: value" lines before fields are read, so one reader
 * serves them all: pipe rows ("| Boat | Wahoo Warrior |"), pipe tables whose header names the
 * columns ("| Date | Guests |" over "| Jun 20 | 4 |") or says which column is new ("| Detail |
 * Previous | New |"), and dot leaders ("Booking ref ...... YH88214"). Every output line keeps
 * the number of the source line it came from, for the evidence.
 */
import { classifyLabel } from './field-labels.ts';

export interface LayoutLines {
  lines: string[];
  /** 0-based source line of each output line. */
  origin: number[];
}

const PIPE_ROW = /^[ \t]*\|(.*)\|?[ \t]*$/;
const RULE_ROW = /^[ \t]*[|+]?[ \t]*:?-{2,}:?[ \t]*(?:[|+][ \t]*:?-{2,}:?[ \t]*)*[|+]?[ \t]*$/;
// "Label ....... value", "Label … value", "Total charged to charterer . $3,680.00".
const LEADER = /^[ \t]*([^\t\n.…]{1,60}?)[ \t]+(?:\.{1,}|…+|·{3,})[ \t]+(\S.*)$/;
// "📍 Marina del Rey, Dock 52": a pin with no label says where. (Other emoji labels carry
// their words, "💳 Paid: $840", or values that read by themselves, "📅 Sat, May 29".)
const PIN_LINE = /^[ \t]*(?:\u{1F4CD}|\u{1F4CC})\u{FE0F}?[ \t]*([^:\n]{3,}\S)[ \t]*$/u;
// Column headings that say a column holds the value before or after a change.
const OLD_COLUMN =
  /^(?:previous(?:ly)?|old|original(?:ly)?|before|was|from|prior|current booking)$/i;
const NEW_COLUMN = /^(?:new|updated|after|now|to|changed to|revised|requested)$/i;

function cellsOf(line: string): string[] | undefined {
  const m = PIPE_ROW.exec(line);
  if (!m) return undefined;
  const inner = (m[1] ?? '').replace(/\|[ \t]*$/, '');
  return inner.split('|').map((cell) =>
    cell
      .trim()
      .replace(/[:：]$/, '')
      .trim(),
  );
}

/** Rewrites the layouts above; any other line is kept as it is. Linear in the input. */
export function layoutLines(source: readonly string[]): LayoutLines {
  const lines: string[] = [];
  const origin: number[] = [];
  const push = (text: string, from: number): void => {
    lines.push(text);
    origin.push(from);
  };
  let header: { cells: string[]; newColumn: number | undefined; named: boolean } | undefined;

  for (let i = 0; i < source.length; i += 1) {
    const line = source[i] ?? '';
    if (RULE_ROW.test(line) && /-{2,}/.test(line)) {
      push('', i);
      continue;
    }
    const cells = cellsOf(line);
    if (cells === undefined) {
      header = undefined;
      const pinned = PIN_LINE.exec(line);
      if (pinned?.[1]) {
        push(`Location: ${pinned[1]}`, i);
        continue;
      }
      const leader = LEADER.exec(line);
      if (leader && !/\d$/.test(leader[1] ?? '')) push(`${leader[1]?.trim()}: ${leader[2]}`, i);
      else push(line, i);
      continue;
    }
    const filled = cells.filter((c) => c !== '');
    if (
      header === undefined &&
      cells.length >= 2 &&
      isHeaderRow(cells, source[i - 1], source[i + 1])
    ) {
      const newColumn = cells.findIndex((c) => NEW_COLUMN.test(c));
      header = {
        cells,
        newColumn: newColumn > 0 && cells.some((c) => OLD_COLUMN.test(c)) ? newColumn : undefined,
        named: newColumn <= 0 && cells.every((c) => c === '' || classifyLabel(c) !== undefined),
      };
      push('', i);
      continue;
    }
    if (header?.newColumn !== undefined) {
      // "| Date | Sat, Jun 19 | Sun, Jun 20 |": the value is the one under "New".
      const value = cells[header.newColumn] ?? '';
      push(value === '' ? '' : `New ${cells[0] ?? ''}: ${value}`, i);
      continue;
    }
    if (header?.named) {
      for (const [k, cell] of cells.entries()) {
        const label = header.cells[k] ?? '';
        if (label !== '' && cell !== '') push(`${label}: ${cell}`, i);
      }
      continue;
    }
    if (filled.length === 2 && cells.length <= 3) {
      push(`${filled[0]}: ${filled[1]}`, i);
      continue;
    }
    // A row of a table nothing names: its cells as a sentence.
    push(filled.join(', '), i);
  }
  return { lines, origin };
}

/**
 * A pipe row directly above a rule row ("|---|---|") is the header of a table when it starts
 * the table: the last row of a bordered table sits above its bottom border too.
 */
function isHeaderRow(
  cells: string[],
  previous: string | undefined,
  next: string | undefined,
): boolean {
  const startsTable =
    previous === undefined || cellsOf(previous) === undefined || RULE_ROW.test(previous);
  return startsTable && next !== undefined && RULE_ROW.test(next) && cells.some((c) => c !== '');
}
