/**
 * Slack's Block Kit limits as a pure checker, for the stand-in and for builder unit tests.
 *
 * One piece (~510 lines): the limits table and the checks that apply it are read side by side
 * against Slack's reference; a pure function of the blocks, with no state to split.
 */

/** Where blocks are shown; messages hold fewer blocks than modals and the Home tab. */
export type BlockSurface = 'message' | 'modal' | 'home';

/**
 * The limits Slack documents for Block Kit, as maximum lengths (characters) or counts.
 * Lengths are counted in UTF-16 code units (JavaScript's `length`), which is never more lenient
 * than Slack's count.
 */
export const BLOCK_KIT_LIMITS = {
  messageBlocks: 50,
  surfaceBlocks: 100,
  messageText: 40_000,
  blockId: 255,
  actionId: 255,
  text: 3000,
  sectionText: 3000,
  sectionFields: 10,
  sectionFieldText: 2000,
  headerText: 150,
  contextElements: 10,
  actionsElements: 25,
  buttonText: 75,
  buttonValue: 2000,
  url: 3000,
  accessibilityLabel: 75,
  selectOptions: 100,
  optionGroups: 100,
  optionGroupLabel: 75,
  optionText: 75,
  optionValue: 150,
  optionDescription: 75,
  overflowOptions: 5,
  checkboxOptions: 10,
  radioOptions: 10,
  placeholder: 150,
  inputLabel: 2000,
  inputHint: 2000,
  plainTextInputLength: 3000,
  imageUrl: 3000,
  altText: 2000,
  imageTitle: 2000,
  markdownText: 12_000,
  confirmTitle: 100,
  confirmText: 300,
  confirmButton: 30,
  viewTitle: 24,
  viewButton: 24,
  privateMetadata: 3000,
  callbackId: 255,
  externalId: 255,
} as const;

const L = BLOCK_KIT_LIMITS;

type Json = Record<string, unknown>;

const SELECTS = [
  'static_select',
  'external_select',
  'users_select',
  'conversations_select',
  'channels_select',
];
const MULTI_SELECTS = SELECTS.map((type) => `multi_${type}`);

/** Element types each container accepts (Slack's "compatible blocks" tables). */
const ACTIONS_ELEMENTS = new Set([
  'button',
  'checkboxes',
  'datepicker',
  'datetimepicker',
  'overflow',
  'radio_buttons',
  'timepicker',
  'workflow_button',
  ...SELECTS,
  ...MULTI_SELECTS,
]);
const ACCESSORY_ELEMENTS = new Set([
  'button',
  'checkboxes',
  'datepicker',
  'image',
  'overflow',
  'radio_buttons',
  'timepicker',
  'workflow_button',
  ...SELECTS,
  ...MULTI_SELECTS,
]);
const INPUT_ELEMENTS = new Set([
  'checkboxes',
  'datepicker',
  'datetimepicker',
  'email_text_input',
  'file_input',
  'number_input',
  'plain_text_input',
  'radio_buttons',
  'rich_text_input',
  'timepicker',
  'url_text_input',
  ...SELECTS,
  ...MULTI_SELECTS,
]);

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Collects problems in Slack's own wording: `<what is wrong> [json-pointer:<where>]`. */
class Problems {
  readonly list: string[] = [];

  add(pointer: string, message: string): void {
    this.list.push(`${message} [json-pointer:${pointer}]`);
  }

  /** A string field: optional unless `required`, at most `max` characters, never empty. */
  string(owner: Json, key: string, pointer: string, max: number, required = false): void {
    const value = owner[key];
    if (value === undefined) {
      if (required) this.add(pointer, `missing required field: ${key}`);
      return;
    }
    const at = `${pointer}/${key}`;
    if (typeof value !== 'string') this.add(at, 'must be a string');
    else if (value.length === 0 && required) this.add(at, 'must be more than 0 characters');
    else if (value.length > max) this.add(at, `must be less than ${max + 1} characters`);
  }

  /** An array field: at most `max` items, at least `min`. Returns the items when it is one. */
  array(
    owner: Json,
    key: string,
    pointer: string,
    max: number,
    { required = false, min = 0 }: { required?: boolean; min?: number } = {},
  ): unknown[] | undefined {
    const value = owner[key];
    if (value === undefined) {
      if (required) this.add(pointer, `missing required field: ${key}`);
      return undefined;
    }
    const at = `${pointer}/${key}`;
    if (!Array.isArray(value)) {
      this.add(at, 'must be an array');
      return undefined;
    }
    if (value.length > max) this.add(at, `no more than ${max} items allowed`);
    if (value.length < min) this.add(at, `must provide at least ${min} items`);
    return value;
  }

  boolean(owner: Json, key: string, pointer: string): void {
    if (owner[key] !== undefined && typeof owner[key] !== 'boolean')
      this.add(`${pointer}/${key}`, 'must be a boolean');
  }

  /**
   * A text object (`{type, text}`) at `owner[key]`. `plainOnly` for the places Slack accepts
   * only plain_text (headers, labels, button text, titles, placeholders).
   */
  text(
    owner: Json,
    key: string,
    pointer: string,
    max: number,
    { required = false, plainOnly = false }: { required?: boolean; plainOnly?: boolean } = {},
  ): void {
    const value = owner[key];
    if (value === undefined) {
      if (required) this.add(pointer, `missing required field: ${key}`);
      return;
    }
    this.textObject(value, `${pointer}/${key}`, max, plainOnly);
  }

  textObject(value: unknown, pointer: string, max: number, plainOnly = false): void {
    if (!isObject(value)) {
      this.add(pointer, 'must be a text object');
      return;
    }
    if (value.type !== 'plain_text' && value.type !== 'mrkdwn')
      this.add(`${pointer}/type`, 'must be plain_text or mrkdwn');
    else if (plainOnly && value.type !== 'plain_text')
      this.add(`${pointer}/type`, 'must be plain_text');
    if (typeof value.text !== 'string') this.add(pointer, 'missing required field: text');
    else if (value.text.length === 0) this.add(`${pointer}/text`, 'must be more than 0 characters');
    else if (value.text.length > max)
      this.add(`${pointer}/text`, `must be less than ${max + 1} characters`);
  }
}

function checkConfirm(p: Problems, element: Json, pointer: string): void {
  const confirm = element.confirm;
  if (confirm === undefined) return;
  const at = `${pointer}/confirm`;
  if (!isObject(confirm)) {
    p.add(at, 'must be an object');
    return;
  }
  p.text(confirm, 'title', at, L.confirmTitle, { plainOnly: true });
  p.text(confirm, 'text', at, L.confirmText);
  p.text(confirm, 'confirm', at, L.confirmButton, { plainOnly: true });
  p.text(confirm, 'deny', at, L.confirmButton, { plainOnly: true });
}

/** Options of selects, overflow menus, checkboxes and radio buttons. */
function checkOptions(
  p: Problems,
  options: unknown[],
  pointer: string,
  { plainOnly, withUrl }: { plainOnly: boolean; withUrl: boolean },
): void {
  options.forEach((option, i) => {
    const at = `${pointer}/${i}`;
    if (!isObject(option)) {
      p.add(at, 'must be an object');
      return;
    }
    p.text(option, 'text', at, L.optionText, { required: true, plainOnly });
    p.string(option, 'value', at, L.optionValue, true);
    p.text(option, 'description', at, L.optionDescription, { plainOnly });
    if (withUrl) p.string(option, 'url', at, L.url);
  });
}

function checkSelectOptions(p: Problems, element: Json, pointer: string): void {
  const options = p.array(element, 'options', pointer, L.selectOptions);
  const groups = p.array(element, 'option_groups', pointer, L.optionGroups);
  if (options && groups) p.add(pointer, 'must provide either options or option_groups, not both');
  if (!options && !groups && String(element.type).endsWith('static_select'))
    p.add(pointer, 'missing required field: options');
  if (options) checkOptions(p, options, `${pointer}/options`, { plainOnly: true, withUrl: false });
  groups?.forEach((group, i) => {
    const at = `${pointer}/option_groups/${i}`;
    if (!isObject(group)) {
      p.add(at, 'must be an object');
      return;
    }
    p.text(group, 'label', at, L.optionGroupLabel, { required: true, plainOnly: true });
    const inner = p.array(group, 'options', at, L.selectOptions, { required: true });
    if (inner) checkOptions(p, inner, `${at}/options`, { plainOnly: true, withUrl: false });
  });
}

function checkLength(p: Problems, element: Json, key: string, pointer: string): void {
  const value = element[key];
  if (value === undefined) return;
  if (typeof value !== 'number' || !Number.isInteger(value))
    p.add(`${pointer}/${key}`, 'must be an integer');
  else if (value > L.plainTextInputLength)
    p.add(`${pointer}/${key}`, `must be at most ${L.plainTextInputLength}`);
  else if (value < (key === 'max_length' ? 1 : 0))
    p.add(`${pointer}/${key}`, `must be at least ${key === 'max_length' ? 1 : 0}`);
}

/** One interactive or image element, whatever block holds it. */
function checkElement(p: Problems, element: Json, pointer: string): void {
  const type = String(element.type);
  p.string(element, 'action_id', pointer, L.actionId);
  if (type !== 'image') p.text(element, 'placeholder', pointer, L.placeholder, { plainOnly: true });
  checkConfirm(p, element, pointer);
  switch (type) {
    case 'button':
      p.text(element, 'text', pointer, L.buttonText, { required: true, plainOnly: true });
      p.string(element, 'value', pointer, L.buttonValue);
      p.string(element, 'url', pointer, L.url);
      p.string(element, 'accessibility_label', pointer, L.accessibilityLabel);
      if (element.style !== undefined && element.style !== 'primary' && element.style !== 'danger')
        p.add(`${pointer}/style`, 'must be primary or danger');
      return;
    case 'overflow': {
      const options = p.array(element, 'options', pointer, L.overflowOptions, {
        required: true,
        min: 1,
      });
      if (options)
        checkOptions(p, options, `${pointer}/options`, { plainOnly: true, withUrl: true });
      return;
    }
    case 'checkboxes':
    case 'radio_buttons': {
      const max = type === 'checkboxes' ? L.checkboxOptions : L.radioOptions;
      const options = p.array(element, 'options', pointer, max, { required: true, min: 1 });
      if (options)
        checkOptions(p, options, `${pointer}/options`, { plainOnly: false, withUrl: false });
      return;
    }
    case 'datepicker':
      if (
        element.initial_date !== undefined &&
        !/^\d{4}-\d{2}-\d{2}$/.test(`${element.initial_date}`)
      )
        p.add(`${pointer}/initial_date`, 'must be a date in the format YYYY-MM-DD');
      return;
    case 'timepicker':
      if (element.initial_time !== undefined && !/^\d{2}:\d{2}$/.test(`${element.initial_time}`))
        p.add(`${pointer}/initial_time`, 'must be a time in the format HH:mm');
      return;
    case 'plain_text_input':
      checkLength(p, element, 'min_length', pointer);
      checkLength(p, element, 'max_length', pointer);
      if (
        typeof element.min_length === 'number' &&
        typeof element.max_length === 'number' &&
        element.min_length > element.max_length
      )
        p.add(`${pointer}/min_length`, 'must not be more than max_length');
      p.string(element, 'initial_value', pointer, L.plainTextInputLength);
      return;
    case 'number_input':
      if (typeof element.is_decimal_allowed !== 'boolean')
        p.add(pointer, 'missing required field: is_decimal_allowed');
      return;
    case 'image':
      checkImage(p, element, pointer);
      return;
    default:
      if (SELECTS.includes(type) || MULTI_SELECTS.includes(type)) {
        if (type.endsWith('static_select')) checkSelectOptions(p, element, pointer);
        if (
          type.startsWith('multi_') &&
          element.max_selected_items !== undefined &&
          !(typeof element.max_selected_items === 'number' && element.max_selected_items >= 1)
        )
          p.add(`${pointer}/max_selected_items`, 'must be at least 1');
      }
  }
}

function checkImage(p: Problems, image: Json, pointer: string): void {
  if (image.image_url === undefined && image.slack_file === undefined)
    p.add(pointer, 'missing required field: image_url');
  p.string(image, 'image_url', pointer, L.imageUrl);
  p.string(image, 'alt_text', pointer, L.altText, true);
}

/** Checks an element's type against its container, then the element itself. */
function checkContained(
  p: Problems,
  element: unknown,
  pointer: string,
  allowed: ReadonlySet<string>,
): void {
  if (!isObject(element)) {
    p.add(pointer, 'must be an object');
    return;
  }
  if (typeof element.type !== 'string' || !allowed.has(element.type)) {
    p.add(`${pointer}/type`, `element type "${String(element.type)}" is not allowed here`);
    return;
  }
  checkElement(p, element, pointer);
}

function checkBlock(p: Problems, block: Json, pointer: string): void {
  switch (block.type) {
    case 'section': {
      if (block.text === undefined && block.fields === undefined)
        p.add(pointer, 'must provide text or fields');
      p.text(block, 'text', pointer, L.sectionText);
      const fields = p.array(block, 'fields', pointer, L.sectionFields, { min: 1 });
      fields?.forEach((field, i) => {
        p.textObject(field, `${pointer}/fields/${i}`, L.sectionFieldText);
      });
      if (block.accessory !== undefined)
        checkContained(p, block.accessory, `${pointer}/accessory`, ACCESSORY_ELEMENTS);
      return;
    }
    case 'header':
      p.text(block, 'text', pointer, L.headerText, { required: true, plainOnly: true });
      return;
    case 'divider':
      return;
    case 'context': {
      const elements = p.array(block, 'elements', pointer, L.contextElements, {
        required: true,
        min: 1,
      });
      elements?.forEach((element, i) => {
        const at = `${pointer}/elements/${i}`;
        if (isObject(element) && element.type === 'image') checkImage(p, element, at);
        else p.textObject(element, at, L.text);
      });
      return;
    }
    case 'actions': {
      const elements = p.array(block, 'elements', pointer, L.actionsElements, {
        required: true,
        min: 1,
      });
      const seen = new Set<string>();
      elements?.forEach((element, i) => {
        const at = `${pointer}/elements/${i}`;
        checkContained(p, element, at, ACTIONS_ELEMENTS);
        const actionId = isObject(element) ? element.action_id : undefined;
        if (typeof actionId !== 'string') return;
        if (seen.has(actionId))
          p.add(`${at}/action_id`, `duplicate action_id "${actionId}" in this block`);
        seen.add(actionId);
      });
      return;
    }
    case 'input':
      p.text(block, 'label', pointer, L.inputLabel, { required: true, plainOnly: true });
      p.text(block, 'hint', pointer, L.inputHint, { plainOnly: true });
      p.boolean(block, 'optional', pointer);
      p.boolean(block, 'dispatch_action', pointer);
      if (block.element === undefined) p.add(pointer, 'missing required field: element');
      else checkContained(p, block.element, `${pointer}/element`, INPUT_ELEMENTS);
      return;
    case 'image':
      checkImage(p, block, pointer);
      p.text(block, 'title', pointer, L.imageTitle, { plainOnly: true });
      return;
    case 'markdown':
      p.string(block, 'text', pointer, L.markdownText, true);
      return;
    case 'rich_text':
      p.array(block, 'elements', pointer, Number.POSITIVE_INFINITY, { required: true });
      return;
    case 'file':
    case 'video':
      // Accepted as Slack accepts them; deckhand sends neither, so their fields go unchecked.
      return;
    default:
      p.add(`${pointer}/type`, `unknown block type "${String(block.type)}"`);
  }
}

function checkBlockList(
  p: Problems,
  blocks: unknown,
  surface: BlockSurface,
  pointer: string,
): void {
  if (!Array.isArray(blocks)) {
    p.add(pointer, 'must be an array');
    return;
  }
  const max = surface === 'message' ? L.messageBlocks : L.surfaceBlocks;
  if (blocks.length > max) p.add(pointer, `no more than ${max} items allowed`);
  const blockIds = new Set<string>();
  blocks.forEach((block, i) => {
    const at = `${pointer}/${i}`;
    if (!isObject(block)) {
      p.add(at, 'must be an object');
      return;
    }
    p.string(block, 'block_id', at, L.blockId);
    if (typeof block.block_id === 'string') {
      if (blockIds.has(block.block_id))
        p.add(`${at}/block_id`, `duplicate block_id "${block.block_id}"`);
      blockIds.add(block.block_id);
    }
    checkBlock(p, block, at);
  });
}

/**
 * Everything Slack would refuse in these blocks, as Slack words it
 * (`must be less than 3001 characters [json-pointer:/blocks/0/text/text]`); empty when Slack
 * accepts them.
 *
 * @example checkBlocks(buildBookingSummaryBlocks(result, zone), 'message') // []
 */
export function checkBlocks(blocks: unknown[], surface: BlockSurface): string[] {
  const p = new Problems();
  checkBlockList(p, blocks, surface, '/blocks');
  return p.list;
}

/**
 * Everything Slack would refuse in a view (a modal or the Home tab), pointers under `/view`;
 * empty when Slack accepts it.
 *
 * @example checkView({ type: 'modal', title: { type: 'plain_text', text: 'New charter' }, blocks }) // []
 */
export function checkView(view: unknown): string[] {
  const p = new Problems();
  if (!isObject(view)) {
    p.add('/view', 'must be an object');
    return p.list;
  }
  if (view.type !== 'modal' && view.type !== 'home') {
    p.add('/view/type', 'must be modal or home');
    return p.list;
  }
  if (view.type === 'modal') {
    p.text(view, 'title', '/view', L.viewTitle, { required: true, plainOnly: true });
    p.text(view, 'submit', '/view', L.viewButton, { plainOnly: true });
    p.text(view, 'close', '/view', L.viewButton, { plainOnly: true });
    const hasInput =
      Array.isArray(view.blocks) && view.blocks.some((b) => isObject(b) && b.type === 'input');
    if (hasInput && view.submit === undefined)
      p.add('/view', 'missing required field: submit (the view has input blocks)');
    p.boolean(view, 'clear_on_close', '/view');
    p.boolean(view, 'notify_on_close', '/view');
  }
  if (view.blocks === undefined) p.add('/view', 'missing required field: blocks');
  else checkBlockList(p, view.blocks, view.type, '/view/blocks');
  p.string(view, 'private_metadata', '/view', L.privateMetadata);
  p.string(view, 'callback_id', '/view', L.callbackId);
  p.string(view, 'external_id', '/view', L.externalId);
  return p.list;
}
