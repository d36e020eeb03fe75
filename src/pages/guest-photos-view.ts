/**
 * The guest page's photo section: what its template prints, its inline script, and the CSP
 * that lets exactly that script run and reach exactly deckhand and the photo bucket.
 *
 * The script lives in templates/scripts/guest-uploads.js and is printed unescaped (it is our
 * own file, never user text); its CSP hash is computed from the very string that is printed,
 * when the page is rendered, so editing the script can never leave a stale hash behind.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PACKAGE_ROOT } from '../package-root.ts';
import { formatClock, formatLongDate, parseInstant } from './page-format.ts';
import type { GuestPageModel } from './page-models.ts';

export const GUEST_UPLOAD_SCRIPT_FILE = join(
  PACKAGE_ROOT,
  'templates',
  'scripts',
  'guest-uploads.js',
);

function loadScript(file: string): string {
  const text = readFileSync(file, 'utf8').trim();
  // Inside <script> these would end the element or change how the HTML parser reads it.
  if (/<\/script|<!--|<script/i.test(text)) {
    throw new Error(`${file} must not contain "</script", "<script" or "<!--"`);
  }
  return text;
}

/** The script, exactly as it is printed between <script> and </script>. */
export const GUEST_UPLOAD_SCRIPT = loadScript(GUEST_UPLOAD_SCRIPT_FILE);

/** The CSP source that allows one inline script: 'sha256-<base64 of its UTF-8 SHA-256>'. */
export function scriptHashSource(script: string): string {
  return `'sha256-${createHash('sha256').update(script, 'utf8').digest('base64')}'`;
}

const CONNECT_SOURCE = /^https?:\/\/[A-Za-z0-9.-]+(:(\d{1,5}|\*))?$/;
const ENDPOINT = /^\/g\/[A-Za-z0-9]{7,16}\/uploads$/;

/** The guest page's CSP: the base policy plus the upload script, its requests and thumbnails. */
export function guestPageCsp(basePolicy: string, connectSource: string | null, script: string) {
  if (connectSource !== null && !CONNECT_SOURCE.test(connectSource)) {
    throw new RangeError(
      `uploads.connectSource is not an origin: ${JSON.stringify(connectSource)}`,
    );
  }
  return [
    basePolicy,
    `script-src ${scriptHashSource(script)}`,
    `connect-src 'self'${connectSource ? ` ${connectSource}` : ''}`,
    // Thumbnails are the guest's own files, shown from blob: URLs.
    'img-src blob:',
  ].join('; ');
}

/** "Saturday, May 30, 2026 at 8:00 AM PDT". */
function atLabel(instant: Date, timeZone: string): string {
  return `${formatLongDate(instant, timeZone)} at ${formatClock(instant, timeZone)}`;
}

/** What the photo section prints; the notice for the render-time state is the one not hidden. */
export function guestPhotosView(model: GuestPageModel) {
  const { uploads } = model;
  const zone = model.tenant.timezone;
  const opens = parseInstant(uploads.opensAt, 'uploads.opensAt');
  const closes = parseInstant(uploads.closesAt, 'uploads.closesAt');
  if (!ENDPOINT.test(uploads.endpoint)) {
    throw new RangeError(`uploads.endpoint must be /g/<SLUG>/uploads, got ${uploads.endpoint}`);
  }
  return {
    opensAt: opens.toISOString(),
    closesAt: closes.toISOString(),
    endpoint: uploads.endpoint,
    opensLabel: atLabel(opens, zone),
    closesLabel: atLabel(closes, zone),
    hideBefore: uploads.state !== 'before',
    hideOpen: uploads.state !== 'open',
    hideClosed: uploads.state !== 'closed',
  };
}
