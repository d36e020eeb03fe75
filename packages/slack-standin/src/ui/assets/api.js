// Talking to the server: the JSON API under /standin/ui/, its refusals shown as a toast.
import { $ } from './dom.js';

/** The workspace this page shows (`?team=T…`), when the stand-in has several. */
export const teamParam = new URLSearchParams(location.search).get('team');

/** A UI path with the page's workspace, if it names one. */
export function uiPath(path) {
  if (!teamParam) return `/standin/ui/${path}`;
  return `/standin/ui/${path}${path.includes('?') ? '&' : '?'}team=${encodeURIComponent(teamParam)}`;
}

export async function api(path, body) {
  const response = await fetch(uiPath(path), {
    method: body === undefined ? 'GET' : 'POST',
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = await response.json().catch(() => ({}));
  if (!response.ok) throw new Error(json.error ?? `HTTP ${response.status}`);
  return json;
}

let toastTimer;
export function toast(message) {
  const box = $('toast');
  box.textContent = message;
  box.hidden = false;
  clearTimeout(toastTimer);
  toastTimer = setTimeout(() => {
    box.hidden = true;
  }, 8000);
}

/** Runs an action against the server; failures show as a toast, as Slack shows its own. */
export async function attempt(run) {
  try {
    return await run();
  } catch (error) {
    toast(error.message);
    return undefined;
  }
}
