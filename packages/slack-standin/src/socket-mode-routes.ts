/**
 * The stand-in's Socket Mode routes: `apps.connections.open` on the Web API (the app-level token,
 * not the bot token), and `POST /socket-mode/disconnect?reason=…` and `POST /socket-mode/drop`,
 * to force a reconnect from outside a test (curl, the browser workspace).
 */
import { SlackApiError } from './slack-api-error.ts';
import type { DisconnectReason, SocketModeServer } from './socket-mode.ts';
import { jsonResponse, type StandInRequest, type StandInResponse } from './standin-server.ts';
import type { RecordedCall } from './standin-types.ts';
import { readWebApiCall } from './web-api-args.ts';

const REASONS = new Set<string>(['refresh_requested', 'warning', 'link_disabled']);

/** Answers a Socket Mode route, or undefined when the request is not one. */
export function handleSocketModeRoute(
  socketMode: SocketModeServer,
  request: StandInRequest,
  record: (call: RecordedCall) => void,
  now: () => number,
): StandInResponse | undefined {
  if (request.path === '/api/apps.connections.open') {
    let args: Record<string, unknown> = {};
    let answer: Record<string, unknown>;
    try {
      const call = readWebApiCall(request.headers, request.query, request.body);
      args = call.args;
      answer = socketMode.openConnection(call.token);
    } catch (error) {
      if (!(error instanceof SlackApiError)) throw error;
      answer = { ok: false, error: error.code };
    }
    record({ method: 'apps.connections.open', args, response: answer, at: now() });
    return jsonResponse(200, answer);
  }
  if (request.method !== 'POST') return undefined;
  if (request.path === '/socket-mode/drop') {
    const connections = socketMode.connections();
    socketMode.drop();
    return jsonResponse(200, { ok: true, dropped: connections });
  }
  if (request.path === '/socket-mode/disconnect') {
    const reason = request.query.get('reason') ?? 'refresh_requested';
    if (!REASONS.has(reason))
      return jsonResponse(400, {
        ok: false,
        error: `reason must be one of ${[...REASONS].join(', ')}, not "${reason}"`,
      });
    const connections = socketMode.connections();
    socketMode.disconnect(reason as DisconnectReason);
    return jsonResponse(200, { ok: true, disconnected: connections });
  }
  return undefined;
}
