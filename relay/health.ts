import type { RuleManager } from './rules/rule-manager.ts';
import type { RelayStore } from './store/store.ts';
import type { StreamHolder, StreamState } from './stream/stream-holder.ts';

/** `GET /healthz`: what an operator checks first. */
export interface Health {
  ok: boolean;
  /** Why `ok` is false, in words (empty when ok). */
  problems: string[];
  stream: {
    state: StreamState;
    connectedSince: string | null;
    lastByteAt: string | null;
    lastEventAt: string | null;
    /** Seconds between the newest stream post's creation on X and its arrival here. */
    lagSeconds: number | null;
    lastError: string | null;
  };
  rules: { used: number; total: number; ours: number; foreign: number };
  uncovered: { follows: number; subscriptions: number };
  subscriptions: number;
  sockets: number;
  log: { oldestSeq: number; headSeq: number };
}

export interface HealthSources {
  stream: StreamHolder | undefined;
  rules: RuleManager;
  store: RelayStore;
  sockets: () => number;
}

const iso = (ms: number | undefined) => (ms === undefined ? null : new Date(ms).toISOString());

/** Reads the relay's health from its parts; cheap enough to answer every probe. */
export function readHealth({ stream, rules, store, sockets }: HealthSources): Health {
  const problems: string[] = [];
  const streamOk = stream?.state === 'connected' || stream?.state === 'waiting-for-rules';
  if (!stream) problems.push('no X_BEARER_TOKEN: the stream is idle');
  else if (!streamOk) {
    problems.push(`stream ${stream.state}${stream.lastError ? `: ${stream.lastError}` : ''}`);
  }
  const uncovered = rules.uncoveredIds();
  if (uncovered.length > 0) problems.push(`${uncovered.length} followed ids over rule capacity`);

  return {
    // Over capacity the relay still delivers (by polling), so only the stream decides ok.
    ok: streamOk,
    problems,
    stream: {
      state: stream?.state ?? 'idle',
      connectedSince: iso(stream?.connectedSince),
      lastByteAt: iso(stream?.lastByteAt),
      lastEventAt: iso(stream?.lastPostAt),
      lagSeconds: stream?.lagMs === undefined ? null : Math.round(stream.lagMs / 100) / 10,
      lastError: stream?.lastError ?? null,
    },
    rules: rules.usage(),
    uncovered: {
      follows: uncovered.length,
      subscriptions: store.countSubscriptionsFollowing(uncovered),
    },
    subscriptions: store.subscriptionCount(),
    sockets: sockets(),
    log: store.logBounds(),
  };
}
