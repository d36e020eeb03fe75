/**
 * Guest, crew and cancellation pages: snapshots make escaping and layout changes visible in
 * review; the assertions pin what must never regress (escaped renter text, no money on the
 * crew page, tenant-zone times, a self-contained accessible document).
 */
import { describe, expect, it } from 'vitest';
import { renderCrewLinkPage } from '../../src/crew/render-crew-link.ts';
import { buildGuestIcs } from '../../src/pages/guest-ics.ts';
import { GUEST_UPLOAD_SCRIPT } from '../../src/pages/guest-photos-view.ts';
import { mapsUrl, meetingPoint } from '../../src/pages/page-format.ts';
import type { CrewPageModel, GuestPageModel } from '../../src/pages/page-models.ts';
import {
  renderCancelledGuestPage,
  renderCrewPage,
  renderGuestPage,
} from '../../src/pages/render-pages.ts';
import { crewModel, DEPARTURE, guestModel, INJECTION } from '../support/page-fixtures.ts';

/** Undoes the escaping Handlebars applies, to read an attribute the way a browser does. */
function decodeEntities(text: string): string {
  return text
    .replace(/&#x([0-9a-f]+);/gi, (_, hex: string) =>
      String.fromCodePoint(Number.parseInt(hex, 16)),
    )
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

function hrefs(html: string): string[] {
  return [...html.matchAll(/href="([^"]*)"/g)].map((m) => decodeEntities(m[1] ?? ''));
}

/** Visible text, roughly: tags and the style block removed, entities decoded. */
function textOf(html: string): string {
  return decodeEntities(
    html
      .replace(/<style>[\s\S]*?<\/style>/, ' ')
      .replace(/<[^>]+>/g, ' ')
      .replace(/\s+/g, ' '),
  );
}

/**
 * The page without the guest page's photo section and its own inline script (whose hash is in
 * the page's CSP; test/unit/guest-photos-section.test.ts covers both): what remains must hold
 * no scripts, forms or images at all.
 */
function withoutPhotoSection(html: string): string {
  return html
    .replace(`<script>${GUEST_UPLOAD_SCRIPT}</script>`, '')
    .replace(/<section class="card photos"[\s\S]*?<\/section>/, '');
}

const ALL_PAGES: [string, () => string][] = [
  ['guest page', () => renderGuestPage(guestModel())],
  ['crew page', () => renderCrewPage(crewModel())],
  ['cancelled page', () => renderCancelledGuestPage(guestModel())],
];

describe('page snapshots', () => {
  it('renders the guest page', () => {
    expect(renderGuestPage(guestModel())).toMatchSnapshot();
  });

  it('renders the crew page', () => {
    expect(renderCrewPage(crewModel())).toMatchSnapshot();
  });

  it('renders the cancellation notice', () => {
    expect(renderCancelledGuestPage(guestModel())).toMatchSnapshot();
  });
});

describe.each(ALL_PAGES)('%s document', (_name, render) => {
  const html = render();

  it('is an English, self-contained page with exactly one h1 and no scripts', () => {
    const rest = withoutPhotoSection(html);
    expect(html.startsWith('<!doctype html>\n<html lang="en">')).toBe(true);
    expect(html.match(/<h1[\s>]/g)).toHaveLength(1);
    expect(rest).not.toMatch(/<script/i);
    expect(html).not.toMatch(/<script[^>]*\ssrc=/i);
    expect(html).not.toMatch(/<link/i);
    expect(rest).not.toMatch(/@import|@font-face|url\(/i);
    expect(rest).not.toMatch(/<img|<iframe|<form|<input/i);
    expect(html).toContain('<meta name="viewport" content="width=device-width, initial-scale=1">');
  });

  it('asks search engines not to index it and sends no referrer', () => {
    expect(html).toContain('<meta name="robots" content="noindex, nofollow">');
    expect(html).toContain('<meta name="referrer" content="no-referrer">');
    expect(html).toContain("default-src 'none'");
  });

  it('only links to https pages, tel:, mailto: or paths on the same site', () => {
    for (const href of hrefs(html)) {
      expect(href).toMatch(/^(https:\/\/|tel:\+?\d+$|mailto:|\/)/);
    }
    expect(html).not.toContain('http://');
  });

  it('has headings in order: one h1, then h2 sections', () => {
    const levels = [...html.matchAll(/<h([1-6])[\s>]/g)].map((m) => Number(m[1]));
    expect(levels[0]).toBe(1);
    expect(levels.slice(1).every((level) => level === 2)).toBe(true);
    expect(levels.length).toBeGreaterThan(1);
  });

  it('offers tel: and mailto: links to the business', () => {
    expect(hrefs(html)).toEqual(
      expect.arrayContaining(['tel:+16195550100', 'mailto:ops@queenofsandiego.com']),
    );
  });
});

describe('escaping renter- and operator-typed text', () => {
  function expectInert(html: string): void {
    expect(withoutPhotoSection(html)).not.toMatch(/<script/i);
    expect(html).not.toMatch(/<img/i);
    expect(html).not.toContain('<!channel>');
    expect(html).not.toMatch(/onerror=/i);
    expect(html).toContain('&lt;script&gt;');
  }

  it('escapes the guest name, boat, departure and captain on the guest page', () => {
    const html = renderGuestPage(
      guestModel({
        guestName: `<script>alert(1)</script>"><img src=x onerror=alert(1)> ${INJECTION}`,
        listingName: INJECTION,
        captainName: INJECTION,
        departure: { name: INJECTION, address: INJECTION, parking: INJECTION },
      }),
    );

    expectInert(html);
    expect(textOf(html)).toContain(INJECTION);
  });

  it('shows only the first word of an injected guest name, escaped', () => {
    const html = renderGuestPage(guestModel({ guestName: INJECTION }));

    expectInert(renderGuestPage(guestModel({ guestName: `<script>x</script> ${INJECTION}` })));
    expect(html).toContain('<h1>Welcome aboard, Sam</h1>');
    expect(html).not.toContain('alert(1)');
  });

  it('escapes the boat, departure, special requests and crew names on the crew page', () => {
    const html = renderCrewPage(
      crewModel({
        listingName: INJECTION,
        departure: { name: INJECTION, address: INJECTION, parking: INJECTION },
        specialRequests: INJECTION,
        checklist: [INJECTION],
        crew: [{ name: INJECTION, role: 'captain', phone: '+1 619 555 0111' }],
        captain: { name: INJECTION, phone: '+1 619 555 0111' },
      }),
    );

    expectInert(html);
    expect(textOf(html)).toContain(INJECTION);
  });

  it('escapes the boat on the cancellation notice', () => {
    const html = renderCancelledGuestPage(guestModel({ listingName: INJECTION }));

    expectInert(html);
  });

  it('keeps an injected address inside the map link, percent-encoded', () => {
    const html = renderGuestPage(
      guestModel({ departure: { name: 'Dock', address: INJECTION, parking: undefined } }),
    );

    expect(hrefs(html)).toContain(mapsUrl(INJECTION));
    expect(html).not.toMatch(/href="[^"]*[<>][^"]*"/);
  });
});

describe('renderGuestPage', () => {
  it('shows the charter in the tenant zone: 16:00Z in Los Angeles is 9:00 AM PDT', () => {
    const text = textOf(renderGuestPage(guestModel()));

    expect(text).toContain('Saturday, May 30, 2026');
    expect(text).toContain('Departs 9:00 AM PDT');
    expect(text).toContain('Returns 1:00 PM PDT');
    expect(text).toContain('Duration 4 hours');
  });

  it('uses the zone of the tenant, not of the machine', () => {
    const model = guestModel();
    const text = textOf(
      renderGuestPage({ ...model, tenant: { ...model.tenant, timezone: 'America/New_York' } }),
    );

    expect(text).toContain('Departs 12:00 PM EDT');
  });

  it('adds the day to a return after midnight', () => {
    const text = textOf(
      renderGuestPage(
        guestModel({ startsAt: '2026-05-31T03:00:00Z', endsAt: '2026-05-31T08:30:00Z' }),
      ),
    );

    expect(text).toContain('Saturday, May 30, 2026');
    expect(text).toContain('Departs 8:00 PM PDT');
    expect(text).toContain('Returns 1:30 AM PDT (Sun, May 31)');
    expect(text).toContain('Duration 5 hours 30 minutes');
  });

  it('links the meeting point to Google Maps with the address URL-encoded', () => {
    const html = renderGuestPage(guestModel());

    expect(hrefs(html)).toContain(
      'https://www.google.com/maps/search/?api=1&query=2051%20Shelter%20Island%20Dr%2C%20San%20Diego%2C%20CA%2092106',
    );
    expect(mapsUrl('Pier 39 & Dock #5')).toBe(
      'https://www.google.com/maps/search/?api=1&query=Pier%2039%20%26%20Dock%20%235',
    );
  });

  it('shows the boat, captain, party size, parking, lists and the calendar link', () => {
    const html = renderGuestPage(guestModel());
    const text = textOf(html);

    expect(text).toContain("Boat Sea Breeze 32' Sportfish");
    expect(text).toContain('Captain Rosa Exampleton');
    expect(text).toContain('Party 6 guests');
    expect(text).toContain(`Parking: ${DEPARTURE.parking}`);
    expect(text).toContain('Sunscreen (reef-safe), hats and sunglasses');
    expect(text).toContain('The fire extinguisher is by the helm');
    expect(text).toContain('No smoking or vaping on board.');
    expect(hrefs(html)).toContain('/g/K7QM2XD.ics');
    expect(html).toMatch(/<a [^>]*href="\/g\/K7QM2XD.ics">Add to your calendar<\/a>/);
  });

  it('greets the guest by first name only', () => {
    const html = renderGuestPage(guestModel({ guestName: '  Avery   Sampleton ' }));

    expect(html).toContain('<h1>Welcome aboard, Avery</h1>');
    expect(html).not.toContain('Sampleton');
  });

  it('leaves out what is not known and the sections with nothing in them', () => {
    const model = guestModel({
      guestName: null,
      listingName: null,
      captainName: null,
      partySize: null,
      departure: { name: 'Dock C', address: '1 Harbor Way' },
    });
    const html = renderGuestPage({
      ...model,
      tenant: { ...model.tenant, whatToBring: [], safetyNotes: [], houseRules: [] },
    });

    expect(html).toContain('<h1>Welcome aboard</h1>');
    expect(html).not.toMatch(/Boat|Captain|Party|Parking|What to bring|Safety|House rules/);
    expect(html).not.toContain('null');
    expect(html).not.toContain('undefined');
  });

  it('fails loudly on a model with a missing field instead of printing nothing', () => {
    const broken = { ...guestModel(), departure: {} } as unknown as GuestPageModel;
    const model = guestModel();
    const noRules = { ...model, tenant: { ...model.tenant, houseRules: [undefined] } };

    expect(() => renderGuestPage(broken)).toThrow(/missing guest\.departure\.name/);
    expect(() => renderCancelledGuestPage({ ...model, slug: undefined } as never)).toThrow(
      /missing cancelled\.slug/,
    );
    expect(() => renderGuestPage(noRules as never)).toThrow(/missing guest\.houseRules\[0\]/);
  });

  it('rejects an instant that is not ISO 8601', () => {
    expect(() => renderGuestPage(guestModel({ startsAt: 'May 30 9am' }))).toThrow(RangeError);
    expect(() => renderGuestPage(guestModel({ endsAt: '2026-05-30T15:00:00.000Z' }))).toThrow(
      /endsAt must be after startsAt/,
    );
  });
});

describe('renderCrewPage', () => {
  const MONEY_WORDS =
    /\b(revenue|payouts?|profits?|rates?|fees?|earnings?|wages?|pay|paid|cost|net)\b/i;

  it('shows no money: no $ amounts and no money words', () => {
    const html = renderCrewPage(crewModel());

    expect(html).not.toContain('$');
    expect(textOf(html)).not.toMatch(MONEY_WORDS);
    expect(html).not.toMatch(MONEY_WORDS);
  });

  it('prints only the fields it knows, even if money is smuggled into the model', () => {
    const smuggled = {
      ...crewModel(),
      revenueCents: 84_075,
      captainRateCents: 5_000,
      netProfitCents: 28_941,
      revenue: '$840.75',
    } as CrewPageModel;

    const html = renderCrewPage(smuggled);

    expect(html).not.toMatch(/\$|840|28941|289\.41|5000/);
    expect(html).toBe(renderCrewPage(crewModel()));
  });

  it('makes the call time prominent, in the tenant zone', () => {
    const html = renderCrewPage(crewModel());

    expect(html).toContain('<span class="call-time nowrap">8:00 AM PDT</span>');
    expect(textOf(html)).toContain('Departs 9:00 AM PDT');
  });

  it('lists the roster captain first, with roles and phone links', () => {
    const text = textOf(renderCrewPage(crewModel()));

    const order = ['Rosa Exampleton Captain', 'Jules Fakename First mate', 'Kai Sampleson Deckhand']
      .concat(['Nina Placeholder Host'])
      .map((entry) => text.indexOf(entry));
    expect(order.every((index) => index !== -1)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(hrefs(renderCrewPage(crewModel()))).toContain('tel:+16195550111');
  });

  it('shows the checklist with checkbox glyphs, not form inputs', () => {
    const html = renderCrewPage(crewModel());

    expect(html.match(/<span class="box" aria-hidden="true">&#x2610;<\/span>/g)).toHaveLength(6);
    expect(html).not.toMatch(/<input/i);
  });

  it('shows special requests with their line breaks, and says when there are none', () => {
    const withNote = renderCrewPage(crewModel());
    const without = renderCrewPage(crewModel({ specialRequests: '  ' }));

    expect(withNote).toContain(
      '<p class="requests">It&#x27;s my dad&#x27;s 70th birthday; we are bringing a cake.\nTwo guests get seasick easily.</p>',
    );
    expect(textOf(without)).toContain('None from the guests.');
  });

  it('links to the guest page and the departure map', () => {
    const links = hrefs(renderCrewPage(crewModel()));

    expect(links).toContain('https://queenofsandiego.com/g/K7QM2XD');
    expect(links).toContain(mapsUrl(DEPARTURE.address));
  });

  it('handles a charter with no captain, no guest count and a call the evening before', () => {
    const text = textOf(
      renderCrewPage(
        crewModel({ captain: null, partySize: null, callAt: '2026-05-30T05:30:00.000Z' }),
      ),
    );

    expect(text).toContain('No captain assigned yet');
    expect(text).toContain('Guests Not known yet');
    expect(text).toContain('Be at the dock by 10:30 PM PDT (Fri, May 29)');
  });
});

describe('renderCancelledGuestPage', () => {
  it('says the charter is cancelled, when it was, and how to reach the business', () => {
    const html = renderCancelledGuestPage(guestModel());
    const text = textOf(html);

    expect(html).toContain('<h1>This charter has been cancelled</h1>');
    expect(text).toContain('Queen of San Diego Charters');
    expect(text).toContain('Saturday, May 30, 2026 at 9:00 AM PDT');
    expect(text).toContain('Call +1 619 555 0100');
    expect(text).not.toContain(DEPARTURE.address);
    expect(hrefs(html)).not.toContain('/g/K7QM2XD.ics');
  });
});

describe('the meeting point, said once', () => {
  // A marketplace departure is one line, stored as both the name and the address.
  const MARKETPLACE = {
    name: 'Harbor Island West Marina, 2040 Harbor Island Dr',
    address: 'Harbor Island West Marina, 2040 Harbor Island Dr',
    parking: undefined,
  };
  const count = (text: string, part: string) => text.split(part).length - 1;

  it('appears once on the guest page, the crew page, the magic-link page and in the .ics', () => {
    const guest = renderGuestPage(guestModel({ departure: MARKETPLACE }));
    const crew = renderCrewPage(crewModel({ departure: MARKETPLACE }));
    const link = renderCrewLinkPage({
      sheet: crewModel({ departure: MARKETPLACE }),
      personName: 'Jules Fakename',
      roleLabel: 'deckhand',
      state: 'pending',
      canAnswer: true,
      formKey: 'k',
    });
    const ics = buildGuestIcs(guestModel({ departure: MARKETPLACE }), new Date());
    for (const html of [guest, crew, link]) {
      expect(count(html, '2040 Harbor Island Dr</')).toBe(1);
      expect(html).not.toContain('<address');
    }
    expect(ics).toContain('LOCATION:Harbor Island West Marina\\, 2040 Harbor Island Dr\r\n');
  });

  it('keeps a name and an address that say different things', () => {
    expect(meetingPoint(DEPARTURE.name, DEPARTURE.address)).toEqual({
      name: DEPARTURE.name,
      address: DEPARTURE.address,
    });
    expect(meetingPoint('Dock C', 'Dock C, 1 Main St')).toEqual({
      name: 'Dock C, 1 Main St',
      address: null,
    });
    expect(renderGuestPage(guestModel())).toContain(
      `<address class="address">${DEPARTURE.address}</address>`,
    );
  });
});

describe('the magic-link page answer buttons', () => {
  const page = (state: 'pending' | 'confirmed' | 'declined') =>
    renderCrewLinkPage({
      sheet: crewModel(),
      personName: 'Jules Fakename',
      roleLabel: 'deckhand',
      state,
      canAnswer: true,
      formKey: 'k',
    });

  it('says what pressing Confirm does from each answer', () => {
    expect(page('pending')).toContain('value="confirm">Confirm, I will be there</button>');
    expect(page('confirmed')).toContain(
      'value="confirm">Keep me confirmed (nothing changes)</button>',
    );
    expect(page('declined')).toContain('value="confirm">I can make it after all: confirm</button>');
    expect(page('confirmed')).not.toContain('Still confirmed');
  });
});
