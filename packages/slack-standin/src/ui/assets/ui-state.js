// What the page shows and who acts: the last state from the server and the person's choices.

export const ui = {
  /** The person chosen in "You are" (channels); in a DM the DM's person acts. */
  chosen: null,
  channel: null,
  /** The app's Home tab is open in place of a conversation. */
  home: false,
  thread: null,
  state: null,
  modalKey: null,
  outbox: [],
};

export function conversation(id = ui.channel) {
  return ui.state?.conversations.find((c) => c.id === id);
}

/** In a DM, its person; in a channel, whoever "You are" names. */
export function actor() {
  const current = conversation();
  return current?.kind === 'im' ? current.user : (ui.chosen ?? ui.state?.me);
}

export function userName(id) {
  const user = ui.state?.users.find((u) => u.id === id);
  return user ? user.realName : id;
}

function channelName(id) {
  return conversation(id)?.name ?? id;
}

export const textContext = { userName, channelName };
