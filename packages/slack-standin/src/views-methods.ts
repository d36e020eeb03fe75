/** views.open, views.push, views.update and views.publish, with Slack's checks and refusals. */
import { z } from 'zod';
import { checkView } from './block-kit-rules.ts';
import type { MethodContext, WebApiMethod } from './method-context.ts';
import { SlackApiError } from './slack-api-error.ts';
import type { ViewRecord, ViewRefusal } from './view-registry.ts';
import { parseArgs } from './web-api-args.ts';

const viewObject = z.looseObject({ type: z.string() });

const openArgs = z.looseObject({ trigger_id: z.string().min(1), view: viewObject });
const updateArgs = z.looseObject({
  view: viewObject,
  view_id: z.string().optional(),
  external_id: z.string().optional(),
  hash: z.string().optional(),
});
const publishArgs = z.looseObject({
  user_id: z.string().min(1),
  view: viewObject,
  hash: z.string().optional(),
});

/** A view Slack would refuse answers `invalid_arguments`, with each reason. */
function checkViewArg(view: Record<string, unknown>, type: 'modal' | 'home'): void {
  const problems =
    view.type === type ? checkView(view) : [`must be ${type} [json-pointer:/view/type]`];
  if (problems.length > 0) throw SlackApiError.withMessages('invalid_arguments', problems);
}

function answer(result: ViewRecord | ViewRefusal): Record<string, unknown> {
  if (typeof result === 'string') throw new SlackApiError(result);
  return { ok: true, view: result.view };
}

function exchange(context: MethodContext, triggerId: string): { userId: string; viewId?: string } {
  const exchanged = context.triggers.exchange(triggerId);
  if (typeof exchanged === 'string') throw new SlackApiError(exchanged);
  return exchanged;
}

const open: WebApiMethod = (raw, context) => {
  const args = parseArgs(openArgs, raw);
  checkViewArg(args.view, 'modal');
  const { userId } = exchange(context, args.trigger_id);
  return answer(context.views.open(userId, args.view));
};

const push: WebApiMethod = (raw, context) => {
  const args = parseArgs(openArgs, raw);
  checkViewArg(args.view, 'modal');
  const { viewId } = exchange(context, args.trigger_id);
  // A push needs a trigger from inside an open modal: that modal's stack is the one it grows.
  const parent = viewId === undefined ? undefined : context.views.get(viewId);
  if (parent?.view.type !== 'modal') throw new SlackApiError('not_found');
  return answer(context.views.push(parent.id, args.view));
};

const update: WebApiMethod = (raw, context) => {
  const args = parseArgs(updateArgs, raw);
  if (args.view_id === undefined && args.external_id === undefined)
    throw SlackApiError.withMessages('invalid_arguments', [
      'missing required field: view_id or external_id',
    ]);
  const record =
    args.view_id === undefined
      ? context.views.byExternalId(args.external_id ?? '')
      : context.views.get(args.view_id);
  if (!record) throw new SlackApiError('not_found');
  checkViewArg(args.view, record.view.type === 'home' ? 'home' : 'modal');
  return answer(context.views.update(record, args.view, args.hash));
};

const publish: WebApiMethod = (raw, context) => {
  const args = parseArgs(publishArgs, raw);
  if (!context.workspace.user(args.user_id)) throw new SlackApiError('user_not_found');
  checkViewArg(args.view, 'home');
  return answer(context.views.publishHome(args.user_id, args.view, args.hash));
};

export const viewsMethods: Record<string, WebApiMethod> = {
  'views.open': open,
  'views.push': push,
  'views.update': update,
  'views.publish': publish,
};
