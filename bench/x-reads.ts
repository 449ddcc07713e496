import { createDeliveryTracker } from './delivery-tracker.ts';
import { pickAuthors, runPhase } from './fanout-phase.ts';
import { startRelayWorld } from './relay-world.ts';
import { openClients } from './socket-clients.ts';
import type { EndpointReads } from './x-read-counter.ts';

/**
 * What the relay reads from X per post delivered, counted: the relay (its own process) reads
 * the X emulator through a counting fetch (bench/x-read-counter.ts) while posts are made and
 * delivered to `subscribers` sockets. The delete sweep runs every few seconds here, so that
 * what one sweep reads can be counted and scaled to the default schedule.
 */
export interface XReads {
  subscribers: number;
  posts: number;
  /** Posts that had at least one follower, and deliveries counted at the sockets. */
  deliveredPosts: number;
  deliveries: number;
  /** Posts X returned during the run, by the stream and by search (backfill, catch-up). */
  streamReads: number;
  searchReads: number;
  /** Distinct posts the delete sweep looked up during the run, and its calls. */
  sweptPosts: number;
  sweepCalls: number;
  /** Calls made before the posts: rules, backfill, catch-up (a start or a follows change). */
  startCalls: EndpointReads[];
}

export const SWEEP_SECONDS = 4;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function countXReads(options: {
  subscribers: number;
  authors: number;
  perSubscriber: number;
  posts: number;
  ratePerSecond: number;
}): Promise<XReads> {
  const world = await startRelayWorld({
    ...options,
    seed: 3,
    env: { DELETE_SWEEP_INTERVAL_SECONDS: String(SWEEP_SECONDS), BENCH_COUNT_X_READS: '1' },
  });
  try {
    await world.grow(options.subscribers);
    const tracker = createDeliveryTracker();
    const wsBase = world.url.replace(/^http/, 'ws');
    const clients = await openClients({
      urls: world.subscriptions.map((s) => `${wsBase}/v1/subscriptions/${s.id}/stream`),
      secrets: world.subscriptions.map((s) => s.secret),
      onPost: tracker.record,
    });

    const stats = async () =>
      (await world.relay.request<{ xReads: EndpointReads[] }>({ type: 'stats' })).xReads;
    const before = await stats();
    const authors = pickAuthors(options.posts, options.authors, 7);
    const followers = world.followersAmong(options.subscribers);
    const outcome = await runPhase({
      target: {
        name: 'relay',
        post: (author, text) => void world.x.post(world.authors[author]!.id, { text }),
        cpuMs: () => world.relay.cpuMs(),
      },
      authors,
      followers,
      tracker,
      tag: 'economy',
      ratePerSecond: options.ratePerSecond,
    });
    // Two sweep periods: at least one whole sweep after the last delivery.
    await sleep(2 * SWEEP_SECONDS * 1000 + 500);
    const after = await stats();
    clients.close();

    const delta = (match: (endpoint: string) => boolean) =>
      after
        .filter((e) => match(e.endpoint))
        .reduce(
          (sum, e) => sum + e.posts - (before.find((b) => b.endpoint === e.endpoint)?.posts ?? 0),
          0,
        );
    const sweep = sweepLookups(world.x.journal.entries());
    return {
      subscribers: options.subscribers,
      posts: options.posts,
      deliveredPosts: authors.filter((a) => followers[a]!.length > 0).length,
      deliveries: outcome.delivered,
      streamReads: delta((e) => e === 'GET /2/tweets/search/stream'),
      searchReads: delta((e) => e.startsWith('GET /2/tweets/search/recent')),
      sweptPosts: sweep.ids,
      sweepCalls: sweep.calls,
      startCalls: before,
    };
  } finally {
    await world.stop();
  }
}

/** The delete sweep's lookups (`GET /2/tweets?ids=`) over the run: calls, and distinct posts. */
function sweepLookups(journal: readonly { method: string; path: string; query: string }[]) {
  const lookups = journal.filter((e) => e.method === 'GET' && e.path === '/2/tweets');
  const ids = new Set(
    lookups.flatMap((e) => new URLSearchParams(e.query).get('ids')?.split(',') ?? []),
  );
  return { calls: lookups.length, ids: ids.size };
}
