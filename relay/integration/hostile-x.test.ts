import { afterEach, describe, expect, it } from 'vitest';
import { register, viaHttp } from '../testing/api-client.ts';
import { resilientSocket } from '../testing/socket-client.ts';
import type { Stack } from '../testing/stack.ts';
import { rulesCover, startStack } from '../testing/stack.ts';
import { waitFor } from '../testing/wait-for.ts';

/**
 * X answering garbage: lines that are not JSON, posts of the wrong shape, invalid UTF-8, a
 * line of 64 MB, HTML pages with 200, JSON of the wrong shape, bodies cut off. The relay
 * skips what it cannot read, keeps its stream when it can, and every real post still reaches
 * its subscriber once.
 */

let stack: Stack | undefined;
afterEach(async () => {
  await stack?.close();
  stack = undefined;
});

type Mangle = (url: URL) => Response | undefined;

/** A fetch for the relay's calls to X that can answer instead of X, or prefix its stream. */
function hostileFetch() {
  const control = {
    mangle: undefined as Mangle | undefined,
    /** Sent on the next stream connection before X's own bytes. */
    streamPrefix: undefined as (() => ReadableStream<Uint8Array>) | undefined,
  };
  const doFetch: typeof fetch = async (input, init) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    const answer = control.mangle?.(url);
    if (answer) return answer;
    const response = await fetch(input, init);
    const prefix = control.streamPrefix;
    if (url.pathname !== '/2/tweets/search/stream' || !prefix || !response.body) return response;
    control.streamPrefix = undefined;
    return new Response(concat(prefix(), response.body), {
      status: response.status,
      headers: response.headers,
    });
  };
  return { control, fetch: doFetch };
}

function concat(...streams: ReadableStream<Uint8Array>[]): ReadableStream<Uint8Array> {
  const { readable, writable } = new TransformStream<Uint8Array, Uint8Array>();
  void (async () => {
    for (const stream of streams) await stream.pipeTo(writable, { preventClose: true });
    await writable.close();
  })().catch(() => undefined);
  return readable;
}

const encode = (text: string) => new TextEncoder().encode(text);

/** Garbage lines, then one line of `hugeBytes` in 16 kB chunks, then a line end. */
function garbage(hugeBytes: number): ReadableStream<Uint8Array> {
  const lines = [
    '{oops\r\n',
    'null\r\n',
    '"a string"\r\n',
    '[1,2,3]\r\n',
    '{"data":{"id":5,"text":1}}\r\n',
    '{"data":{"id":"12","text":"no author"}}\r\n',
    `${'['.repeat(100_000)}${']'.repeat(100_000)}\r\n`,
  ];
  const chunks = [...lines.map(encode), new Uint8Array([0xff, 0xfe, 0xc3, 0x28, 0x0d, 0x0a])];
  let hugeLeft = hugeBytes;
  return new ReadableStream({
    pull(controller) {
      const next = chunks.shift();
      if (next) return controller.enqueue(next);
      if (hugeLeft > 0) {
        hugeLeft -= 16 * 1024;
        return controller.enqueue(new Uint8Array(16 * 1024).fill(0x61));
      }
      controller.enqueue(encode('\r\n'));
      controller.close();
    },
  });
}

/** A body that sends `start` and then fails, as a connection cut mid-answer does. */
function cutOff(start: string): Response {
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(encode(start));
      controller.error(new TypeError('terminated'));
    },
  });
  return new Response(body, { status: 200, headers: { 'content-type': 'application/json' } });
}

async function metric(name: string): Promise<number> {
  const text = await (await fetch(`${stack!.relay.url}/metrics`)).text();
  const line = text.split('\n').find((l) => l.startsWith(name));
  return Number(line?.split(' ').at(-1) ?? 0);
}

const streamConnects = () =>
  stack!.x.journal.entries().filter((e) => e.path === '/2/tweets/search/stream' && e.status === 200)
    .length;

// Real sockets on a shared machine: a generous ceiling, never a timing claim.
describe('the relay against a hostile X', { timeout: 120_000 }, () => {
  it('skips garbage lines and a 64 MB line on the stream, keeps the connection, loses no post', async () => {
    const hostile = hostileFetch();
    hostile.control.streamPrefix = () => garbage(64 * 1024 * 1024);
    stack = await startStack({ relay: { fetch: hostile.fetch } });
    const { x, relay } = stack;
    const ada = x.createUser({ username: 'ada' });
    const sub = await register(viaHttp(relay.url), { xUserId: '1', followIds: [ada.id] });
    await rulesCover(stack, [ada.id]);
    const socket = resilientSocket(relay.url, sub.id, sub.secret);

    // Seven unreadable lines, invalid UTF-8, and the line over the cap, counted once.
    await waitFor(
      'the garbage skipped',
      async () => (await metric('relay_stream_malformed_total')) >= 9,
    );
    const connects = streamConnects();
    const post = x.post(ada.id, { text: 'after the garbage' });
    await waitFor('the post', () => socket.postIds().includes(post.id));
    socket.stop();

    expect(socket.postIds()).toEqual([post.id]);
    expect(await metric('relay_stream_malformed_total')).toBe(9);
    expect(streamConnects()).toBe(connects); // the same connection carried the post
  });

  it('survives X answering HTML, wrong shapes and cut-off bodies, and backfills after', async () => {
    const hostile = hostileFetch();
    stack = await startStack({ relay: { fetch: hostile.fetch } });
    const { x, relay } = stack;
    const ada = x.createUser({ username: 'ada' });
    const sub = await register(viaHttp(relay.url), { xUserId: '1', followIds: [ada.id] });
    await rulesCover(stack, [ada.id]);
    const socket = resilientSocket(relay.url, sub.id, sub.secret);
    const first = x.post(ada.id, { text: 'before' });
    await waitFor('the first post', () => socket.postIds().includes(first.id));

    const answers: (() => Response)[] = [
      () => new Response('<html><body>Welcome to x.com</body></html>', { status: 200 }),
      () => Response.json({ data: 'nope', meta: [] }),
      () => new Response('<h1>502 Bad Gateway</h1>', { status: 502 }),
      () => cutOff('{"data":[{"id":"1'),
      () => new Response('', { status: 200 }),
    ];
    const during: string[] = [];
    for (const answer of answers) {
      hostile.control.mangle = () => answer();
      x.disconnectStream('drop');
      during.push(x.post(ada.id, { text: `during garbage ${during.length}` }).id);
      // The relay meets the garbage on its reconnect, and is still up and saying so.
      await waitFor('a refused reconnect', async () => {
        const health = await fetch(`${relay.url}/healthz`);
        return health.status === 503;
      });
    }
    hostile.control.mangle = undefined;

    await waitFor('every post, after the garbage', () =>
      during.every((id) => socket.postIds().includes(id)),
    );
    socket.stop();
    expect(socket.postIds().sort()).toEqual([first.id, ...during].sort());
    expect(new Set(socket.postIds()).size).toBe(socket.postIds().length);
  });
});
