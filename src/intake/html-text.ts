/**
 * HTML email bodies to text with html-to-text, configured for label extraction: every table
 * cell on its own line (so "Booking ID" and "90413562" stay apart), struck-through old values
 * and hidden pre-headers dropped, link targets not inlined. A row of headings over one row of
 * values ("Trip ID | Listing" over "CMBMCWA | Island Time") becomes "Trip ID: CMBMCWA" lines:
 * cell per line, three headings then three values lose which value is whose.
 */
import { compile, type FormatCallback } from 'html-to-text';

const block = (selector: string) => ({ selector, format: 'block' as const });
const skip = (selector: string) => ({ selector, format: 'skip' as const });

/** The DOM nodes html-to-text hands a formatter (domhandler's, typed only as far as used). */
interface DomNode {
  type: string;
  name?: string;
  data?: string;
  children?: DomNode[];
  parent?: DomNode | null;
  prev?: DomNode | null;
  next?: DomNode | null;
}

const isElement = (node: DomNode | null | undefined, name?: string): node is DomNode =>
  !!node &&
  (node.type === 'tag' || node.type === 'script' || node.type === 'style') &&
  (name === undefined || node.name === name);

function cellsOf(row: DomNode): DomNode[] {
  return (row.children ?? []).filter((c) => isElement(c) && (c.name === 'td' || c.name === 'th'));
}

function siblingRow(row: DomNode, way: 'prev' | 'next'): DomNode | undefined {
  let node = row[way];
  while (node && !isElement(node)) node = node[way];
  return isElement(node, 'tr') ? node : undefined;
}

function textOf(node: DomNode): string {
  if (node.type === 'text') return node.data ?? '';
  return (node.children ?? []).map(textOf).join(' ');
}

/** A row of short headings only (th cells with text and no nested table). */
function isHeadingRow(row: DomNode | undefined): row is DomNode {
  if (!row) return false;
  const cells = cellsOf(row);
  return (
    cells.length >= 2 &&
    cells.every(
      (c) =>
        c.name === 'th' && !hasTable(c) && textOf(c).trim().length > 0 && textOf(c).length <= 60,
    )
  );
}

function hasTable(node: DomNode): boolean {
  return (node.children ?? []).some((c) => isElement(c, 'table') || hasTable(c));
}

/** A row of plain values (td cells, no nested table), as many as the headings above it. */
function isValueRow(row: DomNode | undefined, count: number): row is DomNode {
  if (!row) return false;
  const cells = cellsOf(row);
  return cells.length === count && cells.every((c) => c.name === 'td' && !hasTable(c));
}

/**
 * A row: headings over exactly one row of values are written as "Heading: value" lines when
 * the value row comes (the heading row itself prints nothing); every other row prints its
 * cells one per line, as before.
 */
const formatRow: FormatCallback = (elem, walk, builder) => {
  const row = elem as unknown as DomNode;
  const next = siblingRow(row, 'next');
  if (isHeadingRow(row) && isValueRow(next, cellsOf(row).length)) {
    const after = siblingRow(next, 'next');
    if (!isValueRow(after, cellsOf(row).length)) return;
  }
  const previous = siblingRow(row, 'prev');
  const headings =
    isHeadingRow(previous) &&
    isValueRow(row, cellsOf(previous).length) &&
    !isValueRow(siblingRow(row, 'next'), cellsOf(previous).length)
      ? cellsOf(previous).map((c) =>
          textOf(c)
            .replace(/\s+/g, ' ')
            .trim()
            .replace(/[:：]$/, ''),
        )
      : undefined;
  builder.openBlock({ leadingLineBreaks: 1 });
  if (headings) {
    for (const [k, cell] of cellsOf(row).entries()) {
      builder.openBlock({ leadingLineBreaks: 1 });
      builder.addInline(`${headings[k]}: `);
      walk(cell.children as never, builder);
      builder.closeBlock({ trailingLineBreaks: 1 });
    }
  } else {
    walk(elem.children, builder);
  }
  builder.closeBlock({ trailingLineBreaks: 1 });
};

const convert = compile({
  wordwrap: false,
  formatters: { row: formatRow },
  decodeEntities: true,
  limits: { maxInputLength: 5_000_000, maxDepth: 200 },
  selectors: [
    { selector: 'a', options: { ignoreHref: true } },
    { selector: 'img', format: 'skip' },
    { selector: 'h1', options: { uppercase: false } },
    { selector: 'h2', options: { uppercase: false } },
    { selector: 'h3', options: { uppercase: false } },
    { selector: 'h4', options: { uppercase: false } },
    { selector: 'h5', options: { uppercase: false } },
    { selector: 'h6', options: { uppercase: false } },
    { selector: 'th', format: 'block', options: { uppercase: false } },
    block('table'),
    block('tbody'),
    block('thead'),
    { selector: 'tr', format: 'row' },
    block('td'),
    // A modification shows the old value struck through next to the new one.
    skip('s'),
    skip('del'),
    skip('strike'),
    // Pre-header teasers are hidden and repeat (or contradict) the body.
    skip('[style*="display:none"]'),
    skip('[style*="display: none"]'),
    skip('head'),
    skip('style'),
    skip('script'),
  ],
});

/** Converts an HTML body to plain text lines. */
export function htmlToText(html: string): string {
  return convert(html);
}

/** True when a pasted text is an HTML document or fragment rather than plain text. */
export function looksLikeHtml(text: string): boolean {
  return /^\s*(?:<!doctype html|<html|<body|<table|<div|<p[\s>])/i.test(text);
}
