/** Text clean-up shared by every intake path: one kind of space, no invisible characters. */

// NBSP, narrow NBSP (Gmail writes "9:58\u202fAM"), figure/thin/hair spaces, ideographic space.
const ODD_SPACES = /[\u00a0\u2000-\u200a\u202f\u205f\u3000]/g;
// Zero-width and formatting characters that email pre-headers pad with.
// U+034F (combining grapheme joiner) is listed apart: a class cannot hold a combining mark.
const INVISIBLE = /[\u200b-\u200d\u2060\ufeff\u00ad]|\u034f/g;

// Node 20's TextDecoder decodes "windows-1252" as ISO-8859-1, so cp1252's curly quotes and
// dashes (bytes 0x80-0x9F) arrive as C1 control characters. Real text never contains C1
// controls, so map them to what cp1252 means by those bytes.
const CP1252_C1 = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';
const C1_CONTROLS = /[\u0080-\u009f]/g;

/** Normalizes line endings, spaces and invisible characters; keeps line structure. */
export function normalizeText(text: string): string {
  return text
    .replace(C1_CONTROLS, (c) => CP1252_C1[c.charCodeAt(0) - 0x80] ?? c)
    .normalize('NFC')
    .replace(/\r\n?/g, '\n')
    .replace(INVISIBLE, '')
    .replace(ODD_SPACES, ' ')
    .replace(/[ \t]+$/gm, '');
}

/** Collapses all runs of whitespace to one space and trims. */
export function squash(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
