/** Per-tenant crew settings (optional in the tenants file), with the seed operator's defaults. */
import { z } from 'zod';

const clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a local time like 17:00');

export const crewSettingsSchema = z
  .strictObject({
    /** Links keep working this long after the charter ends. */
    linkGraceMinutes: z
      .number()
      .int()
      .min(0)
      .max(60 * 24 * 14)
      .default(12 * 60),
    /** An unanswered assignment is reminded this long after the link was sent... */
    reminderAfterMinutes: z
      .number()
      .int()
      .min(15)
      .max(60 * 24 * 14)
      .default(24 * 60),
    /** ...and again the day before, never during quiet hours (the seed sends nothing 17:00-08:00). */
    quietHours: z
      .strictObject({ start: clock, end: clock })
      .default({ start: '17:00', end: '08:00' }),
  })
  .default({
    linkGraceMinutes: 12 * 60,
    reminderAfterMinutes: 24 * 60,
    quietHours: { start: '17:00', end: '08:00' },
  });
export type CrewSettings = z.infer<typeof crewSettingsSchema>;
