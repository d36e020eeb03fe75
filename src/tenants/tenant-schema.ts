/**
 * The tenants file schema: one charter business per tenant, with its zone, rates, roster and
 * the texts its pages show. zod is the source of the types.
 */
import { z } from 'zod';
import { closeOutSettingsSchema } from '../closeout/closeout-settings.ts';
import { crewSettingsSchema } from '../crew/crew-settings.ts';
import { uploadSettingsSchema } from '../uploads/upload-settings.ts';

const slugId = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{1,62}$/, 'use lowercase letters, digits and dashes (2-63 chars)');

/** True when the runtime knows the IANA zone (e.g. America/Los_Angeles). */
export function isKnownTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

const cents = z.number().int('must be whole cents').nonnegative();
const minutes = z.number().int('must be whole minutes').nonnegative();

export const crewRoleSchema = z.enum(['captain', 'first_mate', 'deckhand', 'host']);
export type CrewRole = z.infer<typeof crewRoleSchema>;

export const rosterMemberSchema = z.strictObject({
  id: slugId,
  name: z.string().min(1),
  roles: z.array(crewRoleSchema).min(1),
  slackUserId: z
    .string()
    .regex(/^[UW][A-Z0-9]{2,}$/, 'a Slack user id looks like U0123ABCD')
    .optional(),
  email: z.email().optional(),
  phone: z.string().min(3).optional(),
});
export type RosterMember = z.infer<typeof rosterMemberSchema>;

const feeBase = z.strictObject({
  key: z.string().regex(/^[a-z][a-z0-9_]*$/, 'lowercase letters, digits and _ (e.g. port_fee)'),
  label: z.string().min(1),
});

/** A cost line that is not a person's wage. */
export const feeSchema = z.discriminatedUnion('type', [
  /** Basis points of revenue (1800 = 18%). */
  feeBase.extend({ type: z.literal('percent'), bps: z.number().int().min(0).max(10_000) }),
  /** Cents per charter. */
  feeBase.extend({ type: z.literal('fixed'), cents }),
  /** Cents per charter hour, prorated by the minute. */
  feeBase.extend({ type: z.literal('per_hour'), cents }),
  /** Cents per guest. */
  feeBase.extend({ type: z.literal('per_guest'), cents }),
]);
export type Fee = z.infer<typeof feeSchema>;

const wageSchema = z.strictObject({
  /** Cents per paid hour. */
  rateCents: cents,
  /** Paid time before departure and after return, on top of the charter itself. */
  paidMinutesBefore: minutes.default(0),
  paidMinutesAfter: minutes.default(0),
  /** Minimum paid time for one person, e.g. a 4-hour call. */
  minimumPaidMinutes: minutes.default(0),
});

export const pricingSchema = z.strictObject({
  /** Which amount from the booking counts as revenue: what the renter paid, or the payout. */
  revenue: z.enum(['gross', 'payout']),
  captain: wageSchema,
  crew: wageSchema.extend({ standardCount: z.number().int().min(0).max(20) }),
  fees: z.array(feeSchema).default([]),
});
export type Pricing = z.infer<typeof pricingSchema>;

export const tenantSchema = z
  .strictObject({
    id: slugId,
    name: z.string().min(1),
    domain: z
      .string()
      .regex(/^(?=.{1,253}$)([a-z0-9-]+\.)+[a-z]{2,}$/i, 'a bare host name like example.com'),
    timezone: z.string().refine(isKnownTimeZone, 'an IANA time zone like America/Los_Angeles'),
    currency: z.literal('USD').default('USD'),
    bucket: z.string().regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, 'an S3 bucket name'),
    cloudfrontDistributionId: z
      .string()
      .regex(/^E[A-Z0-9]+$/)
      .optional(),
    calendarId: z.string().min(1),
    contact: z.strictObject({ phone: z.string().min(3), email: z.email() }),
    departure: z.strictObject({
      name: z.string().min(1),
      address: z.string().min(1),
      parking: z.string().min(1).optional(),
    }),
    /** Crew are called this long before departure. */
    callMinutesBefore: minutes.default(60),
    pricing: pricingSchema,
    roster: z.array(rosterMemberSchema).min(1),
    houseRules: z.array(z.string().min(1)).default([]),
    safetyNotes: z.array(z.string().min(1)).default([]),
    whatToBring: z.array(z.string().min(1)).default([]),
    crewChecklist: z.array(z.string().min(1)).default([]),
    /** The tenant's Slack: which workspace, the ops channel for charter threads, who may approve. */
    slack: z
      .strictObject({
        /** Workspace (or, for org installs, the context team) this tenant's requests come from. */
        teamId: z
          .string()
          .regex(/^[TE][A-Z0-9]{2,}$/, 'a Slack team id like T0123ABCD')
          .optional(),
        /** Channels mapped to this tenant; the first is the ops channel where /charter threads go. */
        channels: z
          .array(z.string().regex(/^[CG][A-Z0-9]{2,}$/, 'a Slack channel id like C0123ABCD'))
          .min(1),
        /** Slack users who may approve, cancel and reassign. */
        approvers: z
          .array(z.string().regex(/^[UW][A-Z0-9]{2,}$/, 'a Slack user id like U0123ABCD'))
          .default([]),
        /**
         * Slack users who may change this tenant's settings from App Home (with the installer and
         * the workspace's admins and owners). A tenant from the tenants file is read-only in Slack.
         */
        admins: z
          .array(z.string().regex(/^[UW][A-Z0-9]{2,}$/, 'a Slack user id like U0123ABCD'))
          .default([]),
      })
      .optional(),
    /** Magic links, reminders and quiet hours. */
    crew: crewSettingsSchema,
    /** Guest photo uploads: the window around the charter and the limits (docs/uploads.md). */
    uploads: uploadSettingsSchema,
    /** Close-out of a charter: when a cancellation is late and whether crew are then paid (docs/money.md). */
    closeOut: closeOutSettingsSchema,
  })
  .superRefine((tenant, ctx) => {
    const ids = new Set<string>();
    tenant.roster.forEach((member, index) => {
      if (ids.has(member.id)) {
        ctx.addIssue({
          code: 'custom',
          path: ['roster', index, 'id'],
          message: `duplicate roster id "${member.id}"`,
        });
      }
      ids.add(member.id);
    });
    if (!tenant.roster.some((m) => m.roles.includes('captain'))) {
      ctx.addIssue({
        code: 'custom',
        path: ['roster'],
        message: 'needs at least one person with the captain role',
      });
    }
    const feeKeys = new Set<string>();
    tenant.pricing.fees.forEach((fee, index) => {
      if (feeKeys.has(fee.key) || fee.key === 'captain' || fee.key === 'crew') {
        ctx.addIssue({
          code: 'custom',
          path: ['pricing', 'fees', index, 'key'],
          message: `fee key "${fee.key}" is used twice (captain and crew are reserved)`,
        });
      }
      feeKeys.add(fee.key);
    });
  });
export type Tenant = z.infer<typeof tenantSchema>;

export const tenantsFileSchema = z
  .strictObject({ tenants: z.array(tenantSchema).min(1) })
  .superRefine((file, ctx) => {
    const seen = new Set<string>();
    file.tenants.forEach((tenant, index) => {
      if (seen.has(tenant.id)) {
        ctx.addIssue({
          code: 'custom',
          path: ['tenants', index, 'id'],
          message: `duplicate tenant id "${tenant.id}"`,
        });
      }
      seen.add(tenant.id);
    });
  });
