/**
 * Renders the guest page, the crew page and the cancellation notice to complete HTML documents.
 * Pure: a model in, a string out. Templates live in templates/ and are compiled once, on a
 * private Handlebars instance in strict mode (a missing field throws instead of printing
 * nothing). Every value is printed with `{{ }}`, so renter- and operator-typed text is
 * HTML-escaped; all formatting (tenant-zone times, links) happens here, in the view models.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Handlebars from 'handlebars';
import { PACKAGE_ROOT } from '../package-root.ts';
import { GUEST_UPLOAD_SCRIPT, guestPageCsp, guestPhotosView } from './guest-photos-view.ts';
import {
  firstWord,
  formatClock,
  formatClockOnDay,
  formatDuration,
  formatLongDate,
  formatPartySize,
  mailtoHref,
  mapsUrl,
  meetingPoint,
  minutesBetween,
  parseInstant,
  telHref,
} from './page-format.ts';
import type { CrewMember, CrewPageModel, GuestPageModel } from './page-models.ts';

/** The folder the page templates are read from. */
export const TEMPLATES_DIR = join(PACKAGE_ROOT, 'templates');

const COMPILE_OPTIONS = { strict: true } as const;

/**
 * The pages' Content-Security-Policy: nothing but inline styles, no forms, no scripts. A page
 * that needs more (the crew answer form, the photo uploader) builds its own from this.
 */
export const PAGE_CSP =
  "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'";

/**
 * A CSP for the meta tag. Our own constant, never user text: marked safe so its quotes print as
 * quotes (escaping them would be equivalent HTML, but the policy reads better unescaped).
 */
export function cspValue(policy: string): Handlebars.SafeString {
  if (/["<>&]/.test(policy)) throw new Error('a CSP must not contain ", <, > or &');
  return new handlebars.SafeString(policy);
}

const handlebars = Handlebars.create();

function readTemplate(relative: string): string {
  return readFileSync(join(TEMPLATES_DIR, relative), 'utf8');
}

// Every templates/partials/<name>.hbs is the partial {{> name}}, compiled with the same options.
for (const file of readdirSync(join(TEMPLATES_DIR, 'partials')).sort()) {
  if (!file.endsWith('.hbs')) continue;
  handlebars.registerPartial(
    file.slice(0, -'.hbs'.length),
    handlebars.compile(readTemplate(join('partials', file)), COMPILE_OPTIONS),
  );
}

/** Compiles another page template with the shared partials (e.g. the crew magic-link page). */
export function compilePageTemplate(file: string): (view: object) => string {
  const template = handlebars.compile(readTemplate(file), COMPILE_OPTIONS);
  return (view) => {
    assertComplete(view as Record<string, unknown>, file);
    return template(view);
  };
}

const guestTemplate = handlebars.compile(readTemplate('guest-page.hbs'), COMPILE_OPTIONS);
const crewTemplate = handlebars.compile(readTemplate('crew-page.hbs'), COMPILE_OPTIONS);
const cancelledTemplate = handlebars.compile(readTemplate('cancelled-page.hbs'), COMPILE_OPTIONS);

interface ContactView {
  phone: string;
  phoneHref: string;
  email: string;
  emailHref: string;
}

interface DepartureView {
  name: string;
  /** Null when the name already says it (shown once). */
  address: string | null;
  parking: string | null;
  mapUrl: string;
}

function contactView(contact: { phone: string; email: string }): ContactView {
  return {
    phone: contact.phone,
    phoneHref: telHref(contact.phone),
    email: contact.email,
    emailHref: mailtoHref(contact.email),
  };
}

function departureView(departure: GuestPageModel['departure']): DepartureView {
  // A model with a hole (e.g. from JSON) is left for assertComplete to name.
  const point =
    typeof departure.name === 'string' && typeof departure.address === 'string'
      ? meetingPoint(departure.name, departure.address)
      : { name: departure.name, address: departure.address };
  return {
    ...point,
    parking: departure.parking?.trim() ? departure.parking : null,
    mapUrl: mapsUrl(point.address ?? point.name),
  };
}

function nonEmpty(text: string | null): string | null {
  return text?.trim() ? text : null;
}

/**
 * Throws when a view has an undefined value anywhere: strict templates catch a field the view
 * lacks, this catches a model that passed the type checker with a hole in it (e.g. from JSON).
 */
function assertComplete(value: unknown, path: string): void {
  if (value === undefined) throw new TypeError(`page model is missing ${path}`);
  if (Array.isArray(value)) {
    value.forEach((item, index) => {
      assertComplete(item, `${path}[${index}]`);
    });
  } else if (typeof value === 'object' && value !== null) {
    for (const [key, item] of Object.entries(value)) assertComplete(item, `${path}.${key}`);
  }
}

/** What the guest page template prints; every field present (strict mode), null when absent. */
export function guestPageView(model: GuestPageModel) {
  const zone = model.tenant.timezone;
  const start = parseInstant(model.startsAt, 'startsAt');
  const end = parseInstant(model.endsAt, 'endsAt');
  const first = firstWord(model.guestName);
  const dateLabel = formatLongDate(start, zone);
  return {
    csp: cspValue(guestPageCsp(PAGE_CSP, model.uploads.connectSource, GUEST_UPLOAD_SCRIPT)),
    pageTitle: `Your charter on ${dateLabel} · ${model.tenant.name}`,
    tenantName: model.tenant.name,
    greeting: first ? `Welcome aboard, ${first}` : 'Welcome aboard',
    dateLabel,
    startTime: formatClock(start, zone),
    endTime: formatClockOnDay(end, start, zone),
    durationLabel: formatDuration(minutesBetween(start, end)),
    boat: nonEmpty(model.listingName),
    captainName: nonEmpty(model.captainName),
    partySizeLabel: formatPartySize(model.partySize),
    departure: departureView(model.departure),
    whatToBring: model.tenant.whatToBring,
    safetyNotes: model.tenant.safetyNotes,
    houseRules: model.tenant.houseRules,
    icsPath: model.icsPath,
    contact: contactView(model.tenant.contact),
    slug: model.slug,
    uploads: guestPhotosView(model),
    // Our own file, printed as it is: its hash in `csp` is of exactly this string.
    uploadScript: new handlebars.SafeString(GUEST_UPLOAD_SCRIPT),
  };
}

const ROLE_LABELS: Record<CrewMember['role'], string> = {
  captain: 'Captain',
  first_mate: 'First mate',
  deckhand: 'Deckhand',
  host: 'Host',
};

const ROLE_ORDER: Record<CrewMember['role'], number> = {
  captain: 0,
  first_mate: 1,
  deckhand: 2,
  host: 3,
};

function phoneView(phone: string | undefined): { phone: string; phoneHref: string } | null {
  return phone?.trim() ? { phone, phoneHref: telHref(phone) } : null;
}

/** What the crew page template prints. No money: the model has none to give. */
export function crewPageView(model: CrewPageModel) {
  const zone = model.tenant.timezone;
  const start = parseInstant(model.startsAt, 'startsAt');
  const end = parseInstant(model.endsAt, 'endsAt');
  const call = parseInstant(model.callAt, 'callAt');
  const dateLabel = formatLongDate(start, zone);
  const crew = model.crew
    .map((member, index) => ({ member, index }))
    .sort((a, b) => ROLE_ORDER[a.member.role] - ROLE_ORDER[b.member.role] || a.index - b.index)
    .map(({ member }) => ({
      name: member.name,
      roleLabel: ROLE_LABELS[member.role],
      contact: phoneView(member.phone),
    }));
  return {
    csp: cspValue(PAGE_CSP),
    pageTitle: `Crew sheet for ${dateLabel} · ${model.tenant.name}`,
    tenantName: model.tenant.name,
    dateLabel,
    callTime: formatClockOnDay(call, start, zone),
    startTime: formatClock(start, zone),
    endTime: formatClockOnDay(end, start, zone),
    durationLabel: formatDuration(minutesBetween(start, end)),
    boat: nonEmpty(model.listingName),
    partySizeLabel: formatPartySize(model.partySize),
    departure: departureView(model.departure),
    specialRequests: nonEmpty(model.specialRequests),
    checklist: model.checklist,
    crew,
    captain: model.captain
      ? { name: model.captain.name, contact: phoneView(model.captain.phone) }
      : null,
    contact: contactView(model.tenant.contact),
    guestPageUrl: model.guestPageUrl,
  };
}

/** What the cancellation notice prints. */
const CANCELLED_TEXT = {
  guest: {
    ledeStart: 'Your charter on',
    explanation:
      'We are sorry this trip is not going ahead. The meeting point and times that were on this page no longer apply; if you added the charter to your calendar, you can delete it.',
    contactIntro: 'If you did not expect this, or want to book another date, get in touch with us.',
  },
  crew: {
    ledeStart: 'The charter on',
    explanation:
      'You are not needed for this charter any more. The call time, checklist and roster that were on this page no longer apply.',
    contactIntro: 'Questions about your schedule? Call or write to the office.',
  },
} as const;

export function cancelledPageView(model: GuestPageModel, audience: 'guest' | 'crew' = 'guest') {
  const zone = model.tenant.timezone;
  const start = parseInstant(model.startsAt, 'startsAt');
  return {
    ...CANCELLED_TEXT[audience],
    csp: cspValue(PAGE_CSP),
    pageTitle: `Charter cancelled · ${model.tenant.name}`,
    tenantName: model.tenant.name,
    dateLabel: formatLongDate(start, zone),
    startTime: formatClock(start, zone),
    boat: nonEmpty(model.listingName),
    contact: contactView(model.tenant.contact),
    slug: model.slug,
  };
}

/** The guest page, published at g/<SLUG>.html. */
export function renderGuestPage(model: GuestPageModel): string {
  const view = guestPageView(model);
  assertComplete(view, 'guest');
  return guestTemplate(view);
}

/** The crew page, published at c/<SLUG>.html: logistics, call time, checklist, roster. */
export function renderCrewPage(model: CrewPageModel): string {
  const view = crewPageView(model);
  assertComplete(view, 'crew');
  return crewTemplate(view);
}

/** What replaces the guest page when the charter is cancelled. */
/** The crew page of a cancelled charter: the same notice, worded for crew. */
export function renderCancelledCrewPage(model: GuestPageModel): string {
  return renderCancelled(model, 'crew');
}

export function renderCancelledGuestPage(model: GuestPageModel): string {
  return renderCancelled(model, 'guest');
}

function renderCancelled(model: GuestPageModel, audience: 'guest' | 'crew'): string {
  const view = cancelledPageView(model, audience);
  assertComplete(view, 'cancelled');
  return cancelledTemplate(view);
}
