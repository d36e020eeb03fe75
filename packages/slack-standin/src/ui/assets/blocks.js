// Block Kit as DOM, looking like Slack: header, section (text, fields, accessory), context,
// divider, actions, image, and the inputs of modals. Interactive elements call ctx.act(...)
// with what Slack would put in block_actions; modal inputs register a reader in ctx.fields.
import { renderText } from './mrkdwn.js';

function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

const plain = (object) => String(object?.text ?? '');

function optionsOf(element) {
  const groups = element.option_groups ?? [];
  return [...(element.options ?? []), ...groups.flatMap((g) => g.options ?? [])];
}

/** The element's current value: the view state's, else its initial one. */
function current(element, blockId, ctx) {
  const state = ctx.state?.[blockId]?.[element.action_id];
  switch (element.type) {
    case 'static_select':
    case 'external_select':
    case 'radio_buttons':
      return (state ? state.selected_option : element.initial_option)?.value ?? null;
    case 'multi_static_select':
    case 'multi_external_select':
    case 'checkboxes':
      return ((state ? state.selected_options : element.initial_options) ?? []).map((o) => o.value);
    case 'users_select':
      return state ? state.selected_user : (element.initial_user ?? null);
    case 'multi_users_select':
      return state ? state.selected_users : (element.initial_users ?? []);
    case 'conversations_select':
    case 'channels_select': {
      const key = element.type === 'channels_select' ? 'channel' : 'conversation';
      return state ? state[`selected_${key}`] : (element[`initial_${key}`] ?? null);
    }
    case 'datepicker':
      return state ? state.selected_date : (element.initial_date ?? null);
    case 'timepicker':
      return state ? state.selected_time : (element.initial_time ?? null);
    default:
      return state ? state.value : (element.initial_value ?? null);
  }
}

/** A confirmation dialog (a button's `confirm`), resolved with the person's choice. */
function confirmFirst(confirm) {
  if (!confirm) return Promise.resolve(true);
  return new Promise((resolve) => {
    const backdrop = el('div', 'backdrop confirm-backdrop');
    const box = el('div', 'dialog confirm');
    box.setAttribute('role', 'alertdialog');
    box.append(el('h2', 'dialog-title', plain(confirm.title) || 'Are you sure?'));
    const body = el('div', 'dialog-body');
    body.append(renderText(confirm.text, { userName: (id) => id, channelName: (id) => id }));
    box.append(body);
    const footer = el('div', 'dialog-footer');
    const deny = el('button', 'bk-button', plain(confirm.deny) || 'Cancel');
    const ok = el(
      'button',
      `bk-button ${confirm.style === 'danger' ? 'danger' : 'primary'}`,
      plain(confirm.confirm) || 'Yes',
    );
    const done = (answer) => {
      backdrop.remove();
      resolve(answer);
    };
    deny.addEventListener('click', () => done(false));
    ok.addEventListener('click', () => done(true));
    footer.append(deny, ok);
    box.append(footer);
    backdrop.append(box);
    document.body.append(backdrop);
    ok.focus();
  });
}

function button(element, blockId, ctx) {
  const node = el('button', `bk-button ${element.style ?? ''}`.trim(), plain(element.text));
  node.type = 'button';
  node.addEventListener('click', async () => {
    if (!(await confirmFirst(element.confirm))) return;
    if (element.url && /^https?:\/\//.test(element.url))
      window.open(element.url, '_blank', 'noopener,noreferrer');
    ctx.act({ blockId, actionId: element.action_id, value: element.value });
  });
  return node;
}

function selectOf(options, selected, placeholder) {
  const select = el('select', 'bk-select');
  const none = el('option', '', placeholder || 'Select an item');
  none.value = '';
  select.append(none);
  for (const option of options) {
    const item = el('option', '', plain(option.text));
    item.value = option.value;
    select.append(item);
  }
  select.value = selected ?? '';
  return select;
}

function peopleOptions(ctx) {
  return ctx.users
    .filter((u) => !u.isBot)
    .map((u) => ({ text: { text: u.realName }, value: u.id }));
}

/** A multi-select: the chosen options as removable chips and a picker to add another. */
function multiSelect(options, selected, placeholder, onChange) {
  const box = el('div', 'bk-multi');
  let chosen = [...selected];
  const draw = () => {
    box.replaceChildren();
    for (const value of chosen) {
      const option = options.find((o) => o.value === value);
      const chip = el('span', 'chip', option ? plain(option.text) : value);
      const remove = el('button', 'chip-remove', '×');
      remove.type = 'button';
      remove.setAttribute('aria-label', `Remove ${chip.textContent}`);
      remove.addEventListener('click', () => {
        chosen = chosen.filter((v) => v !== value);
        draw();
        onChange(chosen);
      });
      chip.append(remove);
      box.append(chip);
    }
    const rest = options.filter((o) => !chosen.includes(o.value));
    if (rest.length > 0) {
      const add = selectOf(rest, '', chosen.length ? 'Add…' : placeholder || 'Select items');
      add.addEventListener('change', () => {
        chosen = [...chosen, add.value];
        draw();
        onChange(chosen);
      });
      box.append(add);
    }
  };
  draw();
  return { node: box, read: () => chosen };
}

/**
 * An interactive element. In a message it acts at once; in a modal it registers its value for
 * the submission and acts only when its input dispatches actions (dispatch_action), as in Slack.
 */
function element(element, block, ctx) {
  const blockId = block.block_id;
  const inInput = block.type === 'input';
  const dispatches = !inInput || block.dispatch_action === true;
  const placeholder = plain(element.placeholder);
  const value = current(element, blockId, ctx);
  const register = (read) =>
    ctx.fields?.push({
      blockId,
      actionId: element.action_id,
      read,
      required: inInput && block.optional !== true,
    });
  const single = (node, read, toAction) => {
    register(read);
    if (dispatches)
      node.addEventListener('change', () =>
        ctx.act({ blockId, actionId: element.action_id, ...toAction(read()) }),
      );
    return node;
  };
  switch (element.type) {
    case 'button':
      return button(element, blockId, ctx);
    case 'static_select':
    case 'external_select':
    case 'users_select':
    case 'conversations_select':
    case 'channels_select': {
      const options =
        element.type === 'users_select'
          ? peopleOptions(ctx)
          : element.type.endsWith('_select') &&
              !element.type.startsWith('static') &&
              !element.type.startsWith('external')
            ? ctx.conversations.map((c) => ({ text: { text: c.name }, value: c.id }))
            : optionsOf(element);
      const select = selectOf(options, value, placeholder);
      const read = () => select.value || null;
      return single(select, read, (v) => ({ selectedOption: v ?? undefined }));
    }
    case 'multi_static_select':
    case 'multi_external_select':
    case 'multi_users_select':
    case 'multi_conversations_select':
    case 'multi_channels_select': {
      const options =
        element.type === 'multi_users_select'
          ? peopleOptions(ctx)
          : element.type.includes('static') || element.type.includes('external')
            ? optionsOf(element)
            : ctx.conversations.map((c) => ({ text: { text: c.name }, value: c.id }));
      const changed = (chosen) => {
        if (dispatches) ctx.act({ blockId, actionId: element.action_id, selectedOptions: chosen });
      };
      const multi = multiSelect(options, value ?? [], placeholder, changed);
      register(() => multi.read());
      return multi.node;
    }
    case 'overflow': {
      const select = selectOf(optionsOf(element), '', '⋯');
      select.classList.add('bk-overflow');
      select.setAttribute('aria-label', 'More actions');
      select.addEventListener('change', () =>
        ctx.act({ blockId, actionId: element.action_id, selectedOption: select.value }),
      );
      return select;
    }
    case 'datepicker': {
      const input = el('input', 'bk-input');
      input.type = 'date';
      input.value = value ?? '';
      return single(
        input,
        () => input.value || null,
        (v) => ({ selectedDate: v ?? undefined }),
      );
    }
    case 'timepicker': {
      const input = el('input', 'bk-input');
      input.type = 'time';
      input.value = value ?? '';
      return single(
        input,
        () => input.value || null,
        (v) => ({ selectedTime: v ?? undefined }),
      );
    }
    case 'plain_text_input':
    case 'number_input':
    case 'email_text_input':
    case 'url_text_input': {
      const input = el(element.multiline ? 'textarea' : 'input', 'bk-input');
      if (!element.multiline)
        input.type =
          { number_input: 'number', email_text_input: 'email', url_text_input: 'url' }[
            element.type
          ] ?? 'text';
      if (element.type === 'number_input') {
        input.step = element.is_decimal_allowed ? 'any' : '1';
        if (element.min_value !== undefined) input.min = element.min_value;
        if (element.max_value !== undefined) input.max = element.max_value;
        input.inputMode = element.is_decimal_allowed ? 'decimal' : 'numeric';
      }
      if (element.max_length) input.maxLength = element.max_length;
      input.placeholder = placeholder;
      input.value = value ?? '';
      return single(
        input,
        () => (input.value === '' ? null : input.value),
        (v) => ({ value: v ?? '' }),
      );
    }
    case 'checkboxes':
    case 'radio_buttons': {
      const group = el('div', 'bk-choices');
      const name = `${blockId}-${element.action_id}`;
      const chosen = new Set(Array.isArray(value) ? value : value ? [value] : []);
      const inputs = optionsOf(element).map((option) => {
        const label = el('label', 'bk-choice');
        const input = el('input');
        input.type = element.type === 'checkboxes' ? 'checkbox' : 'radio';
        input.name = name;
        input.value = option.value;
        input.checked = chosen.has(option.value);
        label.append(input, renderText(option.text, ctx));
        group.append(label);
        return input;
      });
      const read = () => {
        const checked = inputs.filter((i) => i.checked).map((i) => i.value);
        return element.type === 'checkboxes' ? checked : (checked[0] ?? null);
      };
      register(read);
      if (dispatches)
        group.addEventListener('change', () =>
          ctx.act({
            blockId,
            actionId: element.action_id,
            ...(element.type === 'checkboxes'
              ? { selectedOptions: read() }
              : { selectedOption: read() }),
          }),
        );
      return group;
    }
    case 'image':
      return imageNode(element);
    default:
      return el('span', 'bk-unsupported', `[${element.type}]`);
  }
}

function imageNode(image) {
  // Remote images are blocked by the page's CSP (nothing leaves this machine): show the alt text.
  const box = el('span', 'bk-image', `🖼 ${image.alt_text ?? 'image'}`);
  return box;
}

function section(block, ctx) {
  const node = el('div', 'bk-section');
  const body = el('div', 'bk-section-body');
  if (block.text) {
    const text = el('div', 'bk-text');
    text.append(renderText(block.text, ctx));
    body.append(text);
  }
  if (block.fields?.length) {
    const fields = el('div', 'bk-fields');
    for (const field of block.fields) {
      const cell = el('div', 'bk-field');
      cell.append(renderText(field, ctx));
      fields.append(cell);
    }
    body.append(fields);
  }
  node.append(body);
  if (block.accessory) {
    const accessory = el('div', 'bk-accessory');
    accessory.append(element(block.accessory, block, ctx));
    node.append(accessory);
  }
  return node;
}

function input(block, ctx) {
  const node = el('div', 'bk-input-block');
  const id = `input-${block.block_id}`;
  const label = el('label', 'bk-label', plain(block.label));
  label.htmlFor = id;
  if (block.optional) label.append(el('span', 'bk-optional', ' (optional)'));
  node.append(label);
  const control = element(block.element, block, ctx);
  control.id = id;
  node.append(control);
  if (block.hint) node.append(el('div', 'bk-hint', plain(block.hint)));
  const error = ctx.errors?.[block.block_id];
  if (error) {
    node.classList.add('has-error');
    const message = el('div', 'bk-error', error);
    message.setAttribute('role', 'alert');
    node.append(message);
  }
  return node;
}

/** rich_text's words, without its styling. */
function richText(node) {
  if (typeof node?.text === 'string') return node.text;
  const parts = (node?.elements ?? []).map(richText);
  return parts.join(node?.type === 'rich_text_section' ? '' : '\n');
}

/** Renders a list of blocks into a container element. */
export function renderBlocks(blocks, ctx) {
  const container = el('div', 'blocks');
  for (const block of blocks ?? []) {
    let node;
    switch (block.type) {
      case 'header':
        node = el('div', 'bk-header', plain(block.text));
        break;
      case 'section':
        node = section(block, ctx);
        break;
      case 'context': {
        node = el('div', 'bk-context');
        for (const item of block.elements ?? []) {
          const span = el('span', 'bk-context-item');
          span.append(item.type === 'image' ? imageNode(item) : renderText(item, ctx));
          node.append(span);
        }
        break;
      }
      case 'divider':
        node = el('hr', 'bk-divider');
        break;
      case 'actions':
        node = el('div', 'bk-actions');
        for (const item of block.elements ?? []) node.append(element(item, block, ctx));
        break;
      case 'input':
        node = input(block, ctx);
        break;
      case 'image':
        node = el('div', 'bk-image-block');
        node.append(imageNode(block));
        break;
      case 'rich_text':
        node = el('div', 'bk-text', richText(block));
        break;
      default:
        node = el('div', 'bk-unsupported', `[${block.type} block]`);
    }
    node.dataset.blockId = block.block_id ?? '';
    container.append(node);
  }
  return container;
}
