import { performance } from 'node:perf_hooks';
import type { DeliveryTracker, PhaseDeliveries } from './delivery-tracker.ts';
import { markerText } from './socket-clients.ts';
import { seededRandom } from './zipf.ts';

/** A server that fans posts out to the bench's sockets: the relay, or the bare baseline. */
export interface FanoutTarget {
  name: string;
  /** Makes a post by author `author` (an index) with this text enter the server. */
  post(author: number, text: string): void;
  /** The server process's CPU time so far. */
  cpuMs(): number;
}

export interface PhaseOutcome extends PhaseDeliveries {
  /** Deliveries per second, from the first post to the last delivery. */
  throughput: number;
  /** Server CPU time per 1,000 deliveries, and the bench's (the clients') own. */
  serverCpuPer1000: number;
  clientCpuPer1000: number;
}

// An ordinary post's length, so that frames weigh what they would.
const FILLER =
  'Fan-out benchmark post: the quick brown fox jumps over the lazy dog, twice over, to fill a post.';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));

/** Which authors post in a phase: uniformly at random, seeded so both servers get the same. */
export function pickAuthors(count: number, authors: number, seed: number): number[] {
  const random = seededRandom(seed);
  return Array.from({ length: count }, () => Math.floor(random() * authors));
}

/**
 * Posts `authors.length` posts through `target`, either paced at `ratePerSecond` (latency under
 * ordinary load) or all at once (throughput), and waits for every follower's delivery.
 */
export async function runPhase(options: {
  target: FanoutTarget;
  authors: readonly number[];
  followers: readonly (readonly number[])[];
  tracker: DeliveryTracker;
  tag: string;
  ratePerSecond?: number;
  timeoutMs?: number;
}): Promise<PhaseOutcome> {
  const { target, authors, followers, tracker } = options;
  const expected = authors.reduce((sum, a) => sum + followers[a]!.length, 0);
  const serverCpu = target.cpuMs();
  const clientCpu = process.cpuUsage();
  tracker.begin(expected);

  const start = performance.now();
  for (const [i, author] of authors.entries()) {
    const marker = `${options.tag}-${i}`;
    tracker.posted(marker);
    target.post(author, `${markerText(marker)} ${FILLER}`);
    if (options.ratePerSecond)
      await sleep(start + ((i + 1) * 1000) / options.ratePerSecond - performance.now());
  }
  const deliveries = await tracker.end(options.timeoutMs ?? 30_000);

  const seconds = (deliveries.lastAt - deliveries.startedAt) / 1000;
  const thousands = Math.max(1, deliveries.delivered) / 1000;
  const client = process.cpuUsage(clientCpu);
  return {
    ...deliveries,
    throughput: deliveries.delivered / seconds,
    serverCpuPer1000: (target.cpuMs() - serverCpu) / thousands,
    clientCpuPer1000: (client.user + client.system) / 1000 / thousands,
  };
}
