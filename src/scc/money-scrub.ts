/**
 * Finding and removing money in crew-visible text and records. The revenue-scrub step strips
 * the event notes with `stripMoneyFromText`, then proves the read-back record clean with
 * `findMoneyInRecord`. Both use the same detectors, so a stripped text always passes the check.
 */

const NUMBER = String.raw`\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?`;
const SUFFIX = String.raw`(?:[ \t]?[kKmM](?![A-Za-z]))?(?:[ \t]?(?:\/|per[ \t])[ \t]?(?:h|hr|hrs|hour|hours|day|person|guest|head|trip|charter)(?![A-Za-z]))?`;
/** `$1,234.56`, `US$ 50/h`, `USD 100`, `€20`, `100 dollars`, `840.75 USD`. */
const CURRENCY_AMOUNT = new RegExp(
  String.raw`(?:US\$|\$|€|£|(?<![A-Za-z])(?:USD|EUR|GBP)(?![A-Za-z]))[ \t]?(?:${NUMBER})${SUFFIX}` +
    String.raw`|(?:${NUMBER})[ \t]?(?:USD|EUR|GBP|dollars?|bucks)(?![A-Za-z])${SUFFIX}`,
  'gi',
);
/** Words that make a nearby number money ("Revenue 840.75", "crew_rate: 25"). Letter-bounded, so `crew_rate` counts and `pirate` does not. */
const MONEY_WORD =
  /(?<![a-z])(?:revenue|payouts?|profits?|earnings|net|gross|income|rates?|wages?|salar(?:y|ies)|commissions?|fees?|costs?|prices?|pay|compensation|margins?|tips?|gratuit(?:y|ies))(?![a-z])/i;
/** Links and host names: their letters and digits are not money ("example.net/g/2024"). */
const URL_LIKE = /(?:https?:\/\/|www\.)\S+|[\w-]+(?:\.[a-z][\w-]*)+(?:\/\S*)?|\S+@\S+/gi;
/** Splits a line into phrases, keeping the separators: `;` `|` `•`, sentence ends, `, `, ` - `. */
const PHRASE_SEPARATOR = /(\s*(?:[;|•]|[.!?](?=\s|$)|,(?=\s)|\s[-–—](?=\s))\s*)/;

const MONEY_FIELDS = new Set([
  'revenue',
  'crewrate',
  'captainrate',
  'portfee',
  'netprofit',
  'payout',
  // The calendar metadata's names, so the same check covers a record that carries them.
  'crewcost',
  'captaincost',
]);

/**
 * Removes money from free text: currency amounts anywhere, and whole phrases that pair a
 * money word (revenue, payout, profit, rate, fee, …) with a number. Lines without money are
 * returned untouched; lines left empty are dropped.
 *
 * @example stripMoneyFromText('Meet 8:30 at dock 3. Revenue $840.75; captain rate 50/h') // 'Meet 8:30 at dock 3.'
 */
export function stripMoneyFromText(notes: string): string {
  let text = notes;
  // Removing an amount can join its neighbours into a new one ("$ $50 50"); repeat until clean.
  for (let round = 0; round < 20; round += 1) {
    const next = stripOnce(text);
    if (next === text) return text;
    text = next;
  }
  return containsMoney(text) ? '' : text;
}

/**
 * Paths (like `metadata.revenue` or `notes`) of every money field that holds a value and every
 * string that contains money, anywhere in `record`. Empty when the record is clean.
 */
export function findMoneyInRecord(record: unknown): string[] {
  const found: string[] = [];
  const seen = new WeakSet<object>();
  const visit = (value: unknown, path: string): void => {
    if (typeof value === 'string') {
      if (containsMoney(value)) found.push(path || '(root)');
      return;
    }
    if (value === null || typeof value !== 'object' || seen.has(value)) return;
    seen.add(value);
    if (Array.isArray(value)) {
      value.forEach((item, index) => {
        visit(item, `${path}[${index}]`);
      });
      return;
    }
    for (const [key, child] of Object.entries(value)) {
      const childPath = path ? `${path}.${key}` : key;
      if (isMoneyField(key) && child !== null && child !== undefined) found.push(childPath);
      else visit(child, childPath);
    }
  };
  visit(record, '');
  return found;
}

function isMoneyField(key: string): boolean {
  return MONEY_FIELDS.has(key.toLowerCase().replace(/[^a-z]/g, ''));
}

function containsMoney(text: string): boolean {
  // Amounts never span lines (the patterns allow spaces and tabs only), so lines are checked as strip sees them.
  CURRENCY_AMOUNT.lastIndex = 0;
  if (CURRENCY_AMOUNT.test(text)) return true;
  return text
    .split(/\r?\n|\r/)
    .some((line) => splitPhrases(line).some((p) => p.isContent && isMoneyPhrase(p.text)));
}

function isMoneyPhrase(phrase: string): boolean {
  const words = phrase.replace(URL_LIKE, ' ');
  return MONEY_WORD.test(words) && /\d/.test(words);
}

interface Piece {
  text: string;
  isContent: boolean;
}

function splitPhrases(line: string): Piece[] {
  return line.split(PHRASE_SEPARATOR).map((text, index) => ({ text, isContent: index % 2 === 0 }));
}

function stripOnce(text: string): string {
  const lines = text.split(/(\r?\n|\r)/);
  const out: string[] = [];
  for (let i = 0; i < lines.length; i += 2) {
    const line = lines[i] ?? '';
    const ending = lines[i + 1] ?? '';
    const stripped = stripLine(line);
    if (stripped === undefined) continue;
    out.push(stripped, ending);
  }
  // A dropped last line leaves the previous line's break dangling; keep the original ending.
  let result = out.join('');
  if (!/(\r?\n|\r)$/.test(text)) result = result.replace(/(\r?\n|\r)$/, '');
  return result;
}

/** The line without money; undefined when nothing worth keeping is left. */
function stripLine(line: string): string | undefined {
  const pieces = splitPhrases(line);
  const kept: string[] = [];
  let changed = false;
  for (let i = 0; i < pieces.length; i += 2) {
    const content = pieces[i]?.text ?? '';
    const separator = pieces[i + 1]?.text ?? '';
    if (isMoneyPhrase(content)) {
      changed = true;
      continue;
    }
    kept.push(content, separator);
  }
  let result = kept.join('');
  CURRENCY_AMOUNT.lastIndex = 0;
  if (CURRENCY_AMOUNT.test(result)) {
    changed = true;
    result = result.replace(CURRENCY_AMOUNT, '');
  }
  if (!changed) return line;
  result = result
    .replace(/[ \t]{2,}/g, ' ')
    .replace(/[ \t]+([,.;:!?)])/g, '$1')
    .replace(/\(\s*\)/g, '')
    .replace(/[\s,;:|•–—-]+$/, '')
    .replace(/^[\s,;|•]+/, '')
    .trim();
  return /[\p{L}\p{N}]/u.test(result) ? result : undefined;
}
