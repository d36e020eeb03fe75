/**
 * The magic-link pages at `/crew/<tenant>/<token>`. GET shows the assignment and changes
 * nothing (link scanners and Slack's unfurler fetch links first); POST from the page's own form
 * confirms or declines, guarded against cross-site posting by a per-link form key and the
 * browser's Origin / Sec-Fetch-Site. Every link that does not work gets the same answer.
 */

import type { PipelineEvent } from '../bookings/pipeline-progress.ts';
import { crewPageModel } from '../pages/booking-page-models.ts';
import type { Route } from '../server/http-server.ts';
import type { ServiceRequest, ServiceResponse } from '../server/service-http.ts';
import type { BookingStore } from '../storage/ports/booking-store.ts';
import type { CrewRepository } from '../storage/ports/crew-repository.ts';
import type { TenantRegistry } from '../tenants/tenant-registry.ts';
import { AnswerRefusedError, answerAssignment } from './answer-assignment.ts';
import { callAt, ROLE_NAMES } from './crew-briefing.ts';
import { formKey, formKeyMatches, hashLinkToken } from './magic-link-token.ts';
import { renderCrewLinkPage, renderInvalidLinkPage } from './render-crew-link.ts';

export interface CrewLinkDeps {
  tenants: TenantRegistry;
  bookings: BookingStore;
  crew: CrewRepository;
  /** Secret for the form keys. */
  formSecret: string;
  guestPageUrl(tenantId: string, slug: string): string;
  clock(): Date;
  onEvent?: ((tenantId: string, bookingId: string, event: PipelineEvent) => void) | undefined;
}

const PATH = /^\/crew\/([a-z0-9-]{2,63})\/([^/]{1,200})$/;

const PAGE_HEADERS = {
  'content-type': 'text/html; charset=utf-8',
  'cache-control': 'no-store',
  'referrer-policy': 'no-referrer',
  'x-robots-tag': 'noindex',
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
};

function page(status: number, body: string, extra: Record<string, string> = {}): ServiceResponse {
  return { status, headers: { ...PAGE_HEADERS, ...extra }, body };
}

/** Same status, same body, whatever was wrong with the link. */
const invalid = (): ServiceResponse => page(404, renderInvalidLinkPage());

/** A POST from another site: the browser says so, or the form key is missing or wrong. */
function crossSite(request: ServiceRequest): boolean {
  const site = request.headers['sec-fetch-site'];
  if (site !== undefined && site !== 'same-origin' && site !== 'none') return true;
  const origin = request.headers.origin;
  if (origin !== undefined && origin !== 'null') {
    try {
      return new URL(origin).host !== request.headers.host;
    } catch {
      return true;
    }
  }
  return false;
}

export function createCrewLinkRoute(deps: CrewLinkDeps): Route {
  async function resolve(tenantId: string, token: string) {
    const tokenHash = hashLinkToken(token);
    const ref = tokenHash ? await deps.crew.getLink(tokenHash) : undefined;
    if (!tokenHash || !ref || ref.tenantId !== tenantId || ref.expiresAt <= deps.clock().getTime())
      return undefined;
    const tenant = deps.tenants.list().find((t) => t.id === tenantId);
    const [booking, assignment] = await Promise.all([
      deps.bookings.get(ref.tenantId, ref.bookingId),
      deps.crew.get(ref.tenantId, ref.bookingId, ref.personId),
    ]);
    const person = tenant?.roster.find((m) => m.id === ref.personId);
    if (
      !tenant ||
      !booking ||
      !assignment ||
      !person ||
      assignment.state === 'replaced' ||
      booking.status === 'cancelled'
    ) {
      return undefined;
    }
    return { tokenHash, ref, tenant, booking, assignment, person };
  }

  return {
    prefix: '/crew/',
    async handle(request) {
      const match = PATH.exec(request.path);
      if (!match) return invalid();
      const [, tenantId, token] = match as unknown as [string, string, string];
      const found = await resolve(tenantId, token);
      if (!found) return invalid();
      const { tokenHash, tenant, booking, assignment, person, ref } = found;

      if (request.method === 'POST') {
        const form = new URLSearchParams(request.body);
        const answer = form.get('answer');
        if (
          crossSite(request) ||
          !formKeyMatches(deps.formSecret, tokenHash, form.get('form_key') ?? '')
        ) {
          return page(403, renderInvalidLinkPage());
        }
        if (answer !== 'confirm' && answer !== 'decline') return page(400, renderInvalidLinkPage());
        try {
          await answerAssignment(
            { bookings: deps.bookings, crew: deps.crew, onEvent: deps.onEvent },
            tenant,
            { bookingId: ref.bookingId, personId: ref.personId },
            {
              state: answer === 'confirm' ? 'confirmed' : 'declined',
              reason: form.get('reason') ?? undefined,
              via: 'link',
            },
            deps.clock(),
          );
        } catch (error) {
          if (!(error instanceof AnswerRefusedError)) throw error;
          // The page shows the state and why the form is gone (e.g. past the call time).
        }
        // Post/Redirect/Get: a reload does not post the answer again.
        return {
          status: 303,
          headers: {
            location: request.path,
            'cache-control': 'no-store',
            'referrer-policy': 'no-referrer',
          },
          body: '',
        };
      }
      if (request.method !== 'GET' && request.method !== 'HEAD') {
        return page(405, renderInvalidLinkPage(), { allow: 'GET, HEAD, POST' });
      }
      const sheet = crewPageModel(booking, tenant, deps.guestPageUrl(tenant.id, booking.guestSlug));
      const body = renderCrewLinkPage({
        sheet,
        personName: person.name,
        roleLabel: ROLE_NAMES[assignment.role],
        state: assignment.state === 'replaced' ? 'pending' : assignment.state,
        canAnswer: deps.clock().getTime() < callAt(booking, tenant).getTime(),
        formKey: formKey(deps.formSecret, tokenHash),
      });
      return page(200, request.method === 'HEAD' ? '' : body);
    },
  };
}
