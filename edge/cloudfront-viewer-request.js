/**
 * deckhand's CloudFront Function (runtime cloudfront-js-2.0, event type viewer-request).
 *
 * Guest and crew pages are S3 objects at g/<SLUG>.html and c/<SLUG>.html; people get the short
 * links /g/<slug> and /c/<slug>. This function maps a short link, in any letter case and with
 * or without a trailing slash, to the object key (the slug is stored upper case), and upper-cases
 * the slug of a guest calendar file /g/<slug>.ics. Every other URI passes through unchanged,
 * so nothing outside those shapes (traversal, other folders, other extensions) can reach S3
 * under a rewritten name. The query string, headers and cookies are never touched.
 *
 * The runtime is ES 5.1 plus a few later features (const, let, template literals, arrow
 * functions, async/await): no modules, no exports, no destructuring, no optional chaining.
 * The local server runs this same file in node:vm (src/pages/edge-function.ts).
 */

// Character classes are spelled out rather than relying on the `i` flag: only ASCII letters and
// digits may match, whatever the regular-expression engine does with case folding.

/** A page: /g/<slug> or /c/<slug>, optional trailing slash; a slug is 7-16 letters and digits. */
const PAGE_PATH = /^\/([gGcC])\/([A-Za-z0-9]{7,16})\/?$/;

/** A guest calendar file: /g/<slug>.ics. */
const ICS_PATH = /^\/[gG]\/([A-Za-z0-9]{7,16})\.[iI][cC][sS]$/;

// biome-ignore lint/correctness/noUnusedVariables: CloudFront invokes the top-level function named `handler`; the runtime has no exports.
async function handler(event) {
  const request = event.request;
  const uri = request.uri;

  const page = PAGE_PATH.exec(uri);
  if (page) {
    request.uri = `/${page[1].toLowerCase()}/${page[2].toUpperCase()}.html`;
    return request;
  }

  const ics = ICS_PATH.exec(uri);
  if (ics) {
    request.uri = `/g/${ics[1].toUpperCase()}.ics`;
  }

  return request;
}
