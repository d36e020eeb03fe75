// The app's Home tab: opening it sends app_home_opened as Slack does, and the view the app
// published for the person (views.publish) is drawn in place of a conversation; its buttons act
// with the Home view's id, as Slack's block_actions from a Home tab carry it.
import { api, attempt } from './api.js';
import { renderBlocks } from './blocks.js';
import { $, el } from './dom.js';
import { fill } from './messages.js';
import { actor, textContext, ui } from './ui-state.js';

/** Opens the Home tab for whoever acts now; `refresh` redraws once the app has answered. */
export async function openHome(refresh) {
  ui.home = true;
  ui.channel = null;
  ui.thread = null;
  await attempt(() => api('home', { as: actor() }));
  await refresh();
}

export function drawHome() {
  const home = ui.state.home;
  $('channel-title').textContent = '🏠 deckhand';
  $('channel-note').textContent =
    `The app's Home tab, as ${textContext.userName(actor())} sees it.`;
  $('composer').hidden = true;
  fill($('messages'), ['home', home], () => {
    if (!home) return [el('div', 'empty', 'deckhand has not published a Home tab for you yet.')];
    const node = el('div', 'home-view');
    node.append(
      renderBlocks(home.blocks, {
        ...textContext,
        users: ui.state.users,
        conversations: ui.state.conversations,
        act: (action) => attempt(() => api('action', { as: actor(), viewId: home.id, ...action })),
      }),
    );
    return [node];
  });
}
