/** Every item of one entity in a table, all pages (a scan reads 1 MB per call, before the filter). */
import { type DynamoDBDocumentClient, ScanCommand } from '@aws-sdk/lib-dynamodb';

export async function scanEntity(
  doc: DynamoDBDocumentClient,
  tableName: string,
  entity: string,
): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await doc.send(
      new ScanCommand({
        TableName: tableName,
        FilterExpression: 'entity = :e',
        ExpressionAttributeValues: { ':e': entity },
        ...(start ? { ExclusiveStartKey: start } : {}),
      }),
    );
    items.push(...(page.Items ?? []));
    start = page.LastEvaluatedKey;
  } while (start);
  return items;
}
