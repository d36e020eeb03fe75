// The open conversation: its messages (Block Kit, mrkdwn, email and uploaded files), reply counts, headers.
import { api, attempt } from './api.js';
import { renderBlocks } from './blocks.js';
import { $, el } from './dom.js';
import { renderMrkdwn } from './mrkdwn.js';
import { actor, conversation, textContext, ui, userName } from './ui-state.js';

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
  return new Date(Number(ts) * 1000).toLocaleTimeString([], {
    hour: 'numeric',
    minute: '2-digit',
    timeZoneName: 'short',
  });
}

/** Bytes as people read them: 812 B, 4.2 KB, 1.3 MB. */
function byteSize(bytes) {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/** A file the app uploaded: its title, name and size, and a link that downloads its bytes. */
function uploadCard(file) {
  const card = el('div', 'file-upload');
  card.append(el('div', 'file-kind', `📎 ${file.mimetype || 'File'}`));
  card.append(el('div', 'file-subject', file.title || file.name));
  const link = el('a', 'file-download', `${file.name} · ${byteSize(file.size)}`);
  link.href = file.url;
  link.download = file.name;
  link.rel = 'noopener';
  card.append(link);
  return card;
}

function emailCard(file) {
  const card = el('div', 'file-email');
  card.append(el('div', 'file-kind', '📧 Email'));
  card.append(el('div', 'file-subject', file.subject ?? file.title));
  if (file.from) card.append(el('div', 'file-from', `From ${file.from}`));
  card.append(el('pre', 'file-preview', file.preview));
  return card;
}

/** One message; in the channel, its replies as a link that calls `openThread`. */
export function messageNode(message, { replies = [], inThread = false, openThread } = {}) {
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
  for (const file of message.files)
    main.append(file.kind === 'upload' ? uploadCard(file) : emailCard(file));
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
export function fill(list, messages, build) {
  const key = JSON.stringify([actor(), messages]);
  if (shown.get(list) === key) return;
  shown.set(list, key);
  const nodes = build();
  const atBottom = list.scrollHeight - list.scrollTop - list.clientHeight < 40;
  list.replaceChildren(...nodes);
  if (atBottom) list.scrollTop = list.scrollHeight;
}

export function drawChannel(openThread) {
  const current = conversation();
  if (!current) return;
  $('composer').hidden = false;
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
    const nodes = top.map((m) => messageNode(m, { replies: replies.get(m.ts) ?? [], openThread }));
    if (nodes.length === 0)
      nodes.push(
        el('div', 'empty', 'Nothing here yet. Forward a sample email, or type /charter help.'),
      );
    return nodes;
  });
}
