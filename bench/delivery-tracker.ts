import { performance } from 'node:perf_hooks';

/**
 * Counts the deliveries of one phase of posts: each post's latency to each subscriber's socket
 * (from the moment the bench posted it), duplicates, strays, and when the last one arrived.
 */
export interface PhaseDeliveries {
  latencies: number[];
  expected: number;
  delivered: number;
  duplicates: number;
  /** When the first post was made and the last delivery arrived (performance.now()). */
  startedAt: number;
  lastAt: number;
}

export function createDeliveryTracker() {
  let postedAt = new Map<string, number>();
  let seen = new Set<string>();
  let phase: PhaseDeliveries | undefined;
  let complete: (() => void) | undefined;

  return {
    /** Starts a phase that expects `expected` deliveries in all. */
    begin(expected: number): void {
      postedAt = new Map();
      seen = new Set();
      const now = performance.now();
      phase = { latencies: [], expected, delivered: 0, duplicates: 0, startedAt: now, lastAt: now };
    },
    /** The bench made the post carrying `marker`, now. */
    posted(marker: string): void {
      postedAt.set(marker, performance.now());
    },
    /** A socket received the post carrying `marker` (stray markers of other phases are ignored). */
    record(subscriber: number, marker: string, at: number): void {
      const sent = postedAt.get(marker);
      if (!phase || sent === undefined) return;
      const key = `${marker}|${subscriber}`;
      if (seen.has(key)) {
        phase.duplicates += 1;
        return;
      }
      seen.add(key);
      phase.latencies.push(at - sent);
      phase.delivered += 1;
      phase.lastAt = at;
      if (phase.delivered === phase.expected) complete?.();
    },
    /** Waits until every expected delivery arrived, or `timeoutMs` passed. */
    async end(timeoutMs: number): Promise<PhaseDeliveries> {
      if (!phase) throw new Error('end() before begin()');
      if (phase.delivered < phase.expected) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, timeoutMs);
          complete = () => (clearTimeout(timer), resolve());
        });
      }
      complete = undefined;
      // A moment more, so that a duplicate right behind the last delivery is counted.
      await new Promise((resolve) => setTimeout(resolve, 100));
      const done = phase;
      phase = undefined;
      return done;
    },
  };
}
export type DeliveryTracker = ReturnType<typeof createDeliveryTracker>;
