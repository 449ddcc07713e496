import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocketServer, WebSocket as NodeWebSocket } from 'ws';
import type { RelayEvent } from '../../../protocol/relay-events.ts';
import type { ClientMessage } from '../../../protocol/relay-socket.ts';
import type { RelayLinkState } from '../../shared/relay-state.ts';
import { receive, updateEntry } from './inbox.ts';
import { createRelayLink } from './relay-link.ts';
import type { WebSocketLike } from './relay-socket.ts';
import { loadCursor } from './relay-subscription.ts';
import { post, postEvent, testDb } from './testing.ts';

/** expect.poll with room for a loaded machine (sockets, a relay, two emulators). */
const poll = <T>(fn: () => T | Promise<T>, options: { timeout?: number } = {}) =>
  expect.poll(fn, { timeout: 10_000, ...options });

/**
 * A relay that speaks the protocol and nothing more: registration, and a stream that sends
 * `ready` then whatever the test pushes. The real relay is exercised end to end.
 */
async function fakeRelay() {
  const hellos: { after: number }[] = [];
  const acks: number[] = [];
  let registrations = 0;
  const sockets = new Set<NodeWebSocket>();
  let refuse: number | undefined;
  let socketsBroken = false;
  const polled: RelayEvent[] = [];
  const polls: string[] = [];

  const server: Server = createServer((request, response) => {
    if (request.method === 'POST' && request.url === '/v1/subscriptions') {
      registrations++;
      response.writeHead(201, { 'content-type': 'application/json' });
      response.end(
        JSON.stringify({ id: `sub${registrations}`, secret: 's'.repeat(40) + registrations }),
      );
      return;
    }
    if (request.method === 'GET' && request.url?.includes('/events?')) {
      polls.push(request.url);
      const after = Number(new URL(request.url, 'http://x').searchParams.get('after'));
      const events = polled.filter((e) => e.seq > after);
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ events, cursor: events.at(-1)?.seq ?? after, gap: false }));
      return;
    }
    response.writeHead(404, { 'content-type': 'application/json' });
    response.end(JSON.stringify({ error: 'not found' }));
  });
  const wss = new WebSocketServer({ server });
  wss.on('connection', (ws: NodeWebSocket, _request: IncomingMessage) => {
    if (refuse) return ws.close(refuse, 'unauthorized');
    if (socketsBroken) return ws.terminate(); // a proxy that breaks WebSockets
    sockets.add(ws);
    ws.on('close', () => sockets.delete(ws));
    ws.on('message', (data) => {
      const message = JSON.parse(data.toString()) as ClientMessage;
      if (message.type === 'hello') {
        hellos.push({ after: message.after });
        ws.send(JSON.stringify({ type: 'ready', gap: false, oldestSeq: 0 }));
      }
      if (message.type === 'ack') acks.push(message.seq);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    hellos,
    acks,
    registrations: () => registrations,
    send: (event: RelayEvent) =>
      sockets.forEach((ws) => ws.send(JSON.stringify({ type: 'event', event }))),
    dropAll: () => sockets.forEach((ws) => ws.terminate()),
    refuseWith: (code: number | undefined) => (refuse = code),
    breakSockets: () => (socketsBroken = true),
    polls,
    poll: (event: RelayEvent) => polled.push(event),
    close: async () => {
      sockets.forEach((ws) => ws.terminate());
      wss.close();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

const cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const step of cleanup.splice(0)) await step();
});

async function setup() {
  const relay = await fakeRelay();
  const db = await testDb();
  const states: RelayLinkState['state'][] = [];
  const link = createRelayLink({
    db: async () => db,
    relay: async () => ({ url: relay.url, admissionCode: '' }),
    onEvent: async (event) => {
      await receive(db, event);
    },
    setState: async (state) => void states.push(state.state),
    log: async () => undefined,
    onSubscribed: () => undefined,
    keepAlive: async () => undefined,
    // ws implements the browser's WebSocket interface (addEventListener, readyState, send).
    WebSocket: NodeWebSocket as unknown as WebSocketLike,
    sleep: (ms, signal) =>
      new Promise((resolve) => {
        const timer = setTimeout(resolve, Math.min(ms, 20));
        signal.addEventListener('abort', () => (clearTimeout(timer), resolve()));
      }),
  });
  const stop = new AbortController();
  const running = link.run(stop.signal);
  cleanup.push(async () => {
    stop.abort();
    await running;
    await relay.close();
  });
  return { relay, db, link, states };
}

describe('the relay link', () => {
  it('registers on first use and says hello from cursor 0', async () => {
    const { relay, db, states } = await setup();
    await poll(() => relay.hellos).toEqual([{ after: 0 }]);
    expect(relay.registrations()).toBe(1);
    expect(await db.get('kv', 'relaySubscription')).toMatchObject({
      id: 'sub1',
      relayUrl: relay.url,
    });
    await poll(() => states.at(-1)).toBe('connected');
  });

  it('stores events, and acknowledges only as far as they are resolved', async () => {
    const { relay, db, link } = await setup();
    await poll(() => relay.hellos.length).toBe(1);
    relay.send(postEvent(3, post('11')));
    relay.send(postEvent(5, post('12')));
    await poll(() => db.count('imports')).toBe(2);

    await updateEntry(db, '12', (e) => ({ ...e, state: 'done' }));
    await link.acknowledge();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(Math.max(0, ...relay.acks)).toBeLessThan(3); // seq 3 is still pending

    await updateEntry(db, '11', (e) => ({ ...e, state: 'done' }));
    await link.acknowledge();
    await poll(() => relay.acks.at(-1)).toBe(5);
    expect(await loadCursor(db, 'sub1')).toBe(5);
  });

  it('reconnects after the connection drops, resuming from the acknowledged cursor', async () => {
    const { relay, db, link } = await setup();
    await poll(() => relay.hellos.length).toBe(1);
    relay.send(postEvent(4, post('11')));
    await poll(() => db.count('imports')).toBe(1);
    await updateEntry(db, '11', (e) => ({ ...e, state: 'done' }));
    await link.acknowledge();

    relay.dropAll();
    await poll(() => relay.hellos).toEqual([{ after: 0 }, { after: 4 }]);
  });

  it('registers again when the relay no longer knows the subscription', async () => {
    const { relay, db } = await setup();
    await poll(() => relay.hellos.length).toBe(1);
    relay.refuseWith(4401);
    relay.dropAll();
    await poll(() => relay.registrations()).toBeGreaterThanOrEqual(2);
    relay.refuseWith(undefined);
    await expect
      .poll(async () => ((await db.get('kv', 'relaySubscription')) as { id: string }).id)
      .not.toBe('sub1');
    await poll(() => relay.hellos.length).toBeGreaterThanOrEqual(2);
  });

  it('falls back to long-polling when WebSockets keep failing', async () => {
    const { relay, db } = await setup();
    await poll(() => relay.hellos.length).toBe(1);
    relay.breakSockets();
    relay.poll(postEvent(7, post('11')));
    relay.dropAll();

    await poll(() => relay.polls.length, { timeout: 5000 }).toBeGreaterThan(0);
    await poll(() => db.count('imports')).toBe(1);
    expect(relay.polls[0]).toContain('after=0');
  });
});
