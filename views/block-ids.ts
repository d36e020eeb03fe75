/** Block Kit ids, defined once: listeners and builders import these, never repeat strings. */

/**
 * `block_id`s. Unique within one message or view; blocks that repeat (one per failed step, one
 * per declined crew member, one per charter in a list) carry none and let Slack number them.
 */
export const BLOCK_IDS = {
  bookingSummary: 'booking_summary',
  bookingMissing: 'booking_missing',
  costBreakdown: 'cost_breakdown',
  costTotals: 'cost_totals',

  // Approval modal inputs: `response_action: 'errors'` keys its messages by these.
  approvalDate: 'approval_date',
  approvalStart: 'approval_start',
  approvalDuration: 'approval_duration',
  approvalGuestName: 'approval_guest_name',
  approvalPartySize: 'approval_party_size',
  approvalRevenue: 'approval_revenue',
  approvalListing: 'approval_listing',
  approvalCaptain: 'approval_captain',
  approvalCrew: 'approval_crew',
  approvalNotes: 'approval_notes',
  /** Context under the breakdown: what the parser could not find, and warnings. */
  approvalNotices: 'approval_notices',
  /** Context at the top of the modal: where the booking came from. */
  approvalSource: 'approval_source',

  // Cards posted in the email's thread.
  cardNotice: 'card_notice',
  intakeEvidence: 'intake_evidence',
  cardActions: 'card_actions',
  requestDeadline: 'request_deadline',
  modificationChanges: 'modification_changes',
  /** The already-booked card: which charter it is and where its thread is. */
  alreadyBooked: 'already_booked',
  cancellationSummary: 'cancellation_summary',
  cancellationEffects: 'cancellation_effects',

  // The status message of a charter.
  statusState: 'status_state',
  statusSteps: 'status_steps',
  statusLinks: 'status_links',
  statusCrew: 'status_crew',

  // Thread replies.
  eventReply: 'event_reply',
  eventActions: 'event_actions',
  /** The close-out reply in a charter's thread (the prompt, then the actual net). */
  closeOutReply: 'closeout_reply',
  closeOutActions: 'closeout_actions',
  // Close-out modal (docs/money.md): per-person hours blocks are `closeout_hours_<role>_<id>`,
  // per-kind cost blocks `closeout_cost_<kind>` and `closeout_note_<kind>` (closeout-ids.ts).
  closeOutSummary: 'closeout_summary',
  closeOutTips: 'closeout_tips',
  closeOutRefund: 'closeout_refund',
  closeOutCharge: 'closeout_charge',
  closeOutNotices: 'closeout_notices',

  // The crew member's DM.
  crewDmBriefing: 'crew_dm_briefing',
  crewDmActions: 'crew_dm_actions',
  crewDmContact: 'crew_dm_contact',
  /** The answer given ("You confirmed … ✓"), once the person answered. */
  crewDmAnswer: 'crew_dm_answer',

  // What a /charter line said that was not read (the modal's block and the ephemeral reply).
  notUnderstood: 'not_understood',
  notUnderstoodHelp: 'not_understood_help',

  // Help, the charter list, refusals and App Home.
  helpCommands: 'help_commands',
  helpIntake: 'help_intake',
  charterListSummary: 'charter_list_summary',
  charterListMore: 'charter_list_more',
  refusal: 'refusal',
  homeIntro: 'home_intro',
  homeMore: 'home_more',

  // The P&L (/charter report and App Home's Money section; approvers only).
  reportTotals: 'report_totals',
  reportChart: 'report_chart',
  reportOpenItems: 'report_open_items',
  reportActions: 'report_actions',
  homeMoney: 'home_money',
  // The business settings modal (onboarding and later edits): `response_action: 'errors'` keys
  // the schema's issues by these (views/business-settings-submission.ts).
  bizName: 'biz_name',
  bizDomain: 'biz_domain',
  bizTimezone: 'biz_timezone',
  bizContactEmail: 'biz_contact_email',
  bizContactPhone: 'biz_contact_phone',
  bizDepartureName: 'biz_departure_name',
  bizDepartureAddress: 'biz_departure_address',
  bizOpsChannel: 'biz_ops_channel',
  bizRevenue: 'biz_revenue',
  bizCaptainRate: 'biz_captain_rate',
  bizCrewRate: 'biz_crew_rate',
  bizCrewPaidBefore: 'biz_crew_paid_before',
  bizCrewPaidAfter: 'biz_crew_paid_after',
  bizCrewCount: 'biz_crew_count',
  bizFees: 'biz_fees',
  bizCaptains: 'biz_captains',
  bizFirstMates: 'biz_first_mates',
  bizDeckhands: 'biz_deckhands',
  bizHosts: 'biz_hosts',
  bizOtherCrew: 'biz_other_crew',
  bizApprovers: 'biz_approvers',
  bizAdmins: 'biz_admins',
  bizHouseRules: 'biz_house_rules',
  bizSafetyNotes: 'biz_safety_notes',
  bizWhatToBring: 'biz_what_to_bring',
  bizCrewChecklist: 'biz_crew_checklist',
  /** Context at the top: new business, or which version is being edited. */
  bizIntro: 'biz_intro',
  /** App Home: the set-up prompt, the settings buttons, the read-only note. */
  homeSetup: 'home_setup',
  homeSettings: 'home_settings',
} as const;

/** `action_id`s: what a `block_actions` listener matches on. */
export const ACTION_IDS = {
  // Approval modal inputs (the element inside each input block).
  approvalDate: 'approval_date_input',
  approvalStart: 'approval_start_input',
  approvalDuration: 'approval_duration_input',
  approvalGuestName: 'approval_guest_name_input',
  approvalPartySize: 'approval_party_size_input',
  approvalRevenue: 'approval_revenue_input',
  approvalListing: 'approval_listing_input',
  approvalCaptain: 'approval_captain_input',
  approvalCrew: 'approval_crew_input',
  approvalNotes: 'approval_notes_input',

  // Card buttons (value: the draft id the card was posted for).
  reviewApprove: 'review_approve',
  reviewDismiss: 'review_dismiss',
  applyChanges: 'apply_changes',
  cancelCharter: 'cancel_charter',

  // Status message and thread replies.
  retryPipeline: 'retry_pipeline',
  /** A static_select; each option's value is `encodeReplacementChoice(...)`. */
  pickReplacement: 'pick_replacement',
  /** *Close out* / *Edit close-out* in a charter's thread (value: the booking id). */
  closeOutOpen: 'closeout_open',
  // Close-out modal inputs; each dispatches a redraw of the breakdown.
  closeOutHours: 'closeout_hours_input',
  closeOutCost: 'closeout_cost_input',
  closeOutNote: 'closeout_note_input',
  closeOutTips: 'closeout_tips_input',
  closeOutRefund: 'closeout_refund_input',
  closeOutCharge: 'closeout_charge_input',

  // The crew member's DM (value: the opaque assignment key the caller gave).
  crewConfirm: 'crew_confirm',
  crewDecline: 'crew_decline',
  /** On an answered DM: shows *Confirm* / *Can't make it* again. */
  crewChangeAnswer: 'crew_change_answer',
  /** A link button to the magic-link page: Slack still sends block_actions, ack it. */
  crewOpenLink: 'crew_open_link',

  /** The P&L's *Export CSV* (value: the period's spec, e.g. `2027-05`). */
  reportExportCsv: 'report_export_csv',
  // The business settings modal's inputs (the element inside each input block).
  bizName: 'biz_name_input',
  bizDomain: 'biz_domain_input',
  bizTimezone: 'biz_timezone_input',
  bizContactEmail: 'biz_contact_email_input',
  bizContactPhone: 'biz_contact_phone_input',
  bizDepartureName: 'biz_departure_name_input',
  bizDepartureAddress: 'biz_departure_address_input',
  bizOpsChannel: 'biz_ops_channel_input',
  bizRevenue: 'biz_revenue_input',
  bizCaptainRate: 'biz_captain_rate_input',
  bizCrewRate: 'biz_crew_rate_input',
  bizCrewPaidBefore: 'biz_crew_paid_before_input',
  bizCrewPaidAfter: 'biz_crew_paid_after_input',
  bizCrewCount: 'biz_crew_count_input',
  bizFees: 'biz_fees_input',
  bizCaptains: 'biz_captains_input',
  bizFirstMates: 'biz_first_mates_input',
  bizDeckhands: 'biz_deckhands_input',
  bizHosts: 'biz_hosts_input',
  bizOtherCrew: 'biz_other_crew_input',
  bizApprovers: 'biz_approvers_input',
  bizAdmins: 'biz_admins_input',
  bizHouseRules: 'biz_house_rules_input',
  bizSafetyNotes: 'biz_safety_notes_input',
  bizWhatToBring: 'biz_what_to_bring_input',
  bizCrewChecklist: 'biz_crew_checklist_input',
  /** App Home: Set up your business (no tenant yet) / Edit business settings (admins). */
  openBusinessSetup: 'open_business_setup',
  editBusinessSettings: 'edit_business_settings',
} as const;

/** `callback_id`s of views and shortcuts. */
export const CALLBACK_IDS = {
  approvalModal: 'approval_modal',
  closeOutModal: 'closeout_modal',
  /** The message shortcut "Create charter from message" (manifest.yml names it too). */
  createCharterShortcut: 'create_charter_from_message',
  /** Set up / edit a business (tenant) from App Home. */
  businessSettingsModal: 'business_settings_modal',
} as const;

/** Option values with a meaning of their own. Roster ids cannot start with `_`. */
export const OPTION_VALUES = {
  noCaptain: '_none',
} as const;

export type BlockId = (typeof BLOCK_IDS)[keyof typeof BLOCK_IDS];
export type ActionId = (typeof ACTION_IDS)[keyof typeof ACTION_IDS];
export type CallbackId = (typeof CALLBACK_IDS)[keyof typeof CALLBACK_IDS];
