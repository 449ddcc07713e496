import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer } from 'node:http';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { eventsResponseSchema } from '../../protocol/index.ts';
import { loadConfig } from '../config.ts';
import type { RunningRelay } from '../start-relay.ts';
import { startRelay } from '../start-relay.ts';
import { jsonInit, register, viaHttp } from '../testing/api-client.ts';
import { memoryLog } from '../testing/memory-log.ts';
import { tempDir } from '../testing/stack.ts';
import { waitFor } from '../testing/wait-for.ts';

const user = { id: '10', username: 'ten', name: 'Ten' };
const line = (value: unknown) => `${JSON.stringify(value)}\r\n`;
const post = (id: string, text: string) =>
  line({
    data: { id, text, author_id: '10', created_at: '2026-12-03T18:00:00.000Z' },
    includes: { users: [user] },
    matching_rules: [{ id: '1', tag: 'relay:1' }],
  });

/**
 * A bare-bones X that serves one scripted stream, chunk by chunk, byte for byte: what the
 * emulator cannot send (broken lines, lines cut anywhere).
 */
async function rawX(chunks: (string | Buffer)[]) {
  let streams = 0;
  let open: ServerResponse | undefined;
  let rules: { id: string; value: string; tag: string }[] = [];
  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    const path = new URL(request.url ?? '/', 'http://x').pathname;
    const json = (value: unknown) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify(value));
    };
    if (path === '/2/tweets/search/stream/rules' && request.method === 'GET') {
      return json({ data: rules, meta: { sent: '' } });
    }
    if (path === '/2/tweets/search/stream/rules') {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString()));
      request.on('end', () => {
        const change = JSON.parse(body) as {
          add?: { value: string; tag: string }[];
          delete?: { ids: string[] };
        };
        const added = (change.add ?? []).map((rule) => ({
          ...rule,
          id: String(rules.length + 100),
        }));
        rules = [...rules.filter((rule) => !change.delete?.ids.includes(rule.id)), ...added];
        json({ data: added, meta: { sent: '' } });
      });
      return;
    }
    if (path === '/2/tweets/search/recent') return json({ meta: { result_count: 0 } });
    if (path !== '/2/tweets/search/stream') return json({});

    streams += 1;
    open = response;
    response.writeHead(200, { 'content-type': 'application/json' });
    const keepAlive = setInterval(() => response.write('\r\n'), 50);
    response.on('close', () => clearInterval(keepAlive));
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo; // listening on TCP: an AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    streams: () => streams,
    /** Writes the script on the open stream, one write a chunk. */
    play: () => chunks.forEach((chunk) => open?.write(chunk)),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

// Real sockets and processes on a shared machine: a generous ceiling, never a timing claim.
describe('StreamHolder', { timeout: 60_000 }, () => {
  it('reads lines cut anywhere, skips malformed ones and carries on', async () => {
    const first = Buffer.from(post('101', 'héllo 🐱'));
    const cut = first.indexOf(Buffer.from('🐱')) + 2;
    const x = await rawX([
      '\r\n',
      first.subarray(0, cut),
      first.subarray(cut),
      '{oops\r\n',
      '[1,2]\r\n',
      line({ data: { id: 'not-an-id', text: 'x' } }),
      line({
        data: { id: '102', text: 'no author', author_id: '99' },
        includes: { users: [user] },
      }),
      line({ some_new_message: { hello: 'world' } }),
      line({ errors: [{ title: 'operational-disconnect', detail: 'not this time' }] }),
      post('103', 'second'),
      line({ data: { delete: { tweet: { id: '101' } } } }),
    ]);
    cleanups.push(x.close);
    const dir = tempDir();
    cleanups.push(dir.remove);
    const log = memoryLog();
    const relay: RunningRelay = await startRelay(
      loadConfig({
        PORT: '0',
        RELAY_DATA_DIR: dir.path,
        X_BEARER_TOKEN: 'raw-x-bearer-token',
        X_API_BASE: x.url,
        LOG_LEVEL: 'debug',
      }),
      { logDestination: log.stream, rulesSettleMs: 1 },
    );
    cleanups.push(relay.close);
    const request = viaHttp(relay.url);
    const sub = await register(request, { xUserId: '1', followIds: ['10'] });
    await waitFor('the stream', () => x.streams() === 1);
    x.play();

    const events = await waitFor('two events', async () => {
      const response = await request(
        `/v1/subscriptions/${sub.id}/events?after=0`,
        jsonInit('GET', undefined, sub.secret),
      );
      const answer = eventsResponseSchema.parse(await response.json());
      return answer.events.length === 2 ? answer.events : undefined;
    });
    // 101 was deleted: its post event went with its words; the delete remains.
    expect(events).toMatchObject([
      { type: 'post', post: { id: '103', text: 'second' } },
      { type: 'delete', postId: '101' },
    ]);
    const metrics = await (await request('/metrics')).text();
    expect(metrics).toContain('relay_stream_malformed_total 4');
    expect(metrics).toContain('relay_posts_in_total{source="stream"} 2');
    expect(x.streams()).toBe(1);
    expect(log.entries().some((e) => e.msg === 'X sent an error on the stream')).toBe(true);
  });
});
