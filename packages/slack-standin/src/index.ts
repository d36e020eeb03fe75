/**
 * @deckhand/slack-standin: a local Slack for a Bolt app. Its Web API answers the app's
 * WebClient, it sends the app signed events, commands and interactions, and a browser
 * workspace lets a person use it. The one public entry point: nothing else is imported.
 */
export { BLOCK_KIT_LIMITS, type BlockSurface, checkBlocks, checkView } from './block-kit-rules.ts';
export {
  createOAuthStandIn,
  type Installed,
  type OAuthApp,
  type OAuthStandIn,
  type OAuthStandInOptions,
  type OAuthTeam,
  startOAuthStandIn,
} from './oauth-standin.ts';
export { signSlackRequest } from './slack-signature.ts';
export {
  createSlackStandInCore,
  type SlackStandInCore,
  type StandInInternals,
  startSlackStandIn,
} from './slack-standin.ts';
export type { DisconnectReason, SocketEnvelope, SocketModeControls } from './socket-mode-types.ts';
export { SILENT_LOGGER, type StandInLogger } from './standin-logger.ts';
export type { StandInRequest, StandInResponse } from './standin-server.ts';
export type {
  RecordedCall,
  SlackStandIn,
  StandInMessage,
  StandInOptions,
  StandInView,
} from './standin-types.ts';
export {
  type EmailSample,
  type EmailSource,
  type ForwardableEmail,
  PASTED_TEXT_ONLY,
  UnknownSampleError,
} from './ui/email-source.ts';
export {
  createMultiWorkspaceUi,
  type MultiWorkspaceUiOptions,
  type WorkspacePage,
} from './ui/multi-workspace-ui.ts';
export type { Outbox, OutboxMessage } from './ui/outbox.ts';
export {
  CONTENT_SECURITY_POLICY,
  createWorkspaceUi,
  type WorkspaceUi,
  type WorkspaceUiOptions,
} from './ui/workspace-routes.ts';
export type { FaultKind, WebApiFaultCall, WebApiFaults } from './web-api-faults.ts';
export { openWorkspaceFile, type WorkspaceFile } from './workspace-file.ts';
