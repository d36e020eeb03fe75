/**
 * `POST /hooks/scc/<tenant>`: an external SCC reports a crew member's answer, authenticated with
 * the same service key deckhand uses to call it. Same effect as an answer by magic link.
 */
import { z } from 'zod';
import type { PipelineEvent } from '../bookings/pipeline-progress.ts';
import { constantTimeEqual } from '../server/constant-time-equal.ts';
import { errorResponse } from '../server/error-response.ts';
import type { Route } from '../server/http-server.ts';
import { jsonResponse } from '../server/service-http.ts';
import type { BookingStore } from '../storage/ports/booking-store.ts';
import type { CrewRepository } from '../storage/ports/crew-repository.ts';
import type { TenantRegistry } from '../tenants/tenant-registry.ts';
import { AnswerRefusedError, answerAssignment, MAX_REASON_LENGTH } from './answer-assignment.ts';

const answerSchema = z.strictObject({
  event_id: z.string().min(1).max(100),
  crew_id: z.string().min(1).max(100),
  answer: z.enum(['confirmed', 'declined']),
  reason: z.string().max(MAX_REASON_LENGTH).optional(),
});

export interface SccHookDeps {
  tenants: TenantRegistry;
  bookings: BookingStore;
  crew: CrewRepository;
  serviceKey: string;
  keyHeader: string;
  clock(): Date;
  onEvent?: ((tenantId: string, bookingId: string, event: PipelineEvent) => void) | undefined;
}

export function createSccAnswerHook(deps: SccHookDeps): Route {
  return {
    prefix: '/hooks/scc/',
    async handle(request) {
      if (request.method !== 'POST')
        return errorResponse(405, 'method_not_allowed', 'POST an answer.', { allow: 'POST' });
      const tenant = deps.tenants.list().find((t) => `/hooks/scc/${t.id}` === request.path);
      const key = request.headers[deps.keyHeader.toLowerCase()] ?? '';
      // Check the key before saying whether the tenant exists.
      if (!constantTimeEqual(key, deps.serviceKey)) {
        return errorResponse(401, 'unauthorized', `Send the SCC service key in ${deps.keyHeader}.`);
      }
      if (!tenant) return errorResponse(404, 'not_found', 'No such tenant.');
      let body: unknown;
      try {
        body = JSON.parse(request.body);
      } catch {
        return errorResponse(400, 'invalid_json', 'The body must be JSON.');
      }
      const parsed = answerSchema.safeParse(body);
      if (!parsed.success) {
        return errorResponse(
          400,
          'invalid_request',
          parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '),
        );
      }
      const bookingId = await deps.crew.getSccEventRef(tenant.id, parsed.data.event_id);
      if (!bookingId) return errorResponse(404, 'unknown_event', 'No charter has this event id.');
      try {
        const { assignment } = await answerAssignment(
          { bookings: deps.bookings, crew: deps.crew, onEvent: deps.onEvent },
          tenant,
          { bookingId, personId: parsed.data.crew_id },
          { state: parsed.data.answer, reason: parsed.data.reason, via: 'hook' },
          deps.clock(),
        );
        return jsonResponse(200, { ok: true, state: assignment.state });
      } catch (error) {
        if (error instanceof AnswerRefusedError)
          return errorResponse(409, error.code, error.message);
        throw error;
      }
    },
  };
}
