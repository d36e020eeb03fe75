/** Names and emails of the Slack users picked in the business settings modal, from users.info. */
import type { WebClient } from '@slack/web-api';
import type { WorkspacePerson } from '../../views/business-settings-submission.ts';
import type { Logger } from '../logging/logger.ts';

/** Each user that users.info describes; one it cannot is left out (the modal shows their id). */
export async function lookUpPeople(
  client: Pick<WebClient, 'users'>,
  logger: Logger,
  userIds: readonly string[],
): Promise<Map<string, WorkspacePerson>> {
  const found = await Promise.all(
    userIds.map(async (id) => {
      try {
        const { user } = await client.users.info({ user: id });
        const name = user?.real_name || user?.profile?.real_name || user?.name;
        if (!name) return undefined;
        const email = user?.profile?.email;
        return [id, { name, ...(email ? { email } : {}) }] as const;
      } catch (error) {
        logger.warn({ err: error, userId: id }, 'users.info failed for a picked crew member');
        return undefined;
      }
    }),
  );
  return new Map(found.filter((f) => f !== undefined));
}
