import { afterEach, describe, expect, it } from 'vitest';
import type { RelayEvent } from '../../protocol/index.ts';
import { eventsResponseSchema } from '../../protocol/index.ts';
import type { Requester } from '../testing/api-client.ts';
import { jsonInit, register, viaHttp } from '../testing/api-client.ts';
import type { TestSocket } from '../testing/socket-client.ts';
import { connectSocket } from '../testing/socket-client.ts';
import type { Stack } from '../testing/stack.ts';
import { rulesCover, startStack } from '../testing/stack.ts';
import { waitFor } from '../testing/wait-for.ts';

let stack: Stack;
const sockets: TestSocket[] = [];
let polling = true;
afterEach(async () => {
  polling = false;
  for (const socket of sockets.splice(0)) socket.close();
  await stack.close();
});

/** The long-poll fallback as an extension would run it: ask, apply, ack, ask again. */
function longPoll(request: Requester, sub: { id: string; secret: string }) {
  const events: RelayEvent[] = [];
  polling = true;
  void (async () => {
    let cursor = 0;
    while (polling) {
      try {
        const response = await request(
          `/v1/subscriptions/${sub.id}/events?after=${cursor}&wait=2`,
          jsonInit('GET', undefined, sub.secret),
        );
        const answer = eventsResponseSchema.parse(await response.json());
        events.push(...answer.events);
        cursor = answer.cursor;
        await request(
          `/v1/subscriptions/${sub.id}/ack`,
          jsonInit('POST', { seq: cursor }, sub.secret),
        );
      } catch {
        // The relay is closing at the end of the test; the loop ends with it.
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    }
  })();
  return { events, postIds: () => events.flatMap((e) => (e.type === 'post' ? [e.post.id] : [])) };
}

/** Two users followed by two subscriptions, one on a WebSocket, one long-polling. */
async function twoSubscribers(
  env: Record<string, string> = {},
  more: Parameters<typeof startStack>[0] = {},
) {
  stack = await startStack({ ...more, env });
  const { x, relay } = stack;
  const alice = x.createUser({ username: 'alice' });
  const bob = x.createUser({ username: 'bob' });
  const request = viaHttp(relay.url);
  const socketSub = await register(request, { xUserId: '11', followIds: [alice.id, bob.id] });
  const pollSub = await register(request, { xUserId: '12', followIds: [alice.id] });
  await rulesCover(stack, [alice.id, bob.id]);
  await connectedOnce();
  const socket = connectSocket(relay.url, socketSub.id, socketSub.secret);
  sockets.push(socket);
  await socket.opened;
  return { x, alice, bob, socket, poll: longPoll(request, pollSub) };
}

const streamConnects = () =>
  stack.x.journal.entries().filter((e) => e.path === '/2/tweets/search/stream' && e.status === 200)
    .length;

async function connectedOnce(count = 1) {
  await waitFor(`stream connection ${count}`, () => streamConnects() >= count);
}

const metric = async (name: string) => {
  const text = await (await fetch(`${stack.relay.url}/metrics`)).text();
  const line = text.split('\n').find((l) => l.startsWith(name));
  return Number(line?.split(' ').at(-1) ?? 0);
};

function expectOnce(received: string[], expected: string[]) {
  expect(new Set(received).size).toBe(received.length);
  expect([...received].sort()).toEqual([...expected].sort());
}

// Real sockets and processes on a shared machine: a generous ceiling, never a timing claim.
describe('gaps in the stream', { timeout: 60_000 }, () => {
  it('backfills a dropped stream so every subscriber gets every post once', async () => {
    const { x, alice, bob, socket, poll } = await twoSubscribers();
    const before = x.post(alice.id, { text: 'before' }).id;
    await waitFor(
      'the first post',
      () => socket.postIds().includes(before) && poll.postIds().includes(before),
    );

    x.faults.add({ pathPrefix: '/2/tweets/search/stream', method: 'GET', status: 503 });
    x.disconnectStream('drop');
    await waitFor('a refused reconnect', () =>
      x.journal.entries().some((e) => e.path === '/2/tweets/search/stream' && e.status === 503),
    );
    const during = [x.post(alice.id, { text: 'gap 1' }).id, x.post(bob.id, { text: 'gap 2' }).id];
    x.faults.clear();
    await connectedOnce(2);
    const after = x.post(alice.id, { text: 'after' }).id;

    const all = [before, ...during, after];
    const alicePosts = [before, during[0]!, after];
    await waitFor('every post', () => all.every((id) => socket.postIds().includes(id)));
    await waitFor('every post by alice', () =>
      alicePosts.every((id) => poll.postIds().includes(id)),
    );
    expectOnce(socket.postIds(), all);
    expectOnce(poll.postIds(), alicePosts);
    expect(await metric('relay_backfilled_posts_total')).toBeGreaterThanOrEqual(2);
  });

  it('searches a gap twice, for posts X had not indexed yet the first time', async () => {
    const { x, alice, socket } = await twoSubscribers(
      {},
      { x: { settings: { searchLagMs: 500 } }, relay: { backfillSecondPassMs: 1000 } },
    );
    x.faults.add({ pathPrefix: '/2/tweets/search/stream', method: 'GET', status: 503 });
    x.disconnectStream('drop');
    await waitFor('a refused reconnect', () =>
      x.journal.entries().some((e) => e.path === '/2/tweets/search/stream' && e.status === 503),
    );
    const fresh = x.post(alice.id, { text: 'not searchable yet' }).id;
    x.faults.clear();
    await waitFor('the post, by the second pass', () => socket.postIds().includes(fresh));
    expectOnce(socket.postIds(), [fresh]);
  });

  it('reconnects when the stream goes silent, and recovers what was lost meanwhile', async () => {
    const { x, alice, socket } = await twoSubscribers();
    x.stallStream(true);
    const lost = x.post(alice.id, { text: 'sent into a stalled stream' }).id;
    await waitFor('the post, by backfill', () => socket.postIds().includes(lost));
    expect(await metric('relay_stream_reconnects_total{cause="network"}')).toBeGreaterThanOrEqual(
      1,
    );
    expectOnce(socket.postIds(), [lost]);
  });

  it('backs off exponentially from the rate-limit base when the connection gets 429', async () => {
    const { x, alice, socket } = await twoSubscribers();
    x.faults.add({
      pathPrefix: '/2/tweets/search/stream',
      method: 'GET',
      status: 429,
      count: 3,
      body: {
        title: 'ConnectionException',
        detail: 'TooManyConnections',
        type: 'https://api.x.com/2/problems/streaming-connection',
      },
    });
    x.disconnectStream('end');
    await connectedOnce(2);
    const retries = stack.log
      .entries()
      .filter((e) => e.msg === 'stream disconnected' && e.cause === 'rate-limit')
      .map((e) => e.retryInMs);
    // STREAM_BACKOFF_RATE_LIMIT_MS is 20 in tests (60 s in production).
    expect(retries).toEqual([20, 40, 80]);
    const later = x.post(alice.id, { text: 'after the rate limit' }).id;
    await waitFor('a post after the rate limit', () => socket.postIds().includes(later));
  });

  it('tells subscribers about posts deleted on X', async () => {
    const { x, alice, socket } = await twoSubscribers({ DELETE_SWEEP_INTERVAL_SECONDS: '1' });
    const post = x.post(alice.id, { text: 'soon gone' });
    await waitFor('the post', () => socket.postIds().includes(post.id));
    x.deletePost(alice.id, post.id);
    await waitFor('the delete', () =>
      socket.events.some((e) => e.type === 'delete' && e.postId === post.id),
    );
    expect(await metric('relay_deletes_total')).toBe(1);
  });
});
