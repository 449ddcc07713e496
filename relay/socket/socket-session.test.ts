import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import type { WebSocket } from 'ws';
import type { ServerMessage } from '../../protocol/index.ts';
import { register, viaApp } from '../testing/api-client.ts';
import { inProcessApp } from '../testing/in-process-app.ts';
import { waitFor } from '../testing/wait-for.ts';
import { CLOSE } from './close-codes.ts';
import type { SessionOptions } from './session-options.ts';
import { startSession } from './socket-session.ts';

/** The parts of a `ws` socket a session uses, with a buffer the test controls. */
class FakeSocket extends EventEmitter {
  readonly OPEN = 1;
  readyState = 1;
  bufferedAmount = 0;
  pings = 0;
  sent: ServerMessage[] = [];
  closed: { code: number; reason: string } | undefined;
  send(data: string) {
    this.sent.push(JSON.parse(data) as ServerMessage);
  }
  close(code: number, reason: string) {
    if (this.closed) return;
    this.closed = { code, reason };
    this.readyState = 3;
    this.emit('close', code, Buffer.from(reason));
  }
  ping() {
    this.pings += 1;
  }
  terminate() {
    this.close(1006, '');
  }
  say(message: unknown) {
    this.emit(
      'message',
      Buffer.from(typeof message === 'string' ? message : JSON.stringify(message)),
    );
  }
  events() {
    return this.sent.flatMap((m) => (m.type === 'event' ? [m.event.seq] : []));
  }
}

const options: SessionOptions = {
  helloTimeoutMs: 10_000,
  pingIntervalMs: 10_000,
  pageSize: 2,
  highWaterBytes: 100,
  lowWaterBytes: 10,
  stuckMs: 10_000,
};

const users = { users: [{ id: '10', username: 'ten', name: 'Ten' }] };
let next = 1;
const posts = (n: number) =>
  Array.from({ length: n }, () => ({
    id: String(next++),
    text: 'x',
    author_id: '10',
    created_at: '2026-01-01T00:00:00Z',
  }));

async function session(overrides: Partial<SessionOptions> = {}) {
  const relay = inProcessApp();
  const sub = await register(viaApp(relay.app), { xUserId: '1', followIds: ['10'] });
  const ws = new FakeSocket();
  // The fake has every member of WebSocket the session touches.
  startSession(ws as unknown as WebSocket, sub.id, relay.deps, { ...options, ...overrides });
  return { ...relay, sub, ws };
}

describe('startSession', () => {
  it('closes with 1008 when no hello comes in time', async () => {
    const { ws } = await session({ helloTimeoutMs: 20 });
    await waitFor('the close', () => ws.closed);
    expect(ws.closed).toEqual({ code: CLOSE.policy, reason: 'hello expected within 10 s' });
  });

  it('closes with 4401 on a wrong secret', async () => {
    const { ws } = await session();
    ws.say({ type: 'hello', secret: 'wrong', after: 0 });
    expect(ws.closed).toEqual({ code: CLOSE.unauthorized, reason: 'unauthorized' });
    expect(ws.sent).toEqual([]);
  });

  it.each([
    ['not JSON', '{hello'],
    ['an unknown message', { type: 'subscribe' }],
    ['an ack before hello', { type: 'ack', seq: 1 }],
    ['a hello with extra fields', { type: 'hello', secret: 'x', after: 0, id: 'other' }],
  ])('closes with 1008 on %s', async (_, message) => {
    const { ws } = await session();
    ws.say(message);
    expect(ws.closed?.code).toBe(CLOSE.policy);
  });

  it('closes with 1008 on a second hello', async () => {
    const { ws, sub } = await session();
    ws.say({ type: 'hello', secret: sub.secret, after: 0 });
    ws.say({ type: 'hello', secret: sub.secret, after: 0 });
    expect(ws.closed).toEqual({ code: CLOSE.policy, reason: 'hello was already sent' });
  });

  it('says ready, replays the backlog page by page, then sends live events', async () => {
    const { ws, sub, ingest } = await session();
    ingest.ingestPosts(posts(5), users, 'stream');
    ws.say({ type: 'hello', secret: sub.secret, after: 1 });
    expect(ws.sent[0]).toEqual({ type: 'ready', gap: false, oldestSeq: 1 });
    await waitFor('the backlog', () => ws.events().length === 4);
    ingest.ingestPosts(posts(1), users, 'stream');
    await waitFor('the live event', () => ws.events().length === 5);
    expect(ws.events()).toEqual([2, 3, 4, 5, 6]);
  });

  it('sends a caught-up socket each new event as it is published, without reading the log', async () => {
    const { ws, sub, ingest, store } = await session();
    ingest.ingestPosts(posts(3), users, 'stream');
    ws.say({ type: 'hello', secret: sub.secret, after: 0 });
    await waitFor('the backlog', () => ws.events().length === 3);
    await new Promise((resolve) => setImmediate(resolve));

    let reads = 0;
    const read = store.readEventFrames.bind(store);
    store.readEventFrames = (...args) => (reads++, read(...args));
    const [gone, ...rest] = posts(3);
    ingest.ingestPosts([gone!], users, 'stream');
    ingest.ingestPosts(rest, users, 'stream');
    ingest.ingestDelete(gone!.id);

    expect(ws.events()).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(ws.sent.at(-1)).toEqual({
      type: 'event',
      event: { type: 'delete', seq: 7, postId: gone!.id },
    });
    expect(reads).toBe(0);
  });

  it('reads the log, in order and once each, for events published while it replays', async () => {
    const { ws, sub, ingest } = await session();
    ingest.ingestPosts(posts(5), users, 'stream');
    ws.say({ type: 'hello', secret: sub.secret, after: 0 });
    // The first page went out at hello; these land while the replay yields between pages.
    ingest.ingestPosts(posts(2), users, 'stream');
    await waitFor('every event', () => ws.events().length === 7);
    ingest.ingestPosts(posts(1), users, 'stream');
    await waitFor('the live one', () => ws.events().length === 8);
    expect(ws.events()).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
  });

  it('reads the log again once a full buffer drains, whatever was published meanwhile', async () => {
    const { ws, sub, ingest } = await session();
    ws.say({ type: 'hello', secret: sub.secret, after: 0 });
    await new Promise((resolve) => setImmediate(resolve));
    ws.bufferedAmount = 1000;
    ingest.ingestPosts(posts(1), users, 'stream');
    ingest.ingestPosts(posts(2), users, 'stream');
    expect(ws.events()).toEqual([1]);
    ws.bufferedAmount = 0;
    await waitFor('the rest', () => ws.events().length === 3);
    expect(ws.events()).toEqual([1, 2, 3]);
  });

  it('stores acks and answers pings', async () => {
    const { ws, sub, store, ingest } = await session();
    ingest.ingestPosts(posts(2), users, 'stream');
    ws.say({ type: 'hello', secret: sub.secret, after: 0 });
    ws.say({ type: 'ack', seq: 2 });
    ws.say({ type: 'ping' });
    expect(store.subscription(sub.id)?.ackedSeq).toBe(2);
    expect(ws.sent.at(-1)).toEqual({ type: 'pong' });
  });

  it('stops sending while the buffer is full and resumes from its cursor', async () => {
    const { ws, sub, ingest } = await session();
    ingest.ingestPosts(posts(6), users, 'stream');
    ws.bufferedAmount = 1000;
    ws.say({ type: 'hello', secret: sub.secret, after: 0 });
    await waitFor('the first page', () => ws.events().length === 2);
    ingest.ingestPosts(posts(1), users, 'stream');
    expect(ws.events()).toEqual([1, 2]);
    ws.bufferedAmount = 0;
    await waitFor('the rest', () => ws.events().length === 7);
    expect(ws.events()).toEqual([1, 2, 3, 4, 5, 6, 7]);
  });

  it('closes with 1013 a client that never drains', async () => {
    const { ws, sub, ingest } = await session({ stuckMs: 50 });
    ingest.ingestPosts(posts(3), users, 'stream');
    ws.bufferedAmount = 1000;
    ws.say({ type: 'hello', secret: sub.secret, after: 0 });
    await waitFor('the close', () => ws.closed);
    expect(ws.closed?.code).toBe(CLOSE.tryAgainLater);
  });

  it('pings, and drops a peer that stopped answering pings', async () => {
    const { ws, sub } = await session({ pingIntervalMs: 20 });
    ws.say({ type: 'hello', secret: sub.secret, after: 0 });
    await waitFor('a ping message', () => ws.sent.some((m) => m.type === 'ping'));
    await waitFor('the drop', () => ws.closed);
    expect(ws.closed?.code).toBe(1006);
  });

  it('closes with 4404 when its subscription is deleted, and 1001 when the relay stops', async () => {
    const first = await session();
    first.ws.say({ type: 'hello', secret: first.sub.secret, after: 0 });
    first.store.deleteSubscription(first.sub.id);
    first.hub.gone(first.sub.id);
    expect(first.ws.closed?.code).toBe(CLOSE.gone);

    const second = await session();
    second.ws.say({ type: 'hello', secret: second.sub.secret, after: 0 });
    second.hub.closeAll();
    expect(second.ws.closed?.code).toBe(CLOSE.goingAway);
  });
});
