// The local Slack workspace: channels and DMs, threads, modals, the email forwarder and the
// crew outbox. Everything it does goes through /standin/ui/, which acts through the Slack
// stand-in exactly as a person in Slack would; server-sent events say when to redraw.
import { renderBlocks } from './blocks.js';
import { renderMrkdwn } from './mrkdwn.js';

const $ = (id) => document.getElementById(id);

function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

const ui = {
  /** The person chosen in "You are" (channels); in a DM the DM's person acts. */
  chosen: null,
  channel: null,
  thread: null,
  state: null,
  modalKey: null,
  outbox: [],
};

// ---------------------------------------------------------------------------------------------
// Talking to the server

async function api(path, body) {
  const response = await fetch(`/standin/ui/${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = await response.json().catch(() => ({}));
  if (!response.ok) throw new Error(json.error ?? `HTTP ${response.status}`);
  return json;
}

let toastTimer;
function toast(message) {
  const box = $('toast');
  box.textContent = message;
  box.hidden = false;
  clearTimeout(toastTimer);
  toastTimer = setTimeout(() => {
    box.hidden = true;
  }, 8000);
}

/** Runs an action against the server; failures show as a toast, as Slack shows its own. */
async function attempt(run) {
  try {
    return await run();
  } catch (error) {
    toast(error.message);
    return undefined;
  }
}

// ---------------------------------------------------------------------------------------------
// Who is acting, and where

function conversation(id = ui.channel) {
  return ui.state?.conversations.find((c) => c.id === id);
}

/** In a DM, its person; in a channel, whoever "You are" names. */
function actor() {
  const current = conversation();
  return current?.kind === 'im' ? current.user : (ui.chosen ?? ui.state?.me);
}

function userName(id) {
  const user = ui.state?.users.find((u) => u.id === id);
  return user ? user.realName : id;
}

function channelName(id) {
  return conversation(id)?.name ?? id;
}

const textContext = { userName, channelName };

// ---------------------------------------------------------------------------------------------
// Rendering

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
      const query = new URLSearchParams({ channel: ui.channel ?? '' });
      const me = actor();
      if (me) query.set('as', me);
      const state = await attempt(() => api(`state?${query}`));
      if (state) {
        ui.state = state;
        ui.channel = state.channel;
        ui.chosen ??= state.me;
        draw();
      }
    } while (again);
    refreshing = null;
  })();
  return refreshing;
}

function draw() {
  drawSidebar();
  drawChannel();
  drawThread();
  drawModal();
}

/** What the conversation lists were last drawn from. */
let drawnListKey = '';

function drawSidebar() {
  const { state } = ui;
  $('team-name').textContent = state.teamName;
  const acting = $('acting-as');
  const people = state.users.filter((u) => !u.isBot);
  if (acting.options.length !== people.length) {
    acting.replaceChildren(
      ...people.map((u) => {
        const option = el('option', '', u.realName);
        option.value = u.id;
        return option;
      }),
    );
  }
  acting.value = ui.chosen;
  const item = (c) => {
    const li = el('li');
    const link = el('button', `nav-item${c.id === ui.channel ? ' active' : ''}`);
    link.type = 'button';
    link.textContent = c.kind === 'im' ? `💬 ${c.name}` : `# ${c.name}`;
    link.addEventListener('click', () => openChannel(c.id));
    li.append(link);
    return li;
  };
  // Rebuilt only when a name, the list or the open conversation changed: live updates arrive
  // many times a second while a pipeline runs, and a button replaced between mouse-down and
  // mouse-up loses its click.
  const listKey = JSON.stringify([
    ui.channel,
    state.conversations.map((c) => [c.id, c.kind, c.name]),
  ]);
  if (listKey !== drawnListKey) {
    drawnListKey = listKey;
    $('channel-list').replaceChildren(
      ...state.conversations.filter((c) => c.kind !== 'im').map(item),
    );
    $('dm-list').replaceChildren(...state.conversations.filter((c) => c.kind === 'im').map(item));
  }
  const targets = $('forward-channel');
  const channels = state.conversations.filter((c) => c.kind !== 'im');
  if (targets.options.length !== channels.length)
    targets.replaceChildren(
      ...channels.map((c) => {
        const option = el('option', '', `#${c.name}`);
        option.value = c.id;
        return option;
      }),
    );
}

const initials = (name) =>
  name
    .split(/\s+/)
    .map((w) => w[0] ?? '')
    .join('')
    .slice(0, 2)
    .toUpperCase();

function avatarClass(id) {
  let hash = 0;
  for (const ch of id) hash = (hash * 31 + ch.charCodeAt(0)) >>> 0;
  return `avatar avatar-${hash % 6}`;
}

function time(ts) {
  return new Date(Number(ts) * 1000).toLocaleTimeString([], { hour: 'numeric', minute: '2-digit' });
}

function emailCard(file) {
  const card = el('div', 'file-email');
  card.append(el('div', 'file-kind', '📧 Email'));
  card.append(el('div', 'file-subject', file.subject ?? file.title));
  if (file.from) card.append(el('div', 'file-from', `From ${file.from}`));
  card.append(el('pre', 'file-preview', file.preview));
  return card;
}

function messageNode(message, { replies = [], inThread = false } = {}) {
  const node = el('div', `message${message.ephemeral ? ' ephemeral' : ''}`);
  node.dataset.ts = message.ts;
  const author = message.isBot ? 'deckhand' : userName(message.user);
  const avatar = el(
    'div',
    message.isBot ? 'avatar avatar-app' : avatarClass(message.user),
    message.isBot ? '⚓' : initials(author),
  );
  const main = el('div', 'message-main');
  const meta = el('div', 'message-meta');
  meta.append(el('span', 'author', author));
  if (message.isBot) meta.append(el('span', 'app-badge', 'APP'));
  meta.append(el('time', 'message-time', time(message.ts)));
  if (message.edited) meta.append(el('span', 'edited', '(edited)'));
  if (message.ephemeral) meta.append(el('span', 'only-you', 'Only visible to you'));
  main.append(meta);
  if (message.blocks?.length) {
    main.append(
      renderBlocks(message.blocks, {
        ...textContext,
        users: ui.state.users,
        conversations: ui.state.conversations,
        act: (action) =>
          attempt(() =>
            api('action', { as: actor(), channel: ui.channel, messageTs: message.ts, ...action }),
          ),
      }),
    );
  } else if (message.text) {
    const text = el('div', 'message-text');
    text.append(renderMrkdwn(message.text, textContext));
    main.append(text);
  }
  for (const file of message.files) main.append(emailCard(file));
  if (!inThread && replies.length > 0) {
    const link = el(
      'button',
      'replies-link',
      `${replies.length} ${replies.length === 1 ? 'reply' : 'replies'}`,
    );
    link.type = 'button';
    link.addEventListener('click', () => openThread(message.ts));
    const last = el('span', 'replies-last', `Last reply ${time(replies.at(-1).ts)}`);
    const bar = el('div', 'replies');
    bar.append(link, last);
    main.append(bar);
  }
  node.append(avatar, main);
  return node;
}

/** What each message list shows now: a redraw that would show the same is skipped. */
const shown = new WeakMap();

/**
 * Redraws a message list from `messages` (when they changed), staying at the bottom if it was
 * there. Skipping unchanged redraws keeps focus, open selects and the page still.
 */
function fill(list, messages, build) {
  const key = JSON.stringify([actor(), messages]);
  if (shown.get(list) === key) return;
  shown.set(list, key);
  const nodes = build();
  const atBottom = list.scrollHeight - list.scrollTop - list.clientHeight < 40;
  list.replaceChildren(...nodes);
  if (atBottom) list.scrollTop = list.scrollHeight;
}

function drawChannel() {
  const current = conversation();
  if (!current) return;
  $('channel-title').textContent =
    current.kind === 'im' ? `💬 ${current.name}` : `# ${current.name}`;
  $('channel-note').textContent =
    current.kind === 'im'
      ? `deckhand's DM with ${current.name}: you act as ${current.name} here.`
      : `You act as ${userName(actor())}. Type /charter … to book by command.`;
  $('composer-text').placeholder =
    current.kind === 'im'
      ? `Message deckhand as ${current.name}`
      : `Message #${current.name}, or /charter June 2 10am 2h $500 for Sam Lee party of 4`;
  const replies = new Map();
  const top = [];
  for (const message of ui.state.messages) {
    if (message.threadTs && message.threadTs !== message.ts) {
      if (!replies.has(message.threadTs)) replies.set(message.threadTs, []);
      replies.get(message.threadTs).push(message);
    } else top.push(message);
  }
  fill($('messages'), [ui.channel, ui.state.messages], () => {
    const nodes = top.map((m) => messageNode(m, { replies: replies.get(m.ts) ?? [] }));
    if (nodes.length === 0)
      nodes.push(
        el('div', 'empty', 'Nothing here yet. Forward a sample email, or type /charter help.'),
      );
    return nodes;
  });
}

function drawThread() {
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

// ---------------------------------------------------------------------------------------------
// Modals

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

function drawModal() {
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

// ---------------------------------------------------------------------------------------------
// Navigation, composers and panels

function openChannel(id) {
  ui.channel = id;
  ui.thread = null;
  refresh();
}

function openThread(ts) {
  ui.thread = ts;
  closePanels();
  drawThread();
}

function closePanels() {
  $('forward').hidden = true;
  $('outbox').hidden = true;
}

/** Opens the forwarder or the outbox in the side column, in place of the thread. */
function showPanel(id) {
  closePanels();
  $(id).hidden = false;
  drawThread();
}

function hidePanel(id) {
  $(id).hidden = true;
  drawThread();
}

function composer(form, textarea, threadTs) {
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

async function openForward() {
  showPanel('forward');
  $('forward-channel').value =
    conversation()?.kind === 'im' ? $('forward-channel').value : ui.channel;
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

async function forward(event) {
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
  ui.channel = channel;
  ui.thread = sent.ts;
  await refresh();
}

async function refreshOutbox() {
  const answer = await attempt(() => api('outbox'));
  if (!answer) return;
  ui.outbox = answer.messages;
  $('outbox-count').textContent = ui.outbox.length ? String(ui.outbox.length) : '';
  $('outbox-list').replaceChildren(
    ...(ui.outbox.length === 0
      ? [el('li', 'empty', 'No crew email yet: approve a charter first.')]
      : ui.outbox.map((m) => {
          const item = el('li', 'outbox-item');
          item.append(el('div', 'outbox-to', m.to));
          item.append(el('div', 'outbox-subject', m.subject));
          item.append(
            el(
              'div',
              'outbox-meta',
              [m.kind, m.date && new Date(m.date).toLocaleString()].filter(Boolean).join(' · '),
            ),
          );
          if (m.link) {
            const link = el('a', 'bk-button primary outbox-link', 'Open magic link');
            link.href = m.link;
            link.target = '_blank';
            link.rel = 'noopener';
            item.append(link);
          }
          return item;
        })),
  );
}

function listen() {
  const status = $('connection');
  const events = new EventSource('/standin/ui/events');
  events.addEventListener('open', () => {
    status.textContent = '● Live';
    status.className = 'connection live';
  });
  events.addEventListener('error', () => {
    status.textContent = 'Reconnecting…';
    status.className = 'connection';
  });
  events.addEventListener('change', () => {
    refresh();
    refreshOutbox();
  });
}

function start() {
  $('acting-as').addEventListener('change', (event) => {
    ui.chosen = event.target.value;
    if (conversation()?.kind === 'im') ui.channel = null;
    refresh();
  });
  $('close-thread').addEventListener('click', () => {
    ui.thread = null;
    drawThread();
  });
  $('open-forward').addEventListener('click', openForward);
  $('close-forward').addEventListener('click', () => hidePanel('forward'));
  $('open-outbox').addEventListener('click', () => {
    showPanel('outbox');
    refreshOutbox();
  });
  $('close-outbox').addEventListener('click', () => hidePanel('outbox'));
  $('forward-form').addEventListener('submit', forward);
  composer($('composer'), $('composer-text'), () => null);
  composer($('thread-composer'), $('thread-text'), () => ui.thread);
  listen();
  refresh();
  refreshOutbox();
}

start();
