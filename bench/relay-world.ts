import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startXEmulator, type RunningXEmulator } from '../emulators/x/index.ts';
import { spawnChild, type BenchChild } from './child.ts';
import { drawFollows } from './zipf.ts';

/**
 * The relay's world for the fan-out and API benchmarks: the X emulator in the bench process
 * with `authors` accounts, the relay in its own process reading it, and `subscribers`
 * subscriptions registered over HTTP, each following `perSubscriber` authors drawn by Zipf.
 */
export interface RelayWorldOptions {
  /** The most subscribers the world will have; follows are drawn for all of them at once. */
  subscribers: number;
  authors: number;
  perSubscriber: number;
  seed: number;
  /** More relay variables (relay/config.ts). */
  env?: Record<string, string>;
}

export interface Subscription {
  id: string;
  secret: string;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function startRelayWorld(options: RelayWorldOptions) {
  const x = await startXEmulator({ host: '127.0.0.1', log: () => undefined });
  const authors = Array.from({ length: options.authors }, (_, i) =>
    x.createUser({ username: `author_${i}`, name: `Author ${i}` }),
  );
  const dataDir = mkdtempSync(join(tmpdir(), 'bench-relay-'));
  let relay: BenchChild | undefined;
  const stop = async () => {
    await relay?.stop();
    await x.close();
    rmSync(dataDir, { recursive: true, force: true });
  };

  try {
    relay = await spawnChild(
      'bench/relay-child.ts',
      {
        PORT: '0',
        HOST: '127.0.0.1',
        RELAY_DATA_DIR: dataDir,
        X_API_BASE: x.url,
        X_BEARER_TOKEN: x.bearerToken,
        LOG_LEVEL: 'warn',
        // One bench address registers thousands of subscriptions: lift the per-address limit.
        REGISTRATIONS_PER_HOUR_PER_ADDRESS: '0',
        ...options.env,
      },
      { nodeArgs: ['--expose-gc'] },
    );
  } catch (error) {
    await stop();
    throw error;
  }
  const url = relay.ready['url'] as string;
  const running = relay;
  await sleep(500);
  const empty = await memoryOf(running);
  const { follows, followers } = drawFollows(options);
  const subscriptions: Subscription[] = [];

  return {
    x,
    relay: running,
    url,
    authors,
    follows,
    /** Per author, the subscribers (indices) following them, among the first `count`. */
    followersAmong: (count: number) => followers.map((list) => list.filter((s) => s < count)),
    subscriptions,
    emptyMemory: empty,
    /** Registers subscribers up to `count` (in order), then waits until X's rules cover them. */
    async grow(count: number): Promise<void> {
      const from = subscriptions.length;
      subscriptions.push(
        ...(await register(url, follows.slice(from, count), from, (i) => authors[i]!.id)),
      );
      const followed = new Set(
        follows
          .slice(0, count)
          .flat()
          .map((i) => authors[i]!.id),
      );
      await waitForStream(url, () => [...followed].every((id) => coveredIds(x).has(id)));
    },
    stop,
  };
}
export type RelayWorld = Awaited<ReturnType<typeof startRelayWorld>>;

/**
 * Memory of a child (run with --expose-gc) at rest: collected twice, half a second apart, since
 * V8 hands pages back to the system lazily after a collection.
 */
export async function memoryOf(child: BenchChild): Promise<{ rss: number; heapUsed: number }> {
  await child.request({ type: 'stats' });
  await sleep(500);
  const stats = await child.request<{ memory: NodeJS.MemoryUsage }>({ type: 'stats' });
  return { rss: child.rssBytes(), heapUsed: stats.memory.heapUsed };
}

/** A subscriber's X user id: any 19-digit id; the relay uses it only to route replies. */
const xUserIdOf = (index: number) => String(1_900_000_000_000_000_000n + BigInt(index));

/** Registers one subscription per follow list, `concurrency` requests at a time. */
async function register(
  url: string,
  follows: readonly number[][],
  firstIndex: number,
  authorId: (index: number) => string,
  concurrency = 32,
): Promise<Subscription[]> {
  const subscriptions: Subscription[] = [];
  let next = 0;
  const call = async (path: string, init: RequestInit) => {
    const response = await fetch(`${url}${path}`, init);
    if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
    return response.json() as Promise<unknown>;
  };
  const worker = async () => {
    while (next < follows.length) {
      const index = next++;
      const created = (await call('/v1/subscriptions', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{}',
      })) as Subscription;
      await call(`/v1/subscriptions/${created.id}/follows`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${created.secret}` },
        body: JSON.stringify({
          xUserId: xUserIdOf(firstIndex + index),
          followIds: follows[index]!.map(authorId),
        }),
      });
      subscriptions[index] = { id: created.id, secret: created.secret };
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return subscriptions;
}

/** The author ids that the stream rules on X cover now. */
function coveredIds(x: RunningXEmulator): Set<string> {
  const ids = new Set<string>();
  for (const rule of x.state.rules.values())
    for (const match of rule.value.matchAll(/from:(\d+)/g)) ids.add(match[1]!);
  return ids;
}

/** Waits until the relay's stream is connected and `covered()` holds (at most 60 s). */
async function waitForStream(url: string, covered: () => boolean): Promise<void> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const health = (await (await fetch(`${url}/healthz`)).json()) as { stream: { state: string } };
    if (health.stream.state === 'connected' && covered()) break;
    if (Date.now() > deadline)
      throw new Error(`the relay's stream did not come up: ${JSON.stringify(health)}`);
    await sleep(100);
  }
  // The catch-up search and the second backfill pass (relay-child.ts: 500 ms) run now, not later.
  await sleep(1500);
}
