/** The pipeline's steps, in the order people read them. Steps 1-4 run at once; 5 and 6 after 4. */
import type { PipelineStep } from '../pipeline-step.ts';
import { calendarEntryStep } from './calendar-entry-step.ts';
import { crewEventStep } from './crew-event-step.ts';
import { crewNotifyStep } from './crew-notify-step.ts';
import { crewPageStep } from './crew-page-step.ts';
import { guestPageStep } from './guest-page-step.ts';
import { revenueScrubStep } from './revenue-scrub-step.ts';

export const PIPELINE_STEPS: readonly PipelineStep[] = [
  guestPageStep,
  crewPageStep,
  calendarEntryStep,
  crewEventStep,
  revenueScrubStep,
  crewNotifyStep,
];
