/** Fixed page models for the page, .ics and screenshot tests: the example tenant's texts. */
import type { CrewPageModel, GuestPageModel, PageTenant } from '../../src/pages/page-models.ts';

export const INJECTION = 'Sam <script>alert(1)</script>"><img src=x onerror=alert(1)> <!channel>';

export const PAGE_TENANT: PageTenant = {
  name: 'Queen of San Diego Charters',
  domain: 'queenofsandiego.com',
  timezone: 'America/Los_Angeles',
  contact: { phone: '+1 619 555 0100', email: 'ops@queenofsandiego.com' },
  houseRules: [
    'No smoking or vaping on board.',
    'Soft-sided coolers only; no glass bottles.',
    'Guests under 13 wear a life jacket on deck at all times.',
    'The captain has the final word on weather and route.',
  ],
  safetyNotes: [
    'Life jackets for every guest are stowed under the bow seats; the crew will show you before departure.',
    'The fire extinguisher is by the helm and the first-aid kit is in the cabin.',
    'Tell the crew about any medical condition or seasickness before we leave the dock.',
  ],
  whatToBring: [
    'Sunscreen (reef-safe), hats and sunglasses',
    'A warm layer: it is cooler on the water',
    'Soft-soled shoes',
    'Photo ID for the renter',
  ],
};

export const DEPARTURE = {
  name: 'Shelter Island Marina, Dock C',
  address: '2051 Shelter Island Dr, San Diego, CA 92106',
  parking: 'Free lot at the foot of Dock C; overflow on Shelter Island Dr.',
};

/** A 4-hour charter at 9:00 PDT on Saturday, May 30, 2026. */
export function guestModel(overrides: Partial<GuestPageModel> = {}): GuestPageModel {
  return {
    tenant: PAGE_TENANT,
    slug: 'K7QM2XD',
    listingName: "Sea Breeze 32' Sportfish",
    guestName: 'Avery Sampleton',
    partySize: 6,
    startsAt: '2026-05-30T16:00:00.000Z',
    endsAt: '2026-05-30T20:00:00.000Z',
    departure: DEPARTURE,
    captainName: 'Rosa Exampleton',
    icsPath: '/g/K7QM2XD.ics',
    // The default window: from an hour before departure until 7 days after the trip.
    uploads: {
      state: 'before',
      opensAt: '2026-05-30T15:00:00.000Z',
      closesAt: '2026-06-06T20:00:00.000Z',
      endpoint: '/g/K7QM2XD/uploads',
      connectSource: 'https://s3.us-west-2.amazonaws.com',
    },
    ...overrides,
  };
}

/** The crew view of the same charter, called an hour early. */
export function crewModel(overrides: Partial<CrewPageModel> = {}): CrewPageModel {
  return {
    tenant: {
      name: PAGE_TENANT.name,
      timezone: PAGE_TENANT.timezone,
      contact: PAGE_TENANT.contact,
    },
    crewSlug: 'R4TW9PLC2M',
    listingName: "Sea Breeze 32' Sportfish",
    partySize: 6,
    startsAt: '2026-05-30T16:00:00.000Z',
    endsAt: '2026-05-30T20:00:00.000Z',
    callAt: '2026-05-30T15:00:00.000Z',
    departure: DEPARTURE,
    specialRequests:
      "It's my dad's 70th birthday; we are bringing a cake.\nTwo guests get seasick easily.",
    checklist: [
      'Fuel and oil checked, logged',
      "Life jackets counted (one per guest plus crew), kids' sizes aboard",
      'Safety briefing delivered before departure',
      'Ice, water and cooler stocked',
      'Heads cleaned and stocked',
      'Lines, fenders and cabin secured after return',
    ],
    crew: [
      { name: 'Jules Fakename', role: 'first_mate', phone: '+1 619 555 0113' },
      { name: 'Kai Sampleson', role: 'deckhand', phone: '+1 619 555 0114' },
      { name: 'Rosa Exampleton', role: 'captain', phone: '+1 619 555 0111' },
      { name: 'Nina Placeholder', role: 'host' },
    ],
    captain: { name: 'Rosa Exampleton', phone: '+1 619 555 0111' },
    guestPageUrl: 'https://queenofsandiego.com/g/K7QM2XD',
    ...overrides,
  };
}
