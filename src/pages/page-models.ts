/**
 * What the guest, crew and cancellation pages (and the guest calendar file) are rendered from.
 * Text typed by renters and operators arrives RAW here and is escaped where it is shown:
 * Handlebars escapes it in the page templates, the .ics writer escapes it for RFC 5545.
 * Crew models deliberately have no money fields: crew never see revenue, rates, fees or profit.
 */

export interface PageTenant {
  name: string;
  /** Bare host name the pages are served from, e.g. queenofsandiego.com. */
  domain: string;
  /** IANA zone every time on the page is shown in. */
  timezone: string;
  contact: { phone: string; email: string };
  houseRules: string[];
  safetyNotes: string[];
  whatToBring: string[];
}

export interface GuestPageModel {
  tenant: PageTenant;
  /** Public guest slug, e.g. "K7QM2XD" (random, never the marketplace booking number). */
  slug: string;
  /** The boat. */
  listingName: string | null;
  /** The renter, RAW (escaped on output). Only the first word is shown. */
  guestName: string | null;
  partySize: number | null;
  /** ISO UTC instant. */
  startsAt: string;
  /** ISO UTC instant. */
  endsAt: string;
  departure: { name: string; address: string; parking?: string | undefined };
  captainName: string | null;
  /** Path of the calendar file on the tenant domain, e.g. "/g/K7QM2XD.ics". */
  icsPath: string;
  /** The photo upload section. */
  uploads: GuestUploadsModel;
}

/**
 * The guest page's photo section. The page is rendered once (at approval), so `state` is only
 * what the page says without JavaScript; its script re-checks the window in the browser.
 */
export interface GuestUploadsModel {
  /** Where the window stood when the page was rendered. */
  state: 'before' | 'open' | 'closed';
  /** ISO UTC instants: uploads are accepted from opensAt until (not including) closesAt. */
  opensAt: string;
  closesAt: string;
  /** Same-site path the page asks for a presigned POST, e.g. "/g/K7QM2XD/uploads". */
  endpoint: string;
  /**
   * CSP `connect-src` source of the bucket the photos are posted to, e.g.
   * "https://s3.us-west-2.amazonaws.com" or "http://127.0.0.1:*" locally; null allows only
   * the page's own site (the page then cannot upload).
   */
  connectSource: string | null;
}

export interface CrewMember {
  name: string;
  role: 'captain' | 'first_mate' | 'deckhand' | 'host';
  phone?: string | undefined;
}

export interface CrewPageModel {
  tenant: { name: string; timezone: string; contact: { phone: string; email: string } };
  crewSlug: string;
  listingName: string | null;
  partySize: number | null;
  /** ISO UTC instant. */
  startsAt: string;
  /** ISO UTC instant. */
  endsAt: string;
  /** ISO UTC instant: when crew must be at the dock. */
  callAt: string;
  departure: { name: string; address: string; parking?: string | undefined };
  /** The renter's note, RAW (escaped on output). */
  specialRequests: string | null;
  checklist: string[];
  /** Everyone on the charter, captain included. */
  crew: CrewMember[];
  captain: { name: string; phone?: string | undefined } | null;
  /** Absolute URL of the guest page, e.g. https://queenofsandiego.com/g/K7QM2XD. */
  guestPageUrl: string;
}
