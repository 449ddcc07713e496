import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { createXClient } from './x-client.ts';
import { XApiError } from './x-error.ts';
import { failOnUnhandledRejections, failureOf } from './testing/call-failures.ts';
import {
  answer,
  cutOff,
  hugeChunked,
  neverAnswer,
  PROXY_502_PAGE,
  resetConnection,
  stallAfterHeaders,
  startHostileServer,
} from './testing/hostile-server.ts';

const created = { data: { id: '1900000000000000001', text: 'hello' } };
const json = 'application/json';
const problem = 'application/problem+json';

// Each hostile answer sits under its own path prefix, so one server serves the whole file.
const x = await startHostileServer({
  '/malformed/': answer(201, json, '{"data": {"id": "19000'),
  '/proxy-503/': answer(503, 'text/html', PROXY_502_PAGE.replaceAll('502 Bad Gateway', '503')),
  '/html-200/': answer(200, 'text/html', '<!DOCTYPE html><title>x.com</title>'),
  '/number-id/': answer(201, json, '{"data": {"id": 1900000000000000001, "text": "h"}}'),
  '/empty-200/': answer(200, json, ''),
  '/problem-401/': answer(
    401,
    problem,
    JSON.stringify({
      title: 'Unauthorized',
      type: 'about:blank',
      status: 401,
      detail: 'Unauthorized',
    }),
  ),
  '/problem-typed-wrong/': answer(400, problem, JSON.stringify({ detail: 5, errors: 'many' })),
  '/rate-html/': answer(429, 'text/html', '<h1>Too Many Requests</h1>', {
    'x-rate-limit-reset': String(Math.floor(Date.now() / 1000) + 60),
  }),
  '/rate-absurd/': answer(429, json, '{"title":"Too Many Requests"}', {
    'x-rate-limit-reset': '9999999999999',
  }),
  '/rate-nonsense/': answer(429, json, '{"title":"Too Many Requests"}', {
    'x-rate-limit-reset': 'soon',
  }),
  '/cut-off/': cutOff('{"data": {"id": "19'),
  '/stall/': stallAfterHeaders('{"data":'),
  '/hang/': neverAnswer,
  '/reset/': resetConnection,
  '/huge/': hugeChunked(12 * 1024 * 1024),
  '/ok/': answer(201, json, JSON.stringify(created)),
});
afterAll(() => x.close());

// The client's paths are absolute (`/2/tweets`), so `new URL` would drop a prefix in the API
// base: the prefix goes in by a wrapping fetch instead.
// Generous by default, as the machine may be busy; short only where the timeout is the point.
const post = (base: string, timeoutMs = 10_000) =>
  createXClient({
    apiBase: x.url,
    accessToken: async () => 'user-token',
    timeoutMs,
    fetch: (url, init) => fetch(String(url).replace('/2/', `/${base}/2/`), init),
  }).createPost({ text: 'hello' });

/** The XApiError a call ends in; fails the test if it ends otherwise. */
const failure = (call: Promise<unknown>) => failureOf(call, XApiError);

failOnUnhandledRejections();

describe('the X client against a broken or hostile X', () => {
  it('reads a good answer (the server itself works)', async () => {
    await expect(post('ok')).resolves.toEqual(created);
  });

  it('calls malformed JSON not the API, and leaves it to the outbox to look before retrying', async () => {
    const error = await failure(post('malformed'));
    expect(error).toMatchObject({ kind: 'not-api', status: 201 });
    expect(error.message).toMatch(/non-JSON body/);
  });

  it("calls a proxy's 503 page a server failure, worth retrying", async () => {
    const error = await failure(post('proxy-503'));
    expect(error).toMatchObject({ kind: 'server', status: 503, retryable: true });
  });

  it('calls an HTML page answered with 200 not the API', async () => {
    expect((await failure(post('html-200'))).kind).toBe('not-api');
  });

  it('refuses a post id that is a number (ids are strings: a number loses digits)', async () => {
    const error = await failure(post('number-id'));
    expect(error.kind).toBe('not-api');
    expect(error.message).toMatch(/^Unexpected answer from X \(data\.id: /);
  });

  it('refuses an empty 200', async () => {
    expect((await failure(post('empty-200'))).kind).toBe('not-api');
  });

  it("keeps X's detail on a 401, and the status on a problem of the wrong shape", async () => {
    expect(await failure(post('problem-401'))).toMatchObject({
      kind: 'auth',
      serviceMessage: 'Unauthorized',
    });
    expect(await failure(post('problem-typed-wrong'))).toMatchObject({
      kind: 'bad-request',
      serviceMessage: 'HTTP 400',
    });
  });

  it("reads the reset of a 429 whose body is HTML, and never waits past X's longest window", async () => {
    const html = await failure(post('rate-html'));
    expect(html).toMatchObject({ kind: 'rate-limit', retryable: true });
    expect(html.resetAt).toBeGreaterThan(Date.now());

    const before = Date.now();
    const absurd = await failure(post('rate-absurd'));
    expect(absurd.kind).toBe('rate-limit');
    expect(absurd.resetAt).toBeLessThanOrEqual(Date.now() + 24 * 3600_000);
    expect(absurd.resetAt).toBeGreaterThanOrEqual(before + 24 * 3600_000);
    // A date the outbox can show: a reset beyond year 275760 would throw in toISOString().
    expect(() => new Date(absurd.resetAt!).toISOString()).not.toThrow();

    expect((await failure(post('rate-nonsense'))).resetAt).toBeUndefined();
  });

  it('calls a body cut off before its end a network failure (the post may exist)', async () => {
    const error = await failure(post('cut-off'));
    expect(error).toMatchObject({ kind: 'network', retryable: true });
    expect(error.message).toBe("X's answer was cut off before its end");
  });

  it('gives up on a body that stalls after its headers, at the timeout', async () => {
    const error = await failure(post('stall', 300));
    expect(error).toMatchObject({ kind: 'network' });
    expect(error.message).toBe("X's answer did not finish in time");
  });

  it('gives up on an X that never answers, and on a reset connection', async () => {
    expect((await failure(post('hang', 300))).message).toBe('X timed out');
    expect((await failure(post('reset'))).message).toBe('X could not be reached');
  });

  it('stops reading a body past 8 MB', async () => {
    const error = await failure(post('huge'));
    expect(error).toMatchObject({ kind: 'not-api' });
    expect(error.message).toBe("X's answer is larger than 8 MB");
  });
});

describe('the X client against random answers', () => {
  const status = fc.oneof(
    fc.constantFrom(200, 201, 400, 401, 402, 403, 404, 429, 500, 502, 503),
    fc.integer({ min: 200, max: 599 }),
  );
  const body = fc.oneof(
    fc.string(),
    fc.uint8Array({ maxLength: 2048 }).map((bytes) => new TextDecoder().decode(bytes)),
    fc.jsonValue().map((value) => JSON.stringify(value)),
    fc
      .record(
        { title: fc.jsonValue(), detail: fc.jsonValue(), errors: fc.jsonValue() },
        { requiredKeys: [] },
      )
      .map((value) => JSON.stringify(value)),
    fc
      .record({ id: fc.jsonValue(), text: fc.jsonValue() }, { requiredKeys: [] })
      .map((value) => JSON.stringify({ data: { ...created.data, ...value } })),
  );
  const reset = fc.oneof(
    fc.constant(undefined),
    fc.string(),
    fc.double().map(String),
    fc.integer().map(String),
  );

  it('end every call in a post or an XApiError whose kind follows the status', async () => {
    await fc.assert(
      fc.asyncProperty(status, body, reset, async (code, text, resetHeader) => {
        // The statuses that cannot carry a body (the Response constructor refuses one).
        const noBody = [204, 205, 304].includes(code);
        const fake: typeof fetch = async () =>
          new Response(noBody ? null : text, {
            status: code,
            headers: resetHeader === undefined ? {} : { 'x-rate-limit-reset': resetHeader },
          });
        const api = createXClient({
          apiBase: 'http://x.test',
          accessToken: async () => 't',
          fetch: fake,
        });
        const outcome = await api.createPost({ text: 'hi' }).then(
          (value) => ({ value }),
          (error: unknown) => ({ error }),
        );
        if ('value' in outcome) {
          expect(code).toBeLessThan(300);
          expect(typeof outcome.value.data.id).toBe('string');
          return;
        }
        expect(outcome.error).toBeInstanceOf(XApiError);
        const error = outcome.error as XApiError;
        expect(error.message.length).toBeGreaterThan(0);
        if (error.resetAt !== undefined) {
          expect(() => new Date(error.resetAt!).toISOString()).not.toThrow();
        }
        if (code === 401) expect(error.kind).toBe('auth');
        if (code === 429) expect(error.kind).toBe('rate-limit');
        if (code >= 500) expect(error.kind).toBe('server');
        if (code < 300) expect(error.kind).toBe('not-api');
      }),
      { numRuns: 400 },
    );
  });
});
