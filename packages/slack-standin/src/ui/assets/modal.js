// The open modal: its blocks and inputs, required fields checked before submitting (as
// Slack's client does), and the app's field errors shown where they belong.
import { api, attempt } from './api.js';
import { renderBlocks } from './blocks.js';
import { $, el } from './dom.js';
import { actor, textContext, ui } from './ui-state.js';

/** Every registered input's plain value, as the stand-in's viewSubmission takes them. */
function readFields(fields) {
  const values = {};
  for (const field of fields) {
    values[field.blockId] ??= {};
    values[field.blockId][field.actionId] = field.read();
  }
  return values;
}

function showFieldErrors(dialog, errors) {
  for (const node of dialog.querySelectorAll('.bk-error')) node.remove();
  for (const node of dialog.querySelectorAll('.has-error')) node.classList.remove('has-error');
  for (const [blockId, message] of Object.entries(errors)) {
    const block = dialog.querySelector(`[data-block-id="${CSS.escape(blockId)}"]`);
    if (!block) continue;
    block.classList.add('has-error');
    const note = el('div', 'bk-error', message);
    note.setAttribute('role', 'alert');
    block.append(note);
  }
  dialog.querySelector('.has-error')?.scrollIntoView({ block: 'center' });
}

/** Draws the modal when it changed (its id or hash); `refresh` redraws after a submission. */
export function drawModal(refresh) {
  const root = $('modal-root');
  const view = ui.state.modal;
  const key = view ? `${view.id}/${view.hash}` : null;
  if (key === ui.modalKey) return;
  ui.modalKey = key;
  root.replaceChildren();
  if (!view) return;
  const fields = [];
  const me = actor();
  const backdrop = el('div', 'backdrop');
  const dialog = el('div', 'dialog modal');
  dialog.setAttribute('role', 'dialog');
  dialog.setAttribute('aria-modal', 'true');
  const title = el('h2', 'dialog-title', view.title?.text ?? '');
  dialog.setAttribute('aria-label', title.textContent);
  const close = el('button', 'close-button', '×');
  close.type = 'button';
  close.setAttribute('aria-label', 'Close');
  const header = el('header', 'dialog-header');
  header.append(title, close);
  const body = el('div', 'dialog-body');
  body.append(
    renderBlocks(view.blocks, {
      ...textContext,
      users: ui.state.users,
      conversations: ui.state.conversations,
      state: view.state?.values ?? {},
      fields,
      act: (action) =>
        attempt(() =>
          api('action', { as: me, viewId: view.id, values: readFields(fields), ...action }),
        ),
    }),
  );
  const footer = el('footer', 'dialog-footer');
  const cancel = el('button', 'bk-button', view.close?.text ?? 'Cancel');
  cancel.type = 'button';
  footer.append(cancel);
  const closeModal = () => attempt(() => api('close', { as: me, viewId: view.id }));
  close.addEventListener('click', closeModal);
  cancel.addEventListener('click', closeModal);
  if (view.submit) {
    const submit = el('button', 'bk-button primary', view.submit.text);
    submit.type = 'button';
    submit.addEventListener('click', async () => {
      // Slack's client checks required inputs before anything is sent.
      const missing = {};
      for (const field of fields) {
        const value = field.read();
        if (
          field.required &&
          (value === null || value === '' || (Array.isArray(value) && value.length === 0))
        )
          missing[field.blockId] = 'Please complete this required field.';
      }
      if (Object.keys(missing).length > 0) {
        showFieldErrors(dialog, missing);
        return;
      }
      submit.disabled = true;
      const answer = await attempt(() =>
        api('submit', { as: me, viewId: view.id, values: readFields(fields) }),
      );
      submit.disabled = false;
      if (answer && answer.ok === false) showFieldErrors(dialog, answer.errors ?? {});
      await refresh();
    });
    footer.append(submit);
  }
  dialog.append(header, body, footer);
  backdrop.append(dialog);
  root.append(backdrop);
}
