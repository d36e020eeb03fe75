/** Block Kit ids, defined once: listeners and builders import these, never repeat strings. */
export const BLOCK_IDS = {
  bookingSummary: 'booking_summary',
  bookingMissing: 'booking_missing',
  costBreakdown: 'cost_breakdown',
  costTotals: 'cost_totals',
} as const;
