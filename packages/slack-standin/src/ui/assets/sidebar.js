// The sidebar: the team, "You are", the channel and DM lists, and the forwarder's channels.
import { $, el } from './dom.js';
import { ui } from './ui-state.js';

/** What the conversation lists were last drawn from. */
let drawnListKey = '';

export function drawSidebar(openChannel) {
  const { state } = ui;
  $('team-name').textContent = state.teamName;
  const switcher = $('workspace-switch');
  $('workspace-switch-label').hidden = state.workspaces.length < 2;
  if (switcher.options.length !== state.workspaces.length) {
    switcher.replaceChildren(
      ...state.workspaces.map((w) => {
        const option = el('option', '', w.teamName);
        option.value = w.teamId;
        return option;
      }),
    );
  }
  switcher.value = state.teamId;
  $('open-home').classList.toggle('active', ui.home);
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
    const link = el('button', `nav-item${c.id === ui.channel && !ui.home ? ' active' : ''}`);
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
    ui.home ? null : ui.channel,
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
