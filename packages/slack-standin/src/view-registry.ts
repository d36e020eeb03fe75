/** Open views: each person's modal stack (at most 3) and Home tab, with ids, hashes and state. */
import { initialState, type StateValues, withGeneratedIds } from './block-state.ts';
import type { SlackIds } from './slack-ids.ts';

type Json = Record<string, unknown>;

export interface ViewRecord {
  id: string;
  userId: string;
  /** The view as Slack returns it: what the app sent, plus id, hash, state and the rest. */
  view: Json;
  rootViewId: string;
  previousViewId?: string;
}

/** Slack's refusals for views.open, views.push, views.update and views.publish. */
export type ViewRefusal =
  | 'not_found'
  | 'hash_conflict'
  | 'duplicate_external_id'
  | 'push_limit_reached';

/** Slack keeps at most three modals in one stack. */
export const MAX_STACK = 3;

export interface ViewRegistryDeps {
  ids: SlackIds;
  teamId: string;
  appId: string;
  botId: string;
}

export class ViewRegistry {
  readonly #deps: ViewRegistryDeps;
  /** Open views by id, in the order they were opened. */
  readonly #views = new Map<string, ViewRecord>();
  /** Modal stacks by root view id, bottom first. */
  readonly #stacks = new Map<string, string[]>();
  readonly #homes = new Map<string, string>();

  constructor(deps: ViewRegistryDeps) {
    this.#deps = deps;
  }

  get(id: string): ViewRecord | undefined {
    return this.#views.get(id);
  }

  byExternalId(externalId: string): ViewRecord | undefined {
    return [...this.#views.values()].find((r) => r.view.external_id === externalId);
  }

  list(): ViewRecord[] {
    return [...this.#views.values()];
  }

  /** Opens a new modal stack for `userId`; a person sees one stack at a time, so any other closes. */
  open(userId: string, input: Json): ViewRecord | ViewRefusal {
    if (this.#externalIdTaken(input)) return 'duplicate_external_id';
    for (const [rootId, stack] of this.#stacks)
      if (this.#views.get(rootId)?.userId === userId) this.#closeStack(rootId, stack);
    const id = this.#deps.ids.viewId();
    const record: ViewRecord = { id, userId, rootViewId: id, view: this.#build(id, input, id) };
    this.#views.set(id, record);
    this.#stacks.set(id, [id]);
    return record;
  }

  /** Pushes a modal onto the stack that holds `parentId` (the view the trigger came from). */
  push(parentId: string, input: Json): ViewRecord | ViewRefusal {
    const parent = this.#views.get(parentId);
    const stack = parent && this.#stacks.get(parent.rootViewId);
    if (!parent || !stack) return 'not_found';
    if (stack.length >= MAX_STACK) return 'push_limit_reached';
    if (this.#externalIdTaken(input)) return 'duplicate_external_id';
    const id = this.#deps.ids.viewId();
    const previousViewId = stack.at(-1);
    const record: ViewRecord = {
      id,
      userId: parent.userId,
      rootViewId: parent.rootViewId,
      previousViewId,
      view: this.#build(id, input, parent.rootViewId, previousViewId),
    };
    this.#views.set(id, record);
    stack.push(id);
    return record;
  }

  /**
   * Replaces an open view's content. With `hash`, only when nobody changed the view since that
   * hash was handed out; every update hands out a new one.
   */
  update(record: ViewRecord, input: Json, hash?: string): ViewRecord | ViewRefusal {
    if (hash !== undefined && hash !== record.view.hash) return 'hash_conflict';
    if (
      typeof input.external_id === 'string' &&
      input.external_id !== '' &&
      this.byExternalId(input.external_id) !== undefined &&
      this.byExternalId(input.external_id) !== record
    )
      return 'duplicate_external_id';
    const previousState = (record.view.state as { values: StateValues } | undefined)?.values;
    record.view = this.#build(
      record.id,
      { ...input, external_id: input.external_id ?? record.view.external_id },
      record.rootViewId,
      record.previousViewId,
      previousState,
    );
    return record;
  }

  /** Sets `userId`'s Home tab (views.publish); the view id stays the same from one to the next. */
  publishHome(userId: string, input: Json, hash?: string): ViewRecord | ViewRefusal {
    const existing = this.#views.get(this.#homes.get(userId) ?? '');
    if (existing) return this.update(existing, input, hash);
    if (this.#externalIdTaken(input)) return 'duplicate_external_id';
    const id = this.#deps.ids.viewId();
    const record: ViewRecord = { id, userId, rootViewId: id, view: this.#build(id, input, id) };
    this.#views.set(id, record);
    this.#homes.set(userId, id);
    return record;
  }

  /** Closes a modal and every view pushed above it. */
  close(id: string): void {
    const record = this.#views.get(id);
    const stack = record && this.#stacks.get(record.rootViewId);
    if (!stack) return;
    const removed = stack.splice(stack.indexOf(id));
    for (const viewId of removed) this.#views.delete(viewId);
    if (stack.length === 0) this.#stacks.delete(record.rootViewId);
  }

  /** Closes the whole stack a modal is in (`response_action: clear`). */
  clear(id: string): void {
    const record = this.#views.get(id);
    const stack = record && this.#stacks.get(record.rootViewId);
    if (record && stack) this.#closeStack(record.rootViewId, stack);
  }

  /** The modal on top of the stack `id` is in. */
  top(id: string): ViewRecord | undefined {
    const record = this.#views.get(id);
    const stack = record && this.#stacks.get(record.rootViewId);
    return stack ? this.#views.get(stack.at(-1) ?? '') : undefined;
  }

  #closeStack(rootId: string, stack: string[]): void {
    for (const viewId of stack) this.#views.delete(viewId);
    this.#stacks.delete(rootId);
  }

  #externalIdTaken(input: Json): boolean {
    return (
      typeof input.external_id === 'string' &&
      input.external_id !== '' &&
      this.byExternalId(input.external_id) !== undefined
    );
  }

  #build(
    id: string,
    input: Json,
    rootViewId: string,
    previousViewId?: string,
    previousState?: StateValues,
  ): Json {
    const { ids, teamId, appId, botId } = this.#deps;
    const blocks = withGeneratedIds(Array.isArray(input.blocks) ? input.blocks : [], () =>
      ids.generatedId(),
    );
    const optional = (key: string): Json => (input[key] === undefined ? {} : { [key]: input[key] });
    return {
      id,
      team_id: teamId,
      type: input.type,
      ...optional('title'),
      ...optional('submit'),
      ...optional('close'),
      blocks,
      private_metadata: input.private_metadata ?? '',
      callback_id: input.callback_id ?? '',
      external_id: input.external_id ?? '',
      state: { values: initialState(blocks, previousState) },
      hash: ids.viewHash(),
      clear_on_close: input.clear_on_close ?? false,
      notify_on_close: input.notify_on_close ?? false,
      ...optional('submit_disabled'),
      previous_view_id: previousViewId ?? null,
      root_view_id: rootViewId,
      app_id: appId,
      app_installed_team_id: teamId,
      bot_id: botId,
    };
  }
}
