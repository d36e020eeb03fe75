/**
 * Fault rules (DECKHAND_FAULTS): for local runs and tests only, they make chosen external calls
 * slow, fail (transiently or for good), time out, or kill the process. See docs/RELIABILITY.md,
 * "Fault injection", for the syntax and examples.
 *
 * Compact form, rules separated by `;` or new lines:
 *
 *   TARGET[:OPERATION][~MATCH...]=KIND[:MS][@after][*TIMES]
 *
 *   calendar:POST=transient*2          the first 2 calendar POSTs answer 503, then all is well
 *   s3:PutObject~c/=permanent          every put of a crew page is refused
 *   dynamodb:UpdateItem~STEP#crew_event~REMOVE leaseOwner=kill@after*1
 *                                      SIGKILL right after crew_event is recorded done
 *
 * or a JSON array of the same rules as objects: [{"target":"calendar","kind":"timeout"}].
 */
import { z } from 'zod';

export const FAULT_TARGETS = ['calendar', 'scc', 's3', 'dynamodb', 'slack'] as const;
export const FAULT_KINDS = ['slow', 'transient', 'permanent', 'timeout', 'kill'] as const;

export type FaultTarget = (typeof FAULT_TARGETS)[number];
export type FaultKind = (typeof FAULT_KINDS)[number];

export const faultRuleSchema = z
  .object({
    target: z.enum(FAULT_TARGETS, {
      error: `target must be one of ${FAULT_TARGETS.join(', ')}`,
    }),
    /** HTTP method (calendar, scc), SDK command without "Command" (s3, dynamodb), Slack method. */
    operation: z.string().min(1).optional(),
    /** Substrings that must all appear in the call's description (URL path, S3 key, DynamoDB input). */
    match: z.array(z.string().min(1)).optional(),
    kind: z.enum(FAULT_KINDS, { error: `kind must be one of ${FAULT_KINDS.join(', ')}` }),
    /** slow: the delay; timeout: how long the call hangs (default: until the caller gives up). */
    ms: z.number().int().min(0).max(600_000).optional(),
    /** Make the call first, then fail: the side effect exists but the caller never hears of it. */
    after: z.boolean().optional(),
    /** Applies to this many matching calls, then lets every later one through (default: all). */
    times: z.number().int().min(1).optional(),
  })
  .strict();

export type FaultRule = z.infer<typeof faultRuleSchema>;

const COMPACT =
  /^(?<target>[a-z0-9]+)(?::(?<operation>[^~=]+))?(?<match>(?:~[^~=]+)*)=(?<kind>[a-z]+)(?::(?<ms>\d+))?(?<after>@after)?(?:\*(?<times>\d+))?$/;

/** One compact rule to its object form; throws with what is wrong. */
function parseCompactRule(text: string): Record<string, unknown> {
  const m = COMPACT.exec(text);
  if (!m?.groups) {
    throw new Error(
      `"${text}" is not a fault rule: write TARGET[:OPERATION][~MATCH]=KIND[:MS][@after][*TIMES], e.g. calendar:POST=transient*2`,
    );
  }
  const g = m.groups;
  return {
    target: g['target'],
    ...(g['operation'] ? { operation: g['operation'].trim() } : {}),
    ...(g['match'] ? { match: (g['match'] as string).split('~').slice(1) } : {}),
    kind: g['kind'],
    ...(g['ms'] ? { ms: Number(g['ms']) } : {}),
    ...(g['after'] ? { after: true } : {}),
    ...(g['times'] ? { times: Number(g['times']) } : {}),
  };
}

/**
 * DECKHAND_FAULTS text to rule objects (not yet validated: the zod schema does that). JSON when
 * it starts with `[`, otherwise the compact form.
 */
export function readFaultRules(text: string): unknown {
  const trimmed = text.trim();
  if (trimmed === '') return [];
  if (trimmed.startsWith('[')) return JSON.parse(trimmed);
  return trimmed
    .split(/[;\n]/)
    .map((rule) => rule.trim())
    .filter(Boolean)
    .map(parseCompactRule);
}

/** A rule back in the compact form, for messages and logs. */
export function describeFaultRule(rule: FaultRule): string {
  return `${rule.target}${rule.operation ? `:${rule.operation}` : ''}${(rule.match ?? [])
    .map((m) => `~${m}`)
    .join(
      '',
    )}=${rule.kind}${rule.ms === undefined ? '' : `:${rule.ms}`}${rule.after ? '@after' : ''}${rule.times === undefined ? '' : `*${rule.times}`}`;
}
