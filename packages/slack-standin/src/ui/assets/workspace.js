// The local Slack workspace: channels and DMs, threads, modals, the email forwarder and the
// outbox. Everything it does goes through /standin/ui/, which acts through the Slack stand-in
// exactly as a person in Slack would; server-sent events say when to redraw. This module
// wires the page; each concern is its own module beside it.
import { api, attempt } from './api.js';
import { composer } from './composer.js';
import { $ } from './dom.js';
import { forward, openForward } from './forward.js';
import { drawHome, openHome } from './home.js';
import { listen } from './live.js';
import { drawChannel } from './messages.js';
import { drawModal } from './modal.js';
import { refreshOutbox } from './outbox.js';
import { drawSidebar } from './sidebar.js';
import { closeThread, drawThread, hidePanel, openThread, showPanel } from './thread.js';
import { actor, conversation, ui } from './ui-state.js';

let refreshing = null;
let again = false;

/** Fetches the state and redraws; calls while one runs are folded into one more. */
function refresh() {
  if (refreshing) {
    again = true;
    return refreshing;
  }
  refreshing = (async () => {
    do {
      again = false;
      const asked = viewKey();
      const query = new URLSearchParams({ channel: ui.home ? '' : (ui.channel ?? '') });
      const me = actor();
      if (me) query.set('as', me);
      const state = await attempt(() => api(`state?${query}`));
      // A click while this request was in flight (another channel, Home, another person) makes
      // its answer stale: adopting it would put the old channel back and lose the click. Ask
      // again for what the page shows now instead.
      if (viewKey() !== asked) {
        again = true;
        continue;
      }
      if (state) {
        ui.state = state;
        if (!ui.home) ui.channel = state.channel;
        ui.chosen ??= state.me;
        draw();
      }
    } while (again);
    refreshing = null;
  })();
  return refreshing;
}

/** What a state request asks for: the open conversation (or Home) and who acts. */
function viewKey() {
  return JSON.stringify([ui.home, ui.home ? null : ui.channel, actor()]);
}

function draw() {
  drawSidebar(openChannel);
  if (ui.home) drawHome();
  else drawChannel(openThread);
  drawThread();
  drawModal(refresh);
}

function openChannel(id) {
  ui.home = false;
  ui.channel = id;
  ui.thread = null;
  refresh();
}

function start() {
  $('acting-as').addEventListener('change', (event) => {
    ui.chosen = event.target.value;
    // Another person opening the Home tab is another app_home_opened.
    if (ui.home) {
      openHome(refresh);
      return;
    }
    if (conversation()?.kind === 'im') ui.channel = null;
    refresh();
  });
  $('open-home').addEventListener('click', () => openHome(refresh));
  $('workspace-switch').addEventListener('change', (event) => {
    // Each workspace is a page of its own, as in Slack (app.slack.com/client/T…).
    const url = new URL(location.href);
    url.searchParams.set('team', event.target.value);
    location.assign(url.toString());
  });
  $('close-thread').addEventListener('click', closeThread);
  $('open-forward').addEventListener('click', openForward);
  $('close-forward').addEventListener('click', () => hidePanel('forward'));
  $('open-outbox').addEventListener('click', () => {
    showPanel('outbox');
    refreshOutbox();
  });
  $('close-outbox').addEventListener('click', () => hidePanel('outbox'));
  $('forward-form').addEventListener('submit', (event) => forward(event, refresh));
  composer($('composer'), $('composer-text'), () => null, refresh);
  composer($('thread-composer'), $('thread-text'), () => ui.thread, refresh);
  listen(() => {
    refresh();
    refreshOutbox();
  });
  refresh();
  refreshOutbox();
}

start();
