/** The magic-link page: the crew sheet with the person's answer and the form to give it. */

import type { CrewPageModel } from '../pages/page-models.ts';
import { compilePageTemplate, crewPageView, cspValue, PAGE_CSP } from '../pages/render-pages.ts';
import { formatInZone } from '../time/zoned.ts';
import type { AssignmentState } from './crew-assignment.ts';

// The page posts its form to itself, and to nothing else.
const CREW_LINK_CSP = PAGE_CSP.replace("form-action 'none'", "form-action 'self'");

const linkTemplate = compilePageTemplate('crew-link.hbs');
const invalidTemplate = compilePageTemplate('crew-link-invalid.hbs');

const STATE_LABELS: Record<Exclude<AssignmentState, 'replaced'>, string> = {
  pending: 'We have not heard from you yet.',
  confirmed: 'You confirmed. Thank you, see you at the dock!',
  declined: 'You said you cannot make it. The office will find someone else.',
};

/** What pressing Confirm does from each answer, in its label (an already-confirmed press changes nothing). */
const CONFIRM_LABELS: Record<Exclude<AssignmentState, 'replaced'>, string> = {
  pending: 'Confirm, I will be there',
  confirmed: 'Keep me confirmed (nothing changes)',
  declined: 'I can make it after all: confirm',
};

export interface CrewLinkView {
  sheet: CrewPageModel;
  personName: string;
  roleLabel: string;
  state: Exclude<AssignmentState, 'replaced'>;
  canAnswer: boolean;
  formKey: string;
}

export function renderCrewLinkPage(view: CrewLinkView): string {
  const sheet = crewPageView(view.sheet);
  const zone = view.sheet.tenant.timezone;
  return linkTemplate({
    ...sheet,
    csp: cspValue(CREW_LINK_CSP),
    answerForm: true,
    pageTitle: `Your crew assignment · ${view.sheet.tenant.name}`,
    firstName: view.personName.split(' ')[0] ?? view.personName,
    roleLabel: view.roleLabel,
    state: view.state,
    stateLabel: STATE_LABELS[view.state],
    confirmLabel: CONFIRM_LABELS[view.state],
    canAnswer: view.canAnswer,
    formKey: view.formKey,
    closedNote: `Answers closed at the call time (${formatInZone(new Date(view.sheet.callAt), zone)}). To change anything now, call the office: ${view.sheet.tenant.contact.phone}.`,
  });
}

/** One page for every link that does not work: expired, unknown, tampered or another tenant's. */
export function renderInvalidLinkPage(): string {
  return invalidTemplate({ csp: cspValue(PAGE_CSP), pageTitle: 'This link does not work' });
}
