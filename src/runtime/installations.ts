/**
 * The Slack installation store of OAuth installs, on the one table: tokens sealed by AWS KMS when
 * DECKHAND_KMS_KEY_ID is set (AWS), else by the data folder's key file (local mode).
 */
import { KMSClient } from '@aws-sdk/client-kms';
import type { Config } from '../config/config.ts';
import type { AwsClients } from '../storage/aws-clients.ts';
import { DynamoInstallationStore } from '../storage/dynamo-installation-store.ts';
import { KmsTokenCipher } from '../storage/kms-token-cipher.ts';
import { loadLocalTokenCipher } from '../storage/local-token-cipher.ts';

export async function createInstallationStore(
  config: Config,
  clients: AwsClients,
): Promise<{ installations: DynamoInstallationStore; close(): void }> {
  if (config.slack.kmsKeyId) {
    const kms = new KMSClient({ region: config.aws.region, maxAttempts: 3 });
    return {
      installations: new DynamoInstallationStore(
        clients.doc,
        config.tableName,
        new KmsTokenCipher(kms, config.slack.kmsKeyId),
      ),
      close: () => kms.destroy(),
    };
  }
  return {
    installations: new DynamoInstallationStore(
      clients.doc,
      config.tableName,
      await loadLocalTokenCipher(config.dataDir),
    ),
    close: () => undefined,
  };
}
