/** Production timing of the charter thread (CharterThread's defaults), used by the benchmark. */
export const POST_INTERVAL_MS = 1_000;
export const COALESCE_MS = 300;
