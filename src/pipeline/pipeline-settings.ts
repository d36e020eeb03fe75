/** The environment keys of the pipeline (docs/RELIABILITY.md): how many run at once, how long a step stays claimed. */
import { positiveInt } from '../config/env-values.ts';

export const pipelineEnv = {
  DECKHAND_PIPELINE_CONCURRENCY: positiveInt(1, 1_000, 8, 'pipelines at once, e.g. 8'),
  DECKHAND_PIPELINE_LEASE_MS: positiveInt(
    500,
    3_600_000,
    60_000,
    'milliseconds a step stays claimed by a runner that stopped answering, e.g. 60000',
  ),
};
