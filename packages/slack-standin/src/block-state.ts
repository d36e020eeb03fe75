/** Interactive elements in Slack's shapes: block_actions' `actions` and views' `state.values`. */

type Json = Record<string, unknown>;

/** `state.values`: block_id → action_id → the element's current value. */
export type StateValues = Record<string, Record<string, unknown>>;

/** A test's description of one interaction (blockAction's input, minus where it happened). */
export interface ActionInput {
  actionId: string;
  blockId: string;
  value?: string;
  selectedOption?: string;
  selectedOptions?: string[];
  selectedDate?: string;
  selectedTime?: string;
  text?: string;
}

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The elements a block holds: an actions block's, a section's accessory, an input's element. */
function elementsOf(block: Json): Json[] {
  if (Array.isArray(block.elements) && block.type === 'actions')
    return block.elements.filter(isObject);
  if (isObject(block.accessory)) return [block.accessory];
  if (isObject(block.element)) return [block.element];
  return [];
}

/**
 * Copies blocks with the block_id and action_id Slack fills in when the app leaves them out:
 * payloads always name both, so the app can tell where a click came from.
 */
export function withGeneratedIds(blocks: unknown[], generate: () => string): unknown[] {
  return blocks.map((block) => {
    if (!isObject(block)) return block;
    const copy: Json = structuredClone(block);
    if (copy.block_id === undefined) copy.block_id = generate();
    for (const element of elementsOf(copy))
      if (element.action_id === undefined && element.type !== 'image')
        element.action_id = generate();
    return copy;
  });
}

/** The block and element a person interacted with, or undefined when there is none. */
export function findElement(
  blocks: unknown[] | undefined,
  blockId: string,
  actionId: string,
): { block: Json; element: Json } | undefined {
  for (const block of blocks ?? []) {
    if (!isObject(block) || block.block_id !== blockId) continue;
    const element = elementsOf(block).find((e) => e.action_id === actionId);
    if (element) return { block, element };
  }
  return undefined;
}

const TEXT_INPUTS = new Set([
  'plain_text_input',
  'number_input',
  'email_text_input',
  'url_text_input',
  'rich_text_input',
]);
const SINGLE_OPTION = new Set(['static_select', 'external_select', 'radio_buttons']);
const MULTI_OPTION = new Set(['multi_static_select', 'multi_external_select', 'checkboxes']);
/** Selects of people, conversations and channels: the key Slack stores each one's choice under. */
const ENTITY_SELECTS: Record<string, string> = {
  users_select: 'selected_user',
  multi_users_select: 'selected_users',
  conversations_select: 'selected_conversation',
  multi_conversations_select: 'selected_conversations',
  channels_select: 'selected_channel',
  multi_channels_select: 'selected_channels',
};

/** The element's value before anyone touches it, or undefined for elements without state. */
function initialValue(element: Json): Json | undefined {
  const type = String(element.type);
  if (TEXT_INPUTS.has(type)) return { type, value: element.initial_value ?? null };
  if (SINGLE_OPTION.has(type)) return { type, selected_option: element.initial_option ?? null };
  if (MULTI_OPTION.has(type)) return { type, selected_options: element.initial_options ?? [] };
  const key = ENTITY_SELECTS[type];
  if (key) {
    const initial = element[key.replace('selected_', 'initial_')];
    return { type, [key]: initial ?? (type.startsWith('multi_') ? [] : null) };
  }
  if (type === 'datepicker') return { type, selected_date: element.initial_date ?? null };
  if (type === 'timepicker') return { type, selected_time: element.initial_time ?? null };
  if (type === 'datetimepicker')
    return { type, selected_date_time: element.initial_date_time ?? null };
  return undefined;
}

/**
 * `state.values` for new blocks. Values already entered survive where block_id and action_id
 * are unchanged, as Slack keeps input across views.update.
 */
export function initialState(
  blocks: unknown[] | undefined,
  previous: StateValues = {},
): StateValues {
  const values: StateValues = {};
  for (const block of blocks ?? []) {
    if (!isObject(block) || typeof block.block_id !== 'string') continue;
    for (const element of elementsOf(block)) {
      const actionId = String(element.action_id);
      const start = initialValue(element);
      if (!start) continue;
      const kept = previous[block.block_id]?.[actionId];
      const value = isObject(kept) && kept.type === start.type ? kept : start;
      values[block.block_id] = { ...values[block.block_id], [actionId]: value };
    }
  }
  return values;
}

/** All options of a select, flattening option groups. */
function optionsOf(element: Json): Json[] {
  const direct = Array.isArray(element.options) ? element.options : [];
  const grouped = Array.isArray(element.option_groups)
    ? element.option_groups.flatMap((g) =>
        isObject(g) && Array.isArray(g.options) ? g.options : [],
      )
    : [];
  return [...direct, ...grouped].filter(isObject);
}

function optionFor(element: Json, value: string, where: string): Json {
  // External selects load options from the app; the stand-in can only echo the value.
  if (String(element.type).includes('external'))
    return { text: { type: 'plain_text', text: value }, value };
  const option = optionsOf(element).find((o) => o.value === value);
  if (!option)
    throw new Error(
      `${where}: no option with value "${value}" (options: ${optionsOf(element)
        .map((o) => String(o.value))
        .join(', ')})`,
    );
  return option;
}

/**
 * The element's new state after a test's input, in Slack's shape; undefined for elements that
 * keep none (buttons, overflow menus).
 */
function valueFromInput(element: Json, input: ActionInput, where: string): Json | undefined {
  const type = String(element.type);
  if (TEXT_INPUTS.has(type)) return { type, value: input.text ?? input.value ?? null };
  if (SINGLE_OPTION.has(type))
    return {
      type,
      selected_option:
        input.selectedOption === undefined ? null : optionFor(element, input.selectedOption, where),
    };
  if (MULTI_OPTION.has(type))
    return {
      type,
      selected_options: (input.selectedOptions ?? []).map((v) => optionFor(element, v, where)),
    };
  const key = ENTITY_SELECTS[type];
  if (key)
    return {
      type,
      [key]: type.startsWith('multi_')
        ? (input.selectedOptions ?? [])
        : (input.selectedOption ?? input.value ?? null),
    };
  if (type === 'datepicker') return { type, selected_date: input.selectedDate ?? null };
  if (type === 'timepicker') return { type, selected_time: input.selectedTime ?? null };
  return undefined;
}

/**
 * The `actions[0]` entry Slack sends when someone uses `element`, and the element's new state
 * (undefined for buttons and overflow menus, which keep none).
 */
export function buildAction(
  element: Json,
  input: ActionInput,
  actionTs: string,
): { action: Json; state: Json | undefined } {
  const type = String(element.type);
  const where = `${input.blockId}/${input.actionId}`;
  const base = { type, block_id: input.blockId, action_id: input.actionId, action_ts: actionTs };
  if (type === 'button') {
    if (input.value !== undefined && element.value !== undefined && input.value !== element.value)
      throw new Error(
        `${where}: the button's value is "${String(element.value)}", not "${input.value}"`,
      );
    const action: Json = { ...base, text: element.text };
    const value = element.value ?? input.value;
    if (value !== undefined) action.value = value;
    if (element.style !== undefined) action.style = element.style;
    if (element.url !== undefined) action.url = element.url;
    return { action, state: undefined };
  }
  if (type === 'overflow') {
    if (input.selectedOption === undefined)
      throw new Error(`${where}: an overflow menu needs selectedOption`);
    return {
      action: { ...base, selected_option: optionFor(element, input.selectedOption, where) },
      state: undefined,
    };
  }
  const state = valueFromInput(element, input, where);
  if (!state) throw new Error(`${where}: the stand-in cannot act on a ${type} element`);
  const { type: _type, ...fields } = state;
  return { action: { ...base, ...fields }, state };
}

/**
 * A submitted value in Slack's shape. Tests may pass Slack's own shape (an object with `type`)
 * or a plain value: a string for text inputs, pickers and single selects (the option's value),
 * an array of strings for multi-selects and checkboxes, null to leave it empty.
 */
export function submittedValue(element: Json, raw: unknown, where: string): Json {
  const type = String(element.type);
  if (isObject(raw) && typeof raw.type === 'string') return raw;
  if (raw !== null && typeof raw !== 'string' && !Array.isArray(raw))
    throw new Error(`${where}: give a string, an array of strings, null or Slack's value object`);
  const strings = Array.isArray(raw) ? raw.map(String) : undefined;
  const one = typeof raw === 'string' ? raw : undefined;
  const input: ActionInput = {
    actionId: '',
    blockId: '',
    text: one,
    selectedOption: one,
    selectedOptions: strings,
    selectedDate: one,
    selectedTime: one,
  };
  const value = valueFromInput(element, input, where);
  if (!value) throw new Error(`${where}: a ${type} element holds no value to submit`);
  return value;
}

function isEmpty(value: unknown): boolean {
  if (!isObject(value)) return true;
  const { type: _type, ...fields } = value;
  return Object.values(fields).every(
    (v) => v === null || v === undefined || v === '' || (Array.isArray(v) && v.length === 0),
  );
}

/** Input blocks that are not optional and still empty: Slack's client will not submit those. */
export function missingRequiredInputs(
  blocks: unknown[] | undefined,
  values: StateValues,
): string[] {
  const missing: string[] = [];
  for (const block of blocks ?? []) {
    if (!isObject(block) || block.type !== 'input' || block.optional === true) continue;
    if (!isObject(block.element)) continue;
    const blockId = String(block.block_id);
    if (isEmpty(values[blockId]?.[String(block.element.action_id)])) missing.push(blockId);
  }
  return missing;
}
