/** The upload window and the photo rules, on fixed clocks: no I/O, no real time. */
import { describe, expect, it } from 'vitest';
import {
  isAcceptedPhotoType,
  maxPhotoBytes,
  normalizeContentType,
  uploadKey,
  uploadPrefix,
  uploadWindowState,
} from '../../src/uploads/upload-policy.ts';
import {
  DEFAULT_UPLOAD_SETTINGS,
  uploadSettingsSchema,
} from '../../src/uploads/upload-settings.ts';

// A 4-hour charter: 9:00-13:00 PDT on Saturday, May 30, 2026.
const STARTS = '2026-05-30T16:00:00.000Z';
const ENDS = '2026-05-30T20:00:00.000Z';
const at = (iso: string) => new Date(iso);

describe('uploadWindowState with the default settings', () => {
  const settings = DEFAULT_UPLOAD_SETTINGS;

  it('opens an hour before departure and closes 7 days after the trip ends', () => {
    expect(uploadWindowState(at('2026-05-01T00:00:00Z'), STARTS, ENDS, settings)).toEqual({
      state: 'before',
      opensAt: '2026-05-30T15:00:00.000Z',
      closesAt: '2026-06-06T20:00:00.000Z',
    });
  });

  it.each([
    ['2026-05-30T14:59:59.999Z', 'before'],
    ['2026-05-30T15:00:00.000Z', 'open'], // the first moment of the window
    ['2026-05-30T18:00:00.000Z', 'open'], // on the water
    ['2026-06-02T12:00:00.000Z', 'open'], // days after
    ['2026-06-06T19:59:59.999Z', 'open'],
    ['2026-06-06T20:00:00.000Z', 'closed'], // closesAt itself is closed
    ['2027-01-01T00:00:00.000Z', 'closed'],
  ] as const)('at %s the window is %s', (now, state) => {
    expect(uploadWindowState(at(now), STARTS, ENDS, settings).state).toBe(state);
  });

  it('accepts Date instants as well as ISO strings', () => {
    expect(
      uploadWindowState(at('2026-05-30T15:30:00Z'), at(STARTS), at(ENDS), settings),
    ).toMatchObject({ state: 'open', opensAt: '2026-05-30T15:00:00.000Z' });
  });

  it('counts days as 24 hours, across a daylight-saving change too', () => {
    // US clocks go back on Sunday, November 1, 2026: the window still closes 168 h after.
    const window = uploadWindowState(
      at('2026-10-31T00:00:00Z'),
      '2026-10-31T16:00:00.000Z',
      '2026-10-31T20:00:00.000Z',
      settings,
    );
    expect(window.closesAt).toBe('2026-11-07T20:00:00.000Z');
  });

  it('names the field that is not an instant', () => {
    expect(() => uploadWindowState(at(STARTS), 'May 30', ENDS, settings)).toThrow(/startsAt/);
    expect(() => uploadWindowState(new Date(Number.NaN), STARTS, ENDS, settings)).toThrow(/now/);
  });
});

describe('uploadWindowState with tenant settings', () => {
  it('can open exactly at departure and close when the charter ends', () => {
    const settings = { opensMinutesBefore: 0, closesDaysAfter: 0 };

    expect(uploadWindowState(at('2026-05-30T15:59:00Z'), STARTS, ENDS, settings).state).toBe(
      'before',
    );
    expect(uploadWindowState(at(STARTS), STARTS, ENDS, settings).state).toBe('open');
    expect(uploadWindowState(at(ENDS), STARTS, ENDS, settings).state).toBe('closed');
  });

  it('opens the day before and stays open a month', () => {
    const window = uploadWindowState(at('2026-05-29T17:00:00Z'), STARTS, ENDS, {
      opensMinutesBefore: 24 * 60,
      closesDaysAfter: 30,
    });
    expect(window).toEqual({
      state: 'open',
      opensAt: '2026-05-29T16:00:00.000Z',
      closesAt: '2026-06-29T20:00:00.000Z',
    });
  });
});

describe('upload settings', () => {
  it('defaults everything the issue names', () => {
    expect(uploadSettingsSchema.parse(undefined)).toEqual({
      opensMinutesBefore: 60,
      closesDaysAfter: 7,
      maxPhotoMegabytes: 15,
      maxPhotosPerBooking: 200,
      contentTypes: ['image/jpeg', 'image/png', 'image/heic', 'image/heif', 'image/webp'],
    });
    expect(uploadSettingsSchema.parse({ closesDaysAfter: 3 })).toMatchObject({
      opensMinutesBefore: 60,
      closesDaysAfter: 3,
    });
  });

  it('refuses types that are not photos, and limits out of range', () => {
    expect(uploadSettingsSchema.safeParse({ contentTypes: ['image/gif'] }).success).toBe(false);
    expect(uploadSettingsSchema.safeParse({ contentTypes: [] }).success).toBe(false);
    expect(uploadSettingsSchema.safeParse({ maxPhotoMegabytes: 0 }).success).toBe(false);
    expect(uploadSettingsSchema.safeParse({ maxPhotoMegabytes: 6000 }).success).toBe(false);
    expect(uploadSettingsSchema.safeParse({ opensMinutesBefore: -5 }).success).toBe(false);
    expect(uploadSettingsSchema.safeParse({ maxPhotosPerBooking: 1.5 }).success).toBe(false);
    expect(uploadSettingsSchema.safeParse({ window: 'always' }).success).toBe(false);
  });
});

describe('photo rules', () => {
  it('measures megabytes as 1024 × 1024 bytes', () => {
    expect(maxPhotoBytes({ maxPhotoMegabytes: 15 })).toBe(15_728_640);
  });

  it('normalizes what browsers report', () => {
    expect(normalizeContentType('IMAGE/JPEG')).toBe('image/jpeg');
    expect(normalizeContentType(' image/png ; charset=binary')).toBe('image/png');
    expect(normalizeContentType('image/jpg')).toBe('image/jpeg');
    expect(normalizeContentType('')).toBe('');
  });

  it('accepts only the tenant’s types', () => {
    const settings = { contentTypes: ['image/jpeg' as const] };
    expect(isAcceptedPhotoType('image/jpeg', settings)).toBe(true);
    expect(isAcceptedPhotoType('image/png', settings)).toBe(false);
    expect(isAcceptedPhotoType('text/html', DEFAULT_UPLOAD_SETTINGS)).toBe(false);
    expect(isAcceptedPhotoType('image/svg+xml', DEFAULT_UPLOAD_SETTINGS)).toBe(false);
  });

  it('keys photos as uploads/<tenant>/<SLUG>/<random>.<ext>', () => {
    expect(uploadPrefix('queen-of-san-diego', 'k7qm2xd')).toBe(
      'uploads/queen-of-san-diego/K7QM2XD/',
    );
    expect(uploadKey('queen-of-san-diego', 'K7QM2XD', 'AbCdEfGhIjKlMnOpQrStUv', 'image/heic')).toBe(
      'uploads/queen-of-san-diego/K7QM2XD/AbCdEfGhIjKlMnOpQrStUv.heic',
    );
    expect(uploadKey('t1', 'K7QM2XD', 'a'.repeat(16), 'image/jpeg')).toMatch(/\.jpg$/);
    expect(() => uploadKey('t1', 'K7QM2XD', '../../g/X', 'image/jpeg')).toThrow(RangeError);
    expect(() => uploadKey('t1', 'K7QM2XD', 'short', 'image/jpeg')).toThrow(RangeError);
  });
});
