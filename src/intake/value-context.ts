/**
 * The context a date, time or length sits in. A deadline ("approve within 72 hours", "respond
 * by Friday, Aug 6"), a hold or an expiry, or the moment a message was sent is never the
 * charter's date, start or duration, however much it looks like one.
 */

// The words just before the value (at most five words between, so a time after the deadline date counts too): "within 72 hours",
// "respond by Fri, Aug 6", "expires on Aug 6", "held for 24 hours", "sent on Aug 1".
// "booked by Ann for Aug 7" is a booking, not a deadline, hence the lookbehind on "by".
const DEADLINE_BEFORE =
  /(?:\bwithin|\bin the next|(?<!\b(?:booked|reserved|requested|made|paid|placed|captained|hosted|run|skippered) )\bby|\bbefore|\buntil|\bno later than|\bexpir(?:es|ed|y|ation|ing)|\bdeadline|\bdue|\breply|\brespond|\banswer|\bheld|\bhold(?:s|ing)?|\bvalid|\bsent|\breceived|\bposted|\bissued|\bprocessed|\bpaid out|\bpayout|\bwrote)(?: (?:on|at|in|for|through|thru|until|till|of|is|date))?:? (?:the )?(?:[\w.,'’:/]{1,12} ){0,5}$/i;
// The line as a whole is a forward header or a reply line: "On Mon, Aug 2, 2026 at 9:58 AM
// Jane <j@x> wrote:", "Sent: Monday, August 2".
const HEADER_LINE = /^(?:>\s*)*(?:on\b[^\n]{4,200}\bwrote:?\s*$|(?:sent|date|received)\s*:)/i;

/**
 * Why a value found at `index` in `line` cannot be a charter's date, start or duration, or
 * undefined when nothing disqualifies it.
 */
export function disqualifyingContext(line: string, index: number): string | undefined {
  if (HEADER_LINE.test(line)) return 'a forward or reply header';
  const before = line.slice(Math.max(0, index - 40), index).replace(/\s+/g, ' ');
  const m = DEADLINE_BEFORE.exec(before);
  if (!m) return undefined;
  return `a deadline or sent time ("${m[0].trim()}")`;
}
