/**
 * The two shapes every DynamoDB store repeats: a conditional write whose failed condition is an
 * answer (false) rather than an error, and a query read to its last page.
 */
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import {
  type DeleteCommand,
  type DynamoDBDocumentClient,
  type PutCommand,
  paginateQuery,
  type QueryCommandInput,
  type UpdateCommand,
} from '@aws-sdk/lib-dynamodb';

/** True when a write was refused because its ConditionExpression did not hold. */
export function isConditionFailure(error: unknown): boolean {
  return (
    error instanceof ConditionalCheckFailedException ||
    (error as Error | undefined)?.name === 'ConditionalCheckFailedException'
  );
}

/** Sends a conditional write: true when it was made, false when its condition did not hold. */
export async function sendConditional(
  doc: DynamoDBDocumentClient,
  command: PutCommand | UpdateCommand | DeleteCommand,
): Promise<boolean> {
  try {
    // The union of command types does not fit send's overloads; each one alone does.
    await doc.send(command as PutCommand);
    return true;
  } catch (error) {
    if (isConditionFailure(error)) return false;
    throw error;
  }
}

/**
 * Every item a query matches, following LastEvaluatedKey: one page holds at most 1 MB, and a
 * store that reads only the first would silently lose the rest.
 */
export async function queryAll(
  doc: DynamoDBDocumentClient,
  input: QueryCommandInput,
): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  for await (const page of paginateQuery({ client: doc }, input)) items.push(...(page.Items ?? []));
  return items;
}
