// The side column: a thread, or in its place the email forwarder or the outbox.
import { $ } from './dom.js';
import { fill, messageNode } from './messages.js';
import { ui } from './ui-state.js';

export function drawThread() {
  const panel = $('thread');
  const messages = ui.state.messages.filter((m) => m.ts === ui.thread || m.threadTs === ui.thread);
  // One side panel at a time: the forwarder or the outbox covers the thread while open.
  const covered = !$('forward').hidden || !$('outbox').hidden;
  if (!ui.thread || messages.length === 0 || covered) {
    panel.hidden = true;
    return;
  }
  panel.hidden = false;
  fill($('thread-messages'), [ui.thread, messages], () =>
    messages.map((m, index) => {
      const node = messageNode(m, { inThread: true });
      if (index === 0) node.classList.add('thread-parent');
      return node;
    }),
  );
}

export function openThread(ts) {
  ui.thread = ts;
  closePanels();
  drawThread();
}

export function closeThread() {
  ui.thread = null;
  drawThread();
}

export function closePanels() {
  $('forward').hidden = true;
  $('outbox').hidden = true;
}

/** Opens the forwarder or the outbox in the side column, in place of the thread. */
export function showPanel(id) {
  closePanels();
  $(id).hidden = false;
  drawThread();
}

export function hidePanel(id) {
  $(id).hidden = true;
  drawThread();
}
