import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { ServerMessage } from '../../protocol/index.ts';
import { serverMessageSchema } from '../../protocol/index.ts';
import { startSeededRelay, type SeededRelay } from '../testing/seeded-relay.ts';
import { waitFor } from '../testing/wait-for.ts';
import { CLOSE } from './close-codes.ts';

/**
 * Hostile WebSocket clients on a relay's real socket: random, binary, huge and ill-timed
 * frames, hellos with wrong or borrowed secrets, acks for other subscriptions' events. Each
 * ends in a documented close code or a pong, the relay keeps serving, and the database is
 * what it was (an ack of one's own events aside).
 */

let seeded: SeededRelay;
let before: string;
beforeAll(async () => {
  seeded = await startSeededRelay({}, { session: { helloTimeoutMs: 500 } });
  before = seeded.snapshot();
});
afterAll(() => seeded.close());

interface Client {
  ws: WebSocket;
  received: ServerMessage[];
  /** Resolves with the close code (or -1 when the upgrade itself was refused). */
  closed: Promise<number>;
  open: Promise<boolean>;
}

function client(id: string): Client {
  const ws = new WebSocket(`${seeded.url.replace('http', 'ws')}/v1/subscriptions/${id}/stream`);
  const received: ServerMessage[] = [];
  ws.on('message', (data) => received.push(serverMessageSchema.parse(JSON.parse(String(data)))));
  ws.on('error', () => undefined);
  const closed = new Promise<number>((resolve) => {
    ws.on('close', (code) => resolve(code));
    ws.on('unexpected-response', () => resolve(-1));
  });
  const open = new Promise<boolean>((resolve) => {
    ws.once('open', () => resolve(true));
    ws.once('close', () => resolve(false));
    ws.once('unexpected-response', () => resolve(false));
  });
  return { ws, received, closed, open };
}

type Frame = { text: string } | { binary: Uint8Array };

function frames(relay: SeededRelay): fc.Arbitrary<Frame> {
  const { a, b } = relay;
  const text = (value: unknown) => ({ text: JSON.stringify(value) });
  return fc.oneof(
    fc.string().map((t) => ({ text: t })),
    fc.jsonValue().map(text),
    fc.uint8Array({ maxLength: 256 }).map((bytes) => ({ binary: bytes })),
    fc.constant({ text: 'x'.repeat(5000) }),
    fc.constant({ binary: new Uint8Array(8192) }),
    fc.constant(text({ type: 'ping' })),
    // hellos that must not open A: B's secret, a near miss, nonsense `after`
    fc.constant(text({ type: 'hello', secret: b.secret, after: 0 })),
    fc.constant(text({ type: 'hello', secret: `${a.secret}x`, after: 0 })),
    fc.constant(text({ type: 'hello', secret: a.secret, after: -1 })),
    fc.constant(text({ type: 'hello', secret: a.secret, after: '0' })),
    fc.constant(text({ type: 'hello', secret: a.secret, after: 0, extra: true })),
    fc.record({ type: fc.constant('hello'), secret: fc.string(), after: fc.nat() }).map(text),
    fc.record({ type: fc.constant('ack'), seq: fc.oneof(fc.nat(), fc.double()) }).map(text),
    fc.record({ type: fc.string(), seq: fc.jsonValue() }, { requiredKeys: [] }).map(text),
  );
}

const DOCUMENTED = [CLOSE.policy, CLOSE.unauthorized, 1009 /* ws: frame over maxPayload */];

// Real sockets on a shared machine: a generous ceiling, never a timing claim.
describe('hostile WebSocket clients', { timeout: 120_000 }, () => {
  it('never open a subscription without its secret, whatever they send', async () => {
    const { a } = seeded;
    await fc.assert(
      fc.asyncProperty(fc.array(frames(seeded), { minLength: 1, maxLength: 6 }), async (list) => {
        const socket = client(a.id);
        if (!(await socket.open)) throw new Error('the upgrade was refused');
        for (const frame of list) {
          if (socket.ws.readyState !== WebSocket.OPEN) break;
          socket.ws.send('text' in frame ? frame.text : frame.binary);
        }
        // A ping proves the socket still works; the close proves it was refused.
        if (socket.ws.readyState === WebSocket.OPEN) socket.ws.send('{"type":"ping"}');
        const outcome = await Promise.race([
          socket.closed,
          waitFor('a pong', () => socket.received.some((m) => m.type === 'pong')).then(() => 0),
        ]);
        socket.ws.terminate();

        if (outcome !== 0) expect(DOCUMENTED).toContain(outcome);
        expect(socket.received.every((m) => m.type === 'pong')).toBe(true);
        expect(seeded.snapshot()).toBe(before);
      }),
      { numRuns: 150 },
    );
  });

  it('closes with 4401 a hello carrying another subscription’s secret', async () => {
    const socket = client(seeded.a.id);
    await socket.open;
    socket.ws.send(JSON.stringify({ type: 'hello', secret: seeded.b.secret, after: 0 }));
    expect(await socket.closed).toBe(CLOSE.unauthorized);
    expect(socket.received).toEqual([]);
  });

  it('closes with 1008 a client that never says hello', async () => {
    const sockets = Array.from({ length: 40 }, () => client(seeded.b.id));
    const codes = await Promise.all(sockets.map((s) => s.closed));
    expect(new Set(codes)).toEqual(new Set([CLOSE.policy]));
  });

  it('refuses the upgrade on any other path, and stays up', async () => {
    for (const id of ['', 'a/b', '%zz', 'x'.repeat(65), '..', 'ünïcode']) {
      const socket = client(id);
      expect(await socket.open).toBe(false);
    }
    expect((await fetch(`${seeded.url}/metrics`)).status).toBe(200);
  });

  it("lets an ack move only its own cursor, never past the head, never into another's events", async () => {
    const { a, b } = seeded;
    const socket = client(a.id);
    await socket.open;
    socket.ws.send(JSON.stringify({ type: 'hello', secret: a.secret, after: 0 }));
    await waitFor(
      'A’s three events',
      () => socket.received.filter((m) => m.type === 'event').length === 3,
    );
    // A's events are 2, 4 and 6; B's are 1, 3 and 5.
    const seqs = socket.received.flatMap((m) => (m.type === 'event' ? [m.event.seq] : []));
    expect(seqs).toEqual([2, 4, 6]);

    for (const seq of [3, 5, 1, 2 ** 40]) socket.ws.send(JSON.stringify({ type: 'ack', seq }));
    socket.ws.send(JSON.stringify({ type: 'ack', seq: -3 }));
    expect(await socket.closed).toBe(CLOSE.policy);

    const status = async (sub: { id: string; secret: string }) =>
      (await (
        await fetch(`${seeded.url}/v1/subscriptions/${sub.id}`, {
          headers: { authorization: `Bearer ${sub.secret}` },
        })
      ).json()) as { ackedSeq: number };
    expect((await status(a)).ackedSeq).toBe(6); // the head, not 2^40
    expect((await status(b)).ackedSeq).toBe(0);

    const after = JSON.parse(seeded.snapshot()) as Record<string, unknown[][]>;
    const was = JSON.parse(before) as Record<string, unknown[][]>;
    for (const table of Object.keys(was)) {
      if (table !== 'subscriptions') expect(after[table]).toEqual(was[table]);
    }
    const row = (rows: unknown[][] | undefined, id: string) => rows?.find((r) => r[0] === id);
    expect(row(after['subscriptions'], b.id)).toEqual(row(was['subscriptions'], b.id));
  });
});
