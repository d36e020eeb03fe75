/**
 * The context a date, time or length sits in. A deadline ("approve within 72 hours", "respond
 * by Friday, Aug 6"), a hold or an expiry, or the moment a message was sent is never the
 * charter's date, start or duration, however much it looks like one.
 */

// The words just before the value (at most five words between, so a time after the deadline date counts too): "within 72 hours",
// "respond by Fri, Aug 6", "expires on Aug 6", "held for 24 hours", "sent on Aug 1".
// "booked by Ann for Aug 7" is a booking, not a deadline, hence the lookbehind on "by".
const DEADLINE_BEFORE =
  /(?:\bwithin|\bin the next|(?<!\b(?:booked|reserved|requested|made|paid|placed|captained|hosted|run|skippered) )\bby|\bbefore|\buntil|\bno later than|\bexpir(?:es|ed|y|ation|ing)|\bdeadline|\bdue|\breply|\brespond|\banswer|\bheld|\bhold(?:s|ing)?|\bvalid|\bsent|\breceived|\bposted|\bissued|\bprocessed|\bpaid out|\bpayout|\bwrote)(?: (?:on|at|in|for|through|thru|until|till|of|is|date))?:? (?:the )?(?:[\w.,'’:/-]{1,12} ){0,5}$/i;
// The line as a whole is a forward header or a reply line: "On Mon, Aug 2, 2026 at 9:58 AM
// Jane <j@x> wrote:", "Sent: Monday, August 2".
const HEADER_LINE = /^(?:>\s*)*(?:on\b[^\n]{4,200}\bwrote:?\s*$|(?:sent|date|received)\s*:)/i;

/**
 * Why a value found at `index` in `line` cannot be a charter's date, start or duration, or
 * undefined when nothing disqualifies it.
 */
export function disqualifyingContext(
  line: string,
  index: number,
  what: 'date' | 'time' = 'date',
): string | undefined {
  if (HEADER_LINE.test(line)) return 'a forward or reply header';
  const before = line.slice(Math.max(0, index - 40), index).replace(/\s+/g, ' ');
  // "Check in: 4pm", "arrive at 9:30 for the briefing": when guests come, not when it starts
  // (the check-in day is the trip's day, so only times are refused).
  const arrival = what === 'time' ? ARRIVAL_BEFORE.exec(before) : null;
  if (arrival) return `a check-in or arrival time ("${arrival[0].trim()}")`;
  const m = DEADLINE_BEFORE.exec(before);
  if (!m) return undefined;
  return `a deadline or sent time ("${m[0].trim()}")`;
}

const ARRIVAL_BEFORE =
  /\b(?:check(?:-| )?in|checkin|arriv(?:e|al|ing)|briefing|be at the (?:dock|marina|boat))\b(?: (?:time|is|at|by|from|starts?|opens?|begins?))*:? (?:the )?(?:[\w.,'’:/-]{1,12} ){0,3}$/i;
// A line about a deadline or a hold: "You have 48 hours to accept", "the hold lasts 72 hours".
const DEADLINE_LINE =
  /\b(?:(?:hours?|days?) to (?:accept|respond|reply|confirm|approve|decline|decide)|hold (?:on (?:the|your) card )?(?:lasts|expires|is released|ends)|(?:respond|reply|accept|approve|confirm|decide) (?:by|within|before)|request expires|offer expires)\b/i;
// A line about a policy: its hours and days are notice periods, never the trip's.
const POLICY =
  /\b(?:cancell?ation policy|refund policy|weather policy|free cancell?ation|non-?refundable|no-?show|(?:more|less|fewer) than \d+ (?:hours?|days?|weeks?)|up to \d+ (?:hours?|days?)|\d+ (?:hours?|days?|weeks?) (?:before|prior|in advance|notice|ahead))\b/i;
// A line about a desk or a phone line: "Our support line is open 8am-6pm ET".
const SUPPORT =
  /\b(?:support|customer (?:service|care)|help ?(?:desk|line|cent(?:er|re))|office hours|hours of operation|(?:we(?:'re| are)|line is|desk is|office is|phones? (?:are|is)) open|call us|contact us|reach us)\b/i;
// A line selling something: "Book Windsong for Feb 5 and save 20%", "Trips from $4017".
const OFFER =
  /(?:\bsave (?:up to )?\d+ ?%|(?<!\d)\d+ ?% off\b|\bbook now\b|\bbook your\b|\blimited time\b|\bonly \d+ (?:places|spots|seats|slots|berths) left\b|\bspecial offer\b|\bdeals\b|\bunsubscribe\b|\byou are receiving this\b|\bpromo(?:tion)?\b|\bcoupon\b|\bdiscount code\b|\b(?:trips?|prices?|rates?|charters?) from (?:US)?\$|\bstarting (?:at|from) (?:US)?\$|\bup to \d+ guests\b)/i;

/**
 * Why a whole line is about something other than the charter (a policy, a support desk, an
 * offer), or undefined when it may describe the charter. Its dates, times, lengths, counts
 * and amounts are then not read.
 */
export function lineContext(line: string): string | undefined {
  if (DEADLINE_LINE.test(line)) return 'a deadline or a hold';
  if (POLICY.test(line)) return 'a policy';
  if (SUPPORT.test(line)) return 'a support desk';
  if (OFFER.test(line)) return 'an offer';
  return undefined;
}
