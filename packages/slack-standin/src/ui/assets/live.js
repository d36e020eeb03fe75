// Live updates: the server's event stream says when something changed; the badge shows the link.
import { uiPath } from './api.js';
import { $ } from './dom.js';

export function listen(onChange) {
  const status = $('connection');
  const events = new EventSource(uiPath('events'));
  events.addEventListener('open', () => {
    status.textContent = '● Live';
    status.className = 'connection live';
  });
  events.addEventListener('error', () => {
    status.textContent = 'Reconnecting…';
    status.className = 'connection';
  });
  events.addEventListener('change', onChange);
}
