// The outbox panel: the emails the app sent (deckhand: crew email), newest first, with links.
import { api, attempt } from './api.js';
import { $, el } from './dom.js';
import { ui } from './ui-state.js';

export async function refreshOutbox() {
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
          // The body as the crew member reads it: what the email says, not only its subject.
          if (m.body) item.append(el('pre', 'outbox-body', m.body));
          item.append(
            el(
              'div',
              'outbox-meta',
              [m.kind, m.date && new Date(m.date).toLocaleString([], { timeZoneName: 'short' })]
                .filter(Boolean)
                .join(' · '),
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
