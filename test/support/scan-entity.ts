/** Every item of one entity in a table, all pages (a scan reads 1 MB per call, before the filter). */
import { type DynamoDBDocumentClient, paginateScan } from '@aws-sdk/lib-dynamodb';

export async function scanEntity(
  doc: DynamoDBDocumentClient,
  tableName: string,
  entity: string,
): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  const pages = paginateScan(
    { client: doc },
    {
      TableName: tableName,
      FilterExpression: 'entity = :e',
      ExpressionAttributeValues: { ':e': entity },
    },
  );
  for await (const page of pages) items.push(...(page.Items ?? []));
  return items;
}
