import { afterEach, describe, expect, it } from 'vitest';
import { register, viaHttp } from '../testing/api-client.ts';
import type { TestSocket } from '../testing/socket-client.ts';
import { connectSocket } from '../testing/socket-client.ts';
import type { Stack } from '../testing/stack.ts';
import { rulesCover, startStack } from '../testing/stack.ts';
import { waitFor } from '../testing/wait-for.ts';

let stack: Stack;
const sockets: TestSocket[] = [];
afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.close();
  await stack.close();
});

// Real sockets and processes on a shared machine: a generous ceiling, never a timing claim.
describe('fan-out over WebSocket', { timeout: 60_000 }, () => {
  it('delivers each post to exactly the subscriptions whose timeline it belongs in', async () => {
    stack = await startStack();
    const { x, relay } = stack;
    const [alice, bob, carol] = ['alice', 'bob', 'carol'].map((username) =>
      x.createUser({ username }),
    );
    const request = viaHttp(relay.url);
    // Ann follows alice; Ben follows alice and bob; Cat follows bob and carol.
    const ann = await register(request, { xUserId: '11', followIds: [alice!.id] });
    const ben = await register(request, { xUserId: '12', followIds: [alice!.id, bob!.id] });
    const cat = await register(request, { xUserId: '13', followIds: [bob!.id, carol!.id] });
    await rulesCover(stack, [alice!.id, bob!.id, carol!.id]);
    await waitFor('the stream', () => x.streamConnections() === 1);

    const socketOf = (sub: { id: string; secret: string }) => {
      const socket = connectSocket(relay.url, sub.id, sub.secret);
      sockets.push(socket);
      return socket;
    };
    const [annSocket, benSocket, catSocket] = [socketOf(ann), socketOf(ben), socketOf(cat)];
    await Promise.all([annSocket.opened, benSocket.opened, catSocket.opened]);

    const byAlice = x.post(alice!.id, { text: 'from alice' });
    const byBob = x.post(bob!.id, { text: 'from bob' });
    const aliceThread = x.post(alice!.id, { text: 'more', replyToId: byAlice.id });
    const aliceToBob = x.post(alice!.id, { text: '@bob hi', replyToId: byBob.id });
    const bobThread = x.post(bob!.id, { text: 'and', replyToId: byBob.id });
    const byCarol = x.post(carol!.id, { text: 'from carol' });
    // Cat follows carol but not alice: like a home timeline, she does not see this reply.
    x.post(carol!.id, { text: '@alice hi', replyToId: byAlice.id });
    // Everyone follows someone who posts last: once it arrives, nothing else is on its way.
    const endAlice = x.post(alice!.id, { text: 'end a' });
    const endBob = x.post(bob!.id, { text: 'end b' });

    await waitFor(
      'every last post',
      () =>
        [annSocket, benSocket].every((s) => s.postIds().includes(endAlice.id)) &&
        catSocket.postIds().includes(endBob.id),
    );
    expect(annSocket.postIds()).toEqual([byAlice.id, aliceThread.id, endAlice.id]);
    expect(benSocket.postIds()).toEqual([
      byAlice.id,
      byBob.id,
      aliceThread.id,
      aliceToBob.id,
      bobThread.id,
      endAlice.id,
      endBob.id,
    ]);
    expect(catSocket.postIds()).toEqual([byBob.id, bobThread.id, byCarol.id, endBob.id]);

    const first = benSocket.events[0];
    expect(first).toMatchObject({
      type: 'post',
      post: { id: byAlice.id, authorId: alice!.id, authorUsername: 'alice', text: 'from alice' },
    });
    expect(benSocket.messages[0]).toEqual({ type: 'ready', gap: false, oldestSeq: 0 });
  });

  it('replays the backlog after the cursor, then goes live', async () => {
    stack = await startStack();
    const { x, relay } = stack;
    const alice = x.createUser({ username: 'alice' });
    const sub = await register(viaHttp(relay.url), { xUserId: '11', followIds: [alice.id] });
    await rulesCover(stack, [alice.id]);
    await waitFor('the stream', () => x.streamConnections() === 1);

    const early = Array.from({ length: 250 }, (_, i) => x.post(alice.id, { text: `post ${i}` }).id);
    const first = connectSocket(relay.url, sub.id, sub.secret);
    sockets.push(first);
    await waitFor('the backlog', () => first.events.length === 250);
    expect(first.postIds()).toEqual(early);

    const resumed = connectSocket(relay.url, sub.id, sub.secret, first.events[99]!.seq);
    sockets.push(resumed);
    const late = x.post(alice.id, { text: 'live' }).id;
    await waitFor('the live post', () => resumed.postIds().includes(late));
    expect(resumed.postIds()).toEqual([...early.slice(100), late]);
  });

  it('catches up on posts made before X applied the rule for a new follow', async () => {
    stack = await startStack({ relay: { rulesSettleMs: 300, ruleActivationMs: 100 } });
    const { x, relay } = stack;
    const alice = x.createUser({ username: 'alice' });
    const bob = x.createUser({ username: 'bob' });
    const request = viaHttp(relay.url);
    await register(request, { xUserId: '11', followIds: [bob.id] });
    await rulesCover(stack, [bob.id]);
    await waitFor('the stream', () => x.streamConnections() === 1);

    const sub = await register(request, { xUserId: '12', followIds: [alice.id] });
    // Posted before any rule covers alice: the stream never carries it.
    const early = x.post(alice.id, { text: 'before the rule' }).id;
    const socket = connectSocket(relay.url, sub.id, sub.secret);
    sockets.push(socket);
    await waitFor('the early post, by search', () => socket.postIds().includes(early));
    const later = x.post(alice.id, { text: 'after the rule' }).id;
    await waitFor('the later post', () => socket.postIds().includes(later));
    expect(socket.postIds()).toEqual([early, later]);
  });
});
