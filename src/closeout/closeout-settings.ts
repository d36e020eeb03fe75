/**
 * Per-tenant close-out settings (optional `closeOut` in the tenants file), with their defaults.
 * docs/money.md says how a cancellation counts with them.
 */
import { z } from 'zod';

export const closeOutSettingsSchema = z
  .strictObject({
    /**
     * A cancellation this close to the start (or later) is late: the captain and crew were
     * already committed.
     */
    lateCancellationHours: z
      .number()
      .int()
      .min(0)
      .max(24 * 30)
      .default(48),
    /** Whether a late cancellation still pays the captain and crew their planned hours. */
    crewPaidOnLateCancellation: z.boolean().default(false),
  })
  .default({ lateCancellationHours: 48, crewPaidOnLateCancellation: false });
export type CloseOutSettings = z.infer<typeof closeOutSettingsSchema>;

export const defaultCloseOutSettings: CloseOutSettings = closeOutSettingsSchema.parse(undefined);

/** A tenant's close-out settings, or the defaults when its tenants file has none. */
export const closeOutSettingsOf = (tenant: {
  closeOut?: CloseOutSettings | undefined;
}): CloseOutSettings => tenant.closeOut ?? defaultCloseOutSettings;
