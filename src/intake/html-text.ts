/**
 * HTML email bodies to text with html-to-text, configured for label extraction: every table
 * cell on its own line (so "Booking ID" and "90413562" stay apart), struck-through old values
 * and hidden pre-headers dropped, link targets not inlined.
 */
import { compile } from 'html-to-text';

const block = (selector: string) => ({ selector, format: 'block' as const });
const skip = (selector: string) => ({ selector, format: 'skip' as const });

const convert = compile({
  wordwrap: false,
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
    block('tr'),
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
