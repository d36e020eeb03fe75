/**
 * The guest page's Photos card as rendered HTML: what it says in each state without JavaScript,
 * the form its script reveals, and a CSP that lets exactly that inline script run (by hash,
 * never 'unsafe-inline') and reach only deckhand and the photo bucket. The browser tests
 * (test/integration/browser-uploads.test.ts) run the script for real.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml, stringify as stringifyYaml } from 'yaml';
import type { Booking } from '../../src/bookings/booking.ts';
import { EXAMPLE_TENANTS_FILE } from '../../src/config/config.ts';
import { ConfigError } from '../../src/errors.ts';
import { guestPageModel } from '../../src/pages/booking-page-models.ts';
import {
  GUEST_UPLOAD_SCRIPT,
  GUEST_UPLOAD_SCRIPT_FILE,
  guestPageCsp,
  scriptHashSource,
} from '../../src/pages/guest-photos-view.ts';
import type { GuestPageModel } from '../../src/pages/page-models.ts';
import { renderGuestPage } from '../../src/pages/render-pages.ts';
import { parseTenantsFile } from '../../src/tenants/tenant-registry.ts';
import { guestModel } from '../support/page-fixtures.ts';

function withUploads(uploads: Partial<GuestPageModel['uploads']>): GuestPageModel {
  const model = guestModel();
  return { ...model, uploads: { ...model.uploads, ...uploads } };
}

function cspOf(html: string): Map<string, string[]> {
  const content = /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/.exec(html)?.[1];
  const policy = new Map<string, string[]>();
  for (const directive of (content ?? '').split(';')) {
    const [name, ...values] = directive.trim().split(/\s+/);
    if (name) policy.set(name, values);
  }
  return policy;
}

function scriptsOf(html: string): string[] {
  return [...html.matchAll(/<script([^>]*)>([\s\S]*?)<\/script>/g)].map((m) => {
    expect(m[1]).toBe(''); // no src, no type, no nonce
    return m[2] ?? '';
  });
}

function photosSection(html: string): string {
  return /<section class="card photos"[\s\S]*?<\/section>/.exec(html)?.[0] ?? '';
}

/** The notices shown without JavaScript: those without the `hidden` attribute. */
function shownNotices(html: string): string[] {
  return [...photosSection(html).matchAll(/<p class="plain" data-when="(\w+)"( hidden)?>/g)]
    .filter((m) => m[2] === undefined)
    .map((m) => m[1] ?? '');
}

describe('the CSP of the guest page', () => {
  const html = renderGuestPage(guestModel());
  const csp = cspOf(html);

  it('allows exactly the one inline script on the page, by its SHA-256', () => {
    const scripts = scriptsOf(html);
    const digest = createHash('sha256')
      .update(scripts[0] ?? '', 'utf8')
      .digest('base64');

    expect(scripts).toEqual([GUEST_UPLOAD_SCRIPT]);
    expect(csp.get('script-src')).toEqual([`'sha256-${digest}'`]);
    expect(scriptHashSource(GUEST_UPLOAD_SCRIPT)).toBe(`'sha256-${digest}'`);
  });

  it('keeps everything else shut: no unsafe-inline or eval for scripts, no forms posted', () => {
    expect(csp.get('default-src')).toEqual(["'none'"]);
    expect(csp.get('form-action')).toEqual(["'none'"]);
    expect(csp.get('base-uri')).toEqual(["'none'"]);
    expect(csp.get('img-src')).toEqual(['blob:']);
    expect(csp.get('style-src')).toEqual(["'unsafe-inline'"]);
    expect(html).not.toMatch(/unsafe-eval|script-src[^;"]*unsafe-inline/);
  });

  it('lets the page reach deckhand and the photo bucket only', () => {
    expect(csp.get('connect-src')).toEqual(["'self'", 'https://s3.us-west-2.amazonaws.com']);
    expect(
      cspOf(renderGuestPage(withUploads({ connectSource: 'http://127.0.0.1:*' }))).get(
        'connect-src',
      ),
    ).toEqual(["'self'", 'http://127.0.0.1:*']);
    expect(cspOf(renderGuestPage(withUploads({ connectSource: null }))).get('connect-src')).toEqual(
      ["'self'"],
    );
  });

  it('refuses an upload origin that would widen the policy', () => {
    for (const bad of [
      "https://s3.example.com 'unsafe-eval'",
      'https://a.com; script-src *',
      '*',
      'data:',
    ]) {
      expect(() => guestPageCsp("default-src 'none'", bad, 'x')).toThrow(RangeError);
      expect(() => renderGuestPage(withUploads({ connectSource: bad }))).toThrow();
    }
  });

  it('is computed from the script file as it is now', () => {
    expect(GUEST_UPLOAD_SCRIPT).toBe(readFileSync(GUEST_UPLOAD_SCRIPT_FILE, 'utf8').trim());
    expect(GUEST_UPLOAD_SCRIPT).not.toMatch(/<\/script|<!--|\{\{/i);
    // The script builds everything with textContent and properties, never HTML strings.
    expect(GUEST_UPLOAD_SCRIPT).not.toMatch(
      /innerHTML|outerHTML|insertAdjacentHTML|document\.write|eval\(/,
    );
  });
});

describe('the Photos card without JavaScript', () => {
  it('before the window: when uploads open and until when, in the tenant’s time', () => {
    const html = renderGuestPage(guestModel());

    expect(shownNotices(html)).toEqual(['before']);
    expect(photosSection(html)).toContain(
      '<p class="plain" data-when="before">Photo uploads open Saturday, May 30, 2026 at 8:00 AM PDT. Share your photos of the trip with us here until Saturday, June 6, 2026 at 1:00 PM PDT.</p>',
    );
  });

  it('during the window: until when', () => {
    const html = renderGuestPage(withUploads({ state: 'open' }));

    expect(shownNotices(html)).toEqual(['open']);
    expect(photosSection(html)).toContain(
      '<p class="plain" data-when="open">Share your photos of the trip with us here until Saturday, June 6, 2026 at 1:00 PM PDT.</p>',
    );
  });

  it('after the window: closed', () => {
    const html = renderGuestPage(withUploads({ state: 'closed' }));

    expect(shownNotices(html)).toEqual(['closed']);
    expect(photosSection(html)).toContain('Uploads are closed.');
  });

  it('keeps the form hidden (the script shows it) and says uploading needs JavaScript', () => {
    for (const state of ['before', 'open', 'closed'] as const) {
      const section = photosSection(renderGuestPage(withUploads({ state })));
      expect(section).toContain('<form class="upload-form" hidden>');
      expect(section).toContain('<noscript><p class="note">Uploading photos needs JavaScript');
    }
  });

  it('has a labelled file input for several images and a button', () => {
    const section = photosSection(renderGuestPage(guestModel()));

    expect(section).toContain(
      '<label class="upload-label" for="photo-files">Choose photos</label>',
    );
    expect(section).toContain(
      '<input class="upload-input" id="photo-files" name="photos" type="file" accept="image/*" multiple>',
    );
    expect(section).toContain('<button class="button" type="submit">Upload photos</button>');
    expect(section).toContain('<p class="upload-message" role="alert" hidden></p>');
  });

  it('carries the window and the endpoint for the script', () => {
    const section = photosSection(renderGuestPage(guestModel()));

    expect(section).toContain('data-opens-at="2026-05-30T15:00:00.000Z"');
    expect(section).toContain('data-closes-at="2026-06-06T20:00:00.000Z"');
    expect(section).toContain('data-endpoint="/g/K7QM2XD/uploads"');
  });

  it('refuses an endpoint that is not this page’s upload path', () => {
    expect(() =>
      renderGuestPage(withUploads({ endpoint: 'https://evil.example/g/K7QM2XD/uploads' })),
    ).toThrow(/uploads\.endpoint/);
    expect(() => renderGuestPage(withUploads({ opensAt: 'soon' }))).toThrow(/uploads\.opensAt/);
  });
});

describe('guestPageModel (pipeline)', () => {
  const registry = parseTenantsFile(readFileSync(EXAMPLE_TENANTS_FILE, 'utf8'), 'example');
  const tenant = registry.get('queen-of-san-diego');
  const booking = {
    tenantId: tenant.id,
    bookingId: 'BK01',
    guestSlug: 'K7QM2XD',
    crewSlug: 'R4TW9PLC2M',
    startsAt: '2026-05-30T16:00:00.000Z',
    endsAt: '2026-05-30T20:00:00.000Z',
    status: 'active',
    details: { listingName: null, guestName: 'Avery Sampleton', partySize: 6, departure: null },
    assignment: { captainId: null, crewIds: [] },
  } as unknown as Booking;

  it('builds the Photos card from the tenant’s window and the render time', () => {
    const model = guestPageModel(booking, tenant, {
      now: new Date('2026-05-30T15:00:00Z'),
      uploadConnectSource: 'http://127.0.0.1:*',
    });

    expect(model.uploads).toEqual({
      state: 'open',
      opensAt: '2026-05-30T15:00:00.000Z',
      closesAt: '2026-06-06T20:00:00.000Z',
      endpoint: '/g/K7QM2XD/uploads',
      connectSource: 'http://127.0.0.1:*',
    });
  });

  it('follows the tenants file’s uploads block', () => {
    const file = parseYaml(readFileSync(EXAMPLE_TENANTS_FILE, 'utf8')) as {
      tenants: Record<string, unknown>[];
    };
    const first = file.tenants[0] as Record<string, unknown>;
    first['uploads'] = { opensMinutesBefore: 0, closesDaysAfter: 2, maxPhotosPerBooking: 50 };
    const custom = parseTenantsFile(stringifyYaml(file), 'custom').get('queen-of-san-diego');
    const model = guestPageModel(booking, custom, {
      now: new Date('2026-05-30T15:30:00Z'),
      uploadConnectSource: null,
    });

    expect(custom.uploads).toMatchObject({ maxPhotosPerBooking: 50, maxPhotoMegabytes: 15 });
    expect(tenant.uploads.maxPhotosPerBooking).toBe(200);
    expect(model.uploads).toMatchObject({
      state: 'before',
      opensAt: '2026-05-30T16:00:00.000Z',
      closesAt: '2026-06-01T20:00:00.000Z',
    });

    first['uploads'] = { contentTypes: ['image/gif'], maxPhotoMegabytes: 0 };
    expect(() => parseTenantsFile(stringifyYaml(file), 'custom')).toThrow(ConfigError);
    expect(() => parseTenantsFile(stringifyYaml(file), 'custom')).toThrow(
      /uploads\.contentTypes[\s\S]*uploads\.maxPhotoMegabytes|uploads\.maxPhotoMegabytes[\s\S]*uploads\.contentTypes/,
    );
  });
});
