/**
 * Where fault rules meet the calls: a `fetch` for the calendar and SCC clients, and AWS SDK
 * middleware for the S3 and DynamoDB clients. Failures look like the real thing at each place:
 * a 503 or a 422 from the service, an SDK error the SDK's own retry policy and deckhand's
 * classifier treat as they would a real one, or a hang until the caller's timeout.
 */
import type { FaultInjector } from './fault-injector.ts';
import type { FaultTarget } from './fault-rules.ts';

const PERMANENT_HINT = 'remove the rule from DECKHAND_FAULTS, then retry the step';

/** A fetch for one HTTP service (calendar or SCC) that honours the rules for that target. */
export function faultyFetch(
  injector: FaultInjector,
  target: FaultTarget,
  fetchImpl: typeof globalThis.fetch,
): typeof globalThis.fetch {
  return async (input, init) => {
    if (!injector.targets(target)) return fetchImpl(input, init);
    const url = new URL(input instanceof Request ? input.url : String(input));
    const method = (init?.method ?? 'GET').toUpperCase();
    const signal = init?.signal ?? undefined;
    return injector.apply<Response>(
      {
        target,
        operation: method,
        describe: () => `${method} ${url.pathname}`,
        signal,
        hangMs: 30_000,
        discard: async (response) => {
          await response.arrayBuffer().catch(() => undefined);
        },
      },
      () => fetchImpl(input, init),
      (kind, message) => {
        if (kind === 'timeout')
          throw signal?.reason ?? new DOMException(`${message}: timed out`, 'TimeoutError');
        const status = kind === 'transient' ? 503 : 422;
        const text = kind === 'transient' ? message : `${message}: ${PERMANENT_HINT}`;
        return new Response(JSON.stringify({ error: 'injected_fault', message: text }), {
          status,
          headers: { 'content-type': 'application/json' },
        });
      },
    );
  };
}

/** The part of an SDK command's input that rules match: S3 bucket/key, DynamoDB input as JSON. */
function describeAwsInput(target: FaultTarget, input: Record<string, unknown>): string {
  if (target === 's3')
    return `${String(input['Bucket'] ?? '')}/${String(input['Key'] ?? input['Prefix'] ?? '')}`;
  return JSON.stringify(input);
}

function awsFaultError(kind: 'transient' | 'permanent' | 'timeout', message: string): Error {
  if (kind === 'timeout') {
    // What the SDK's HTTP handler throws when a socket times out: retried by the SDK.
    return Object.assign(new Error(`${message}: request timed out`), {
      name: 'TimeoutError',
      code: 'ETIMEDOUT',
      $metadata: {},
    });
  }
  if (kind === 'transient') {
    return Object.assign(new Error(message), {
      name: 'ServiceUnavailable',
      $fault: 'server',
      $metadata: { httpStatusCode: 503 },
    });
  }
  return Object.assign(new Error(`${message}: ${PERMANENT_HINT}`), {
    name: 'ValidationException',
    $fault: 'client',
    $metadata: { httpStatusCode: 400 },
  });
}

/** The slice of an SDK client this needs (S3Client, DynamoDBClient). */
interface MiddlewareClient {
  middlewareStack: {
    add(
      middleware: (
        next: (args: { input: object }) => Promise<unknown>,
        context: { commandName?: string },
      ) => (args: { input: object }) => Promise<unknown>,
      options: { step: 'finalizeRequest'; priority: 'low'; name: string },
    ): void;
  };
}

/**
 * Adds the rules for `target` to an SDK client. In the finalizeRequest step with low priority,
 * so it runs inside the SDK's retry middleware: each attempt meets the rules, as a real fault
 * of the service would.
 */
export function addAwsFaults(client: unknown, injector: FaultInjector, target: FaultTarget): void {
  (client as MiddlewareClient).middlewareStack.add(
    (next, context) => async (args) => {
      if (!injector.targets(target)) return next(args);
      return injector.apply(
        {
          target,
          operation: (context.commandName ?? '').replace(/Command$/, ''),
          describe: () => describeAwsInput(target, args.input as Record<string, unknown>),
          hangMs: 5_000,
        },
        () => next(args),
        (kind, message) => {
          throw awsFaultError(kind, message);
        },
      );
    },
    { step: 'finalizeRequest', priority: 'low', name: 'deckhandFaults' },
  );
}
