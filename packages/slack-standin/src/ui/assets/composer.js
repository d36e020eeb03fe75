// The message composers (channel and thread): Enter sends, Shift+Enter is a new line; what
// could not be sent stays in the box.
import { api, attempt } from './api.js';
import { actor, ui } from './ui-state.js';

/** Wires one composer; `threadTs()` says which thread it replies in (null: the channel). */
export function composer(form, textarea, threadTs, refresh) {
  const send = async () => {
    const text = textarea.value;
    if (!text.trim()) return;
    textarea.value = '';
    const sent = await attempt(() =>
      api('message', {
        as: actor(),
        channel: ui.channel,
        text,
        ...(threadTs() ? { threadTs: threadTs() } : {}),
      }),
    );
    if (!sent) textarea.value = text;
    await refresh();
  };
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    send();
  });
  textarea.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && !event.shiftKey) {
      event.preventDefault();
      send();
    }
  });
}
