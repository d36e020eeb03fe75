/**
 * The hook the Web API runs each call through to make it slow or failing. Shaped like deckhand's
 * FaultInjector (target `slack`, operation: the method), so the app's own fault rules drive it,
 * without the stand-in depending on them.
 */
export type FaultKind = 'transient' | 'permanent' | 'timeout';

export interface WebApiFaultCall {
  target: 'slack';
  /** The Web API method, e.g. chat.postMessage. */
  operation: string;
  /** The method and body, for rules that match on what was sent. */
  describe(): string;
  /** How long a `timeout` fault holds the answer: past the WebClient's own timeout. */
  hangMs: number;
}

export interface WebApiFaults {
  /** False when no rule is for Slack: calls then skip the hook entirely. */
  targets(target: 'slack'): boolean;
  apply<T>(
    call: WebApiFaultCall,
    run: () => Promise<T>,
    fail: (kind: FaultKind, message: string) => T | Promise<T>,
  ): Promise<T>;
}
