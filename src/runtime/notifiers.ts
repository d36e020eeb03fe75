/** How crew are told: the extra notifiers (Slack DMs), then email by SES or the local outbox. */
import { SESv2Client } from '@aws-sdk/client-sesv2';
import type { Config } from '../config/config.ts';
import { CompositeCrewNotifier, type CrewNotifier } from '../crew/crew-notifier.ts';
import { BuiltInEmailNotifier, SesEmailNotifier } from '../crew/email-crew-notifier.ts';
import type { Logger } from '../logging/logger.ts';
import type { TenantRegistry } from '../tenants/tenant-registry.ts';

export function createCrewNotifier(
  config: Config,
  tenants: TenantRegistry,
  logger: Logger,
  extra: CrewNotifier[] = [],
): CrewNotifier {
  const email: CrewNotifier = config.sesFrom
    ? new SesEmailNotifier({
        ses: new SESv2Client({ region: config.aws.region }),
        from: () => config.sesFrom as string,
      })
    : new BuiltInEmailNotifier({
        dataDir: config.dataDir,
        from: (m) => `crew@${tenants.get(m.tenant.id).domain}`,
        logger,
      });
  return new CompositeCrewNotifier([...extra, email]);
}
