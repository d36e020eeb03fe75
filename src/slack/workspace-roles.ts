/**
 * Who may do what to a business from Slack, checked on the server for every button, modal
 * submission and job: admins (the installer, the workspace's admins and owners by `users.info`,
 * and the tenant's `slack.admins`) set up and edit the business; approvers (routing.mayApprove)
 * approve, cancel and reassign; crew answer their own assignments.
 */
import type { WebClient } from '@slack/web-api';
import type { Tenant } from '../tenants/tenant-schema.ts';
import type { SlackDeps } from './slack-deps.ts';

export interface AdminQuestion {
  teamId: string | undefined;
  enterpriseId?: string | undefined;
  userId: string;
  /** The workspace's business, when it has one (its `slack.admins` count). */
  tenant?: Tenant | undefined;
}

/**
 * True when `userId` may set up or edit the workspace's business. A failed `users.info` is a
 * "no" (logged), never a "yes".
 */
export async function isBusinessAdmin(
  deps: Pick<SlackDeps, 'installers' | 'logger'>,
  client: Pick<WebClient, 'users'>,
  question: AdminQuestion,
): Promise<boolean> {
  const { teamId, userId, tenant } = question;
  if (!teamId) return false;
  if (tenant?.slack?.admins.includes(userId)) return true;
  const installer = await deps.installers.installerOf(teamId, question.enterpriseId);
  if (installer === userId) return true;
  try {
    const info = await client.users.info({ user: userId });
    const user = info.user;
    // A guest or a person from another workspace (Slack Connect) is never this workspace's admin.
    if (!user || (user.team_id && user.team_id !== teamId)) return false;
    return user.is_admin === true || user.is_owner === true;
  } catch (error) {
    deps.logger.warn({ err: error, userId }, 'users.info failed: not treated as an admin');
    return false;
  }
}

/**
 * The business of a workspace: the tenant routing gives, when it is this workspace's (a
 * default tenant mapped to another workspace is not; one with no workspace serves every one).
 */
export function businessOfWorkspace(
  deps: Pick<SlackDeps, 'routing'>,
  teamId: string | undefined,
  userId: string,
): Tenant | undefined {
  const tenant = deps.routing.tenantFor({ teamId, userId });
  if (!tenant) return undefined;
  return !tenant.slack?.teamId || tenant.slack.teamId === teamId ? tenant : undefined;
}

/** True when the workspace has a business already (a tenant mapped to it, or one serving every workspace). */
export function workspaceHasBusiness(
  deps: Pick<SlackDeps, 'routing' | 'tenants'>,
  teamId: string | undefined,
  userId: string,
): boolean {
  return (
    businessOfWorkspace(deps, teamId, userId) !== undefined ||
    deps.tenants.list().some((t) => t.slack?.teamId === teamId)
  );
}

/**
 * The tenant `tenantId` when it is one of this workspace's businesses (a button or a form names
 * it; a name from another workspace gets nothing).
 */
export function businessNamed(
  deps: Pick<SlackDeps, 'routing' | 'tenants'>,
  teamId: string | undefined,
  userId: string,
  tenantId: string | undefined,
): Tenant | undefined {
  const tenant = deps.tenants.list().find((t) => t.id === tenantId);
  if (!tenant || !teamId) return undefined;
  if (tenant.slack?.teamId) return tenant.slack.teamId === teamId ? tenant : undefined;
  return businessOfWorkspace(deps, teamId, userId)?.id === tenant.id ? tenant : undefined;
}
