/** Turns zod issues into one readable line each: `path: message`. */
import type { z } from 'zod';

export function describeZodIssues(issues: readonly z.core.$ZodIssue[]): string[] {
  return issues.map((issue) => {
    const path = issue.path
      .map((part, i) =>
        typeof part === 'number' ? `[${part}]` : `${i === 0 ? '' : '.'}${String(part)}`,
      )
      .join('');
    return `${path || '(root)'}: ${issue.message}`;
  });
}
