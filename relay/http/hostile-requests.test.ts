import fc from 'fast-check';
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ackRequestSchema,
  followsRequestSchema,
  relayErrorSchema,
  subscriptionStatusSchema,
} from '../../protocol/index.ts';
import { startSeededRelay, type SeededRelay } from '../testing/seeded-relay.ts';
import { MAX_BODY_BYTES } from './app.ts';

/**
 * Random and malformed requests against a relay on a real socket, every endpoint: each gets
 * a 4xx with a JSON reason, and the database is byte for byte what it was.
 */

let seeded: SeededRelay;
let before: string;
beforeAll(async () => {
  seeded = await startSeededRelay();
  before = seeded.snapshot();
});
afterAll(() => seeded.close());

const METHODS = ['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD'] as const;

const segment = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 10 }),
  fc.constantFrom('', '.', '%', '%zz', '%E0%A4%A', '%00', '..%2f..', 'x'.repeat(2000), '\u{1F431}'),
);

const body = fc.oneof(
  fc.constant(''),
  fc.string(),
  fc.jsonValue().map((value) => JSON.stringify(value)),
  fc.uint8Array({ maxLength: 512 }).map((bytes) => Buffer.from(bytes).toString('latin1')),
  fc
    .record({ xUserId: fc.jsonValue(), followIds: fc.jsonValue() }, { requiredKeys: [] })
    .map((value) => JSON.stringify(value)),
  fc.record({ seq: fc.jsonValue() }).map((value) => JSON.stringify(value)),
  fc.record({ admissionCode: fc.jsonValue() }).map((value) => JSON.stringify(value)),
);

const contentType = fc.constantFrom(
  'application/json',
  'application/x-www-form-urlencoded',
  'text/plain',
  'multipart/form-data; boundary=nothing',
  undefined,
);

const query = fc.oneof(
  fc.constant(''),
  fc
    .record({ after: fc.string({ maxLength: 20 }), wait: fc.string({ maxLength: 5 }) })
    .map(
      ({ after, wait }) => `?after=${encodeURIComponent(after)}&wait=${encodeURIComponent(wait)}`,
    ),
  fc.string({ maxLength: 60 }).map((text) => `?${text}`),
);

/** A request that is not the subscription's own: no secret, a wrong one, or another's. */
const stranger = (relay: SeededRelay) => {
  const { a, b } = relay;
  const id = fc.oneof(fc.constantFrom(a.id, b.id), segment);
  const path = fc.oneof(
    fc.constant('/v1/subscriptions'),
    id.map((i) => `/v1/subscriptions/${i}`),
    fc
      .tuple(id, fc.constantFrom('follows', 'events', 'ack', 'stream'))
      .map(([i, tail]) => `/v1/subscriptions/${i}/${tail}`),
    fc.tuple(id, segment).map(([i, tail]) => `/v1/subscriptions/${i}/${tail}`),
    fc.array(segment, { maxLength: 4 }).map((parts) => `/${parts.join('/')}`),
  );
  const authorization = (forPath: string) =>
    fc.oneof(
      fc.constant(undefined),
      // The other subscription's secret, on this one's path.
      fc.constant(`Bearer ${forPath.includes(a.id) ? b.secret : a.secret}`),
      fc.constant(`Bearer ${a.secret}x`),
      fc.constant(`Bearer ${a.secret.slice(0, -1)}`),
      fc.constant(`bearer ${b.secret}`),
      fc.constant(`Basic ${Buffer.from(`${a.id}:${a.secret}`).toString('base64')}`),
      fc.constant(`Bearer ${'x'.repeat(5000)}`),
      fc.string({ maxLength: 80 }).map((text) => `Bearer ${text}`),
    );
  return path.chain((p) =>
    fc.record({
      method: fc.constantFrom(...METHODS),
      path: fc.constant(p),
      query,
      authorization: authorization(p),
      contentType,
      body,
    }),
  );
};

interface Attempt {
  method: string;
  path: string;
  query: string;
  authorization: string | undefined;
  contentType: string | undefined;
  body: string;
}

/** Sends one attempt over HTTP; answers the status and the body (a URL fetch refuses: 0). */
async function send(attempt: Attempt): Promise<{ status: number; text: string } | undefined> {
  let url: URL;
  try {
    // Concatenated, not resolved: a path starting `//` would otherwise name another host.
    url = new URL(seeded.url + attempt.path + attempt.query);
  } catch {
    return undefined; // not a URL a client could even ask for
  }
  const headers: Record<string, string> = {};
  if (attempt.authorization !== undefined) headers['authorization'] = attempt.authorization;
  if (attempt.contentType !== undefined) headers['content-type'] = attempt.contentType;
  const withBody = attempt.method !== 'GET' && attempt.method !== 'HEAD';
  const response = await fetch(url, {
    method: attempt.method,
    headers,
    ...(withBody && { body: attempt.body }),
  });
  return { status: response.status, text: await response.text() };
}

function expectRefused(answer: { status: number; text: string }, method: string): void {
  expect(answer.status).toBeGreaterThanOrEqual(400);
  expect(answer.status).toBeLessThan(500);
  if (method !== 'HEAD') {
    expect(relayErrorSchema.safeParse(JSON.parse(answer.text)).success).toBe(true);
  }
}

// Real sockets on a shared machine: a generous ceiling, never a timing claim.
describe('hostile requests to the relay', { timeout: 120_000 }, () => {
  it('from strangers, on every endpoint: 4xx, and nothing changes', async () => {
    let sent = 0;
    await fc.assert(
      fc.asyncProperty(stranger(seeded), async (attempt) => {
        const answer = await send(attempt);
        if (!answer) return;
        sent += 1;
        expectRefused(answer, attempt.method);
        expect(seeded.snapshot()).toBe(before);
      }),
      { numRuns: 600 },
    );
    expect(sent).toBeGreaterThan(500);
  });

  it('from the subscription itself, malformed: 400, and nothing changes', async () => {
    const { a } = seeded;
    const own = fc.oneof(
      body
        .filter((text) => !valid(followsRequestSchema, text))
        .map((text) => ({ method: 'PUT', path: `/v1/subscriptions/${a.id}/follows`, text })),
      body
        .filter((text) => !valid(ackRequestSchema, text))
        .map((text) => ({ method: 'POST', path: `/v1/subscriptions/${a.id}/ack`, text })),
      fc
        .record({ after: fc.string({ maxLength: 20 }), wait: fc.string({ maxLength: 5 }) })
        // Either is wrong; a valid `wait` over 0 would hold the request (a long-poll).
        .filter(({ after, wait }) => !/^[0-9]{1,15}$/.test(after) || !/^0{0,3}$/.test(wait))
        .filter(({ wait }) => !/^[0-9]{1,3}$/.test(wait) || Number(wait) > 50)
        .map(({ after, wait }) => ({
          method: 'GET',
          path: `/v1/subscriptions/${a.id}/events?after=${encodeURIComponent(after)}&wait=${encodeURIComponent(wait)}`,
          text: '',
        })),
    );
    await fc.assert(
      fc.asyncProperty(own, async ({ method, path, text }) => {
        const response = await fetch(seeded.url + path, {
          method,
          headers: { authorization: `Bearer ${a.secret}`, 'content-type': 'application/json' },
          ...(method !== 'GET' && { body: text }),
        });
        expect(response.status).toBe(400);
        expect(relayErrorSchema.parse(await response.json()).error).not.toBe('');
        expect(seeded.snapshot()).toBe(before);
      }),
      { numRuns: 400 },
    );
  });

  it('reading is not acknowledging: the own status and events change nothing', async () => {
    const { a } = seeded;
    const headers = { authorization: `Bearer ${a.secret}` };
    const status = await fetch(`${seeded.url}/v1/subscriptions/${a.id}`, { headers });
    expect(subscriptionStatusSchema.parse(await status.json())).toMatchObject({ ackedSeq: 1 });
    const events = await fetch(`${seeded.url}/v1/subscriptions/${a.id}/events?after=0`, {
      headers,
    });
    expect(events.status).toBe(200);
    expect(seeded.snapshot()).toBe(before);
  });

  it('refuses a body far over the limit without reading it all, and stays up', async () => {
    const { a } = seeded;
    const huge = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode('{"xUserId":"1","followIds":["'));
      },
      pull(controller) {
        controller.enqueue(new Uint8Array(64 * 1024).fill(0x31)); // endless "111…"
      },
    });
    const response = await fetch(`${seeded.url}/v1/subscriptions/${a.id}/follows`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${a.secret}`, 'content-type': 'application/json' },
      body: huge,
      duplex: 'half',
    } as RequestInit);
    expect(response.status).toBe(413);
    expect(relayErrorSchema.parse(await response.json()).error).toContain(String(MAX_BODY_BYTES));
    expect(seeded.snapshot()).toBe(before);
    expect((await fetch(`${seeded.url}/metrics`)).status).toBe(200);
  });

  it('answers broken HTTP with 400 or a closed socket, and keeps serving', async () => {
    const garbage = [
      'GARBAGE\r\n\r\n',
      'GET /v1/subscriptions/%zz HTTP/1.1\r\nHost: x\r\n\r\n',
      `GET /${'a'.repeat(200_000)} HTTP/1.1\r\nHost: x\r\n\r\n`,
      `GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: ${'b'.repeat(100_000)}\r\n\r\n`,
      'PUT /v1/subscriptions/x/follows HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n',
      'POST /v1/subscriptions HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nFFFFFFFFFFFFFFFF\r\n',
      'POST /v1/subscriptions HTTP/1.1\r\nHost: x\r\nContent-Length: -1\r\n\r\n',
      'GET / HTTP/9.9\r\n\r\n',
      '\u0000\u0001\u0002\u00ff'.repeat(1000),
    ];
    for (const text of garbage) {
      const answer = await rawExchange(seeded.url, text);
      const status = /^HTTP\/1\.1 (\d{3})/.exec(answer)?.[1];
      if (status !== undefined) expect(Number(status)).toBeGreaterThanOrEqual(400);
      if (status !== undefined) expect(Number(status)).toBeLessThan(500);
    }
    expect((await fetch(`${seeded.url}/metrics`)).status).toBe(200);
    expect(seeded.snapshot()).toBe(before);
  });
});

function valid(schema: { safeParse(value: unknown): { success: boolean } }, text: string) {
  try {
    return schema.safeParse(JSON.parse(text)).success;
  } catch {
    return false;
  }
}

/** Writes raw bytes to the relay's port; answers what came back before it closed (or 2 s). */
function rawExchange(baseUrl: string, text: string): Promise<string> {
  const { port } = new URL(baseUrl);
  return new Promise((resolve) => {
    const socket = connect(Number(port), '127.0.0.1');
    let received = '';
    const done = () => {
      clearTimeout(timer);
      socket.destroy();
      resolve(received);
    };
    const timer = setTimeout(done, 2000);
    socket.on('data', (chunk) => (received += chunk.toString('latin1')));
    socket.on('close', done);
    socket.on('error', done);
    socket.write(text, 'latin1');
  });
}
