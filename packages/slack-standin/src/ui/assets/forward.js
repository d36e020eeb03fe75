// The email forwarder: a sample or pasted email filed in a channel, as Slack's email forwarding
// does; the page then opens the new message's thread.
import { api, attempt } from './api.js';
import { $, el } from './dom.js';
import { closePanels, showPanel } from './thread.js';
import { conversation, ui } from './ui-state.js';

export async function openForward() {
  showPanel('forward');
  const current = conversation();
  if (current && current.kind !== 'im') $('forward-channel').value = current.id;
  const { samples } = (await attempt(() => api('samples'))) ?? { samples: [] };
  const select = $('forward-sample');
  const none = el('option', '', '— paste instead —');
  none.value = '';
  select.replaceChildren(
    ...samples.map((s) => {
      const option = el('option', '', `${s.name.replace(/\.eml$/, '')}: ${s.subject}`);
      option.value = s.name;
      return option;
    }),
    none,
  );
}

export async function forward(event, refresh) {
  event.preventDefault();
  const text = $('forward-text').value;
  const sample = $('forward-sample').value;
  const channel = $('forward-channel').value;
  const button = $('forward-send');
  button.disabled = true;
  const sent = await attempt(() =>
    api('forward', { as: ui.chosen, channel, ...(text.trim() ? { text } : { sample }) }),
  );
  button.disabled = false;
  if (!sent) return;
  $('forward-text').value = '';
  closePanels();
  ui.home = false;
  ui.channel = channel;
  ui.thread = sent.ts;
  await refresh();
}
