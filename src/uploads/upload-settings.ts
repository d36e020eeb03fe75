/**
 * Per-tenant guest photo upload settings (the optional `uploads` block of the tenants file),
 * with the defaults from issue 4: open from an hour before departure until 7 days after the trip,
 * up to 15 MB a photo and 200 photos a booking, common phone image formats only.
 */
import { z } from 'zod';

/** The image types a guest may upload, and the extension each is stored with. */
export const PHOTO_EXTENSIONS = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/heic': 'heic',
  'image/heif': 'heif',
  'image/webp': 'webp',
} as const;

export type PhotoContentType = keyof typeof PHOTO_EXTENSIONS;

export const PHOTO_CONTENT_TYPES = Object.keys(PHOTO_EXTENSIONS) as [
  PhotoContentType,
  ...PhotoContentType[],
];

/** One megabyte in these settings: 1024 × 1024 bytes. */
export const MEGABYTE = 1024 * 1024;

export const DEFAULT_UPLOAD_SETTINGS = {
  opensMinutesBefore: 60,
  closesDaysAfter: 7,
  maxPhotoMegabytes: 15,
  maxPhotosPerBooking: 200,
  contentTypes: [...PHOTO_CONTENT_TYPES],
};

export const uploadSettingsSchema = z
  .strictObject({
    /** Uploads open this many minutes before departure. */
    opensMinutesBefore: z
      .number()
      .int('must be whole minutes')
      .min(0)
      .max(60 * 24 * 30)
      .default(DEFAULT_UPLOAD_SETTINGS.opensMinutesBefore),
    /** ...and close this many days (of 24 hours) after the charter ends. */
    closesDaysAfter: z
      .number()
      .int('must be whole days')
      .min(0)
      .max(365)
      .default(DEFAULT_UPLOAD_SETTINGS.closesDaysAfter),
    /** Largest photo, in MB of 1024 × 1024 bytes (S3 takes at most 5 GB in one POST). */
    maxPhotoMegabytes: z
      .number()
      .int('must be whole megabytes')
      .min(1)
      .max(5 * 1024)
      .default(DEFAULT_UPLOAD_SETTINGS.maxPhotoMegabytes),
    /** How many photos one booking may upload, all guests together. */
    maxPhotosPerBooking: z
      .number()
      .int()
      .min(1)
      .max(100_000)
      .default(DEFAULT_UPLOAD_SETTINGS.maxPhotosPerBooking),
    /** Accepted image types (a subset of the five deckhand knows). */
    contentTypes: z
      .array(z.enum(PHOTO_CONTENT_TYPES))
      .min(1, 'list at least one image type')
      .default(DEFAULT_UPLOAD_SETTINGS.contentTypes),
  })
  .prefault({});

export type UploadSettings = z.infer<typeof uploadSettingsSchema>;
