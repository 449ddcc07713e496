import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { createStatusNetClient } from './statusnet-client.ts';
import { StatusNetError } from './statusnet-error.ts';
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

const notice = {
  id: 7,
  text: 'hello',
  created_at: 'Thu Dec 03 18:10:31 +0000 2026',
  user: { id: 1, name: 'Alice', screen_name: 'alice' },
};

// Every hostile answer sits under its own "API root", so one server serves the whole file.
const site = await startHostileServer({
  '/malformed/': answer(200, 'application/json', '{"id": 7, "text": "hel'),
  '/proxy-502/': answer(502, 'text/html', PROXY_502_PAGE),
  '/html-200/': answer(200, 'text/html', '<!DOCTYPE html><title>Log in</title><form></form>'),
  '/wrong-types/': answer(200, 'application/json', JSON.stringify({ ...notice, id: 'seven' })),
  '/null/': answer(200, 'application/json', 'null'),
  '/empty/': answer(200, 'application/json', ''),
  '/error-401/': answer(401, 'application/json', '{"error":"Could not authenticate you."}'),
  '/error-typed-wrong/': answer(403, 'application/json', '{"error":{"nested":true}}'),
  '/error-500/': answer(500, 'application/json', '{"error":"Database error."}'),
  '/deep/': answer(200, 'application/json', '['.repeat(200_000) + ']'.repeat(200_000)),
  '/cut-off/': cutOff('{"id": 7, "text": "hel'),
  '/stall/': stallAfterHeaders('{"id": 7,'),
  '/hang/': neverAnswer,
  '/reset/': resetConnection,
  '/huge/': hugeChunked(12 * 1024 * 1024),
  '/huge-502/': hugeChunked(12 * 1024 * 1024, 502),
  '/declared-huge/': answer(200, 'application/json', '[]', { 'content-length': '2' }),
  '/ok/': answer(200, 'application/json', JSON.stringify(notice)),
});
afterAll(() => site.close());

// Generous by default, as the machine may be busy; short only where the timeout is the point.
const client = (root: string, timeoutMs = 10_000) =>
  createStatusNetClient({
    apiBase: `${site.url}/${root}`,
    auth: { kind: 'basic', username: 'alice', password: 'alicepass123' },
    timeoutMs,
  });

/** The StatusNetError a call ends in; fails the test if it ends otherwise. */
const failure = (call: Promise<unknown>) => failureOf(call, StatusNetError);

failOnUnhandledRejections();

describe('the StatusNet client against a broken or hostile site', () => {
  it('reads a good answer (the server itself works)', async () => {
    await expect(client('ok').show(7)).resolves.toMatchObject({ id: 7, text: 'hello' });
  });

  it('calls malformed JSON not the API', async () => {
    const error = await failure(client('malformed').show(7));
    expect(error).toMatchObject({ kind: 'not-api', status: 200 });
    expect(error.message).toMatch(/not the StatusNet API/);
  });

  it("calls a proxy's 502 page a server failure, worth retrying", async () => {
    const error = await failure(client('proxy-502').update({ status: 'hi' }));
    expect(error).toMatchObject({ kind: 'server', status: 502, retryable: true });
    expect(error.message).toMatch(/text\/html page/);
  });

  it('calls an HTML page answered with 200 (a login wall, a wrong URL) not the API', async () => {
    const error = await failure(client('html-200').verifyCredentials());
    expect(error).toMatchObject({ kind: 'not-api', retryable: false });
  });

  it('names the field of a notice that has the wrong type', async () => {
    const error = await failure(client('wrong-types').show(7));
    expect(error.kind).toBe('not-api');
    expect(error.message).toMatch(/^The site's answer is not what the API returns \(id: /);
  });

  it('refuses null and an empty body', async () => {
    expect((await failure(client('null').show(7))).kind).toBe('not-api');
    expect((await failure(client('empty').show(7))).kind).toBe('not-api');
  });

  it("keeps the site's own words on a 401, and the status on an error body of the wrong type", async () => {
    const refused = await failure(client('error-401').verifyCredentials());
    expect(refused).toMatchObject({ kind: 'auth', serviceMessage: 'Could not authenticate you.' });
    const odd = await failure(client('error-typed-wrong').update({ status: 'hi' }));
    expect(odd).toMatchObject({ kind: 'refused', serviceMessage: 'HTTP 403', status: 403 });
    const down = await failure(client('error-500').destroy(7));
    expect(down).toMatchObject({ kind: 'server', serviceMessage: 'Database error.' });
  });

  it('survives JSON nested 200,000 deep', async () => {
    expect((await failure(client('deep').show(7))).kind).toBe('not-api');
  });

  it('calls a body cut off before its end a network failure (the action may have happened)', async () => {
    const error = await failure(client('cut-off').update({ status: 'hi' }));
    expect(error).toMatchObject({ kind: 'network', retryable: true });
    expect(error.message).toMatch(/answer was cut off before its end$/);
  });

  it('gives up on a body that stalls after its headers, at the timeout', async () => {
    const error = await failure(client('stall', 300).userTimeline(1));
    expect(error).toMatchObject({ kind: 'network' });
    expect(error.message).toMatch(/answer did not finish in time$/);
  });

  it('gives up on a site that never answers, at the timeout', async () => {
    const error = await failure(client('hang', 300).userTimeline(1));
    expect(error).toMatchObject({ kind: 'network' });
    expect(error.message).toMatch(/timed out$/);
  });

  it('calls a reset connection unreachable', async () => {
    const error = await failure(client('reset').userTimeline(1));
    expect(error).toMatchObject({ kind: 'network' });
    expect(error.message).toMatch(/could not be reached$/);
  });

  it('stops reading a body past 8 MB, whatever its status', async () => {
    const huge = await failure(createStatusNetClient({ apiBase: `${site.url}/huge` }).show(7));
    expect(huge).toMatchObject({ kind: 'not-api' });
    expect(huge.message).toMatch(/answer is larger than 8 MB$/);
    const huge502 = await failure(
      createStatusNetClient({ apiBase: `${site.url}/huge-502` }).show(7),
    );
    expect(huge502).toMatchObject({ kind: 'server' });
  });

  it("lets the caller's own abort through as the abort it is", async () => {
    const abort = new AbortController();
    const call = client('stall').verifyCredentials(abort.signal);
    setTimeout(() => abort.abort(new Error('the worker is stopping')), 50);
    await expect(call).rejects.toThrow('the worker is stopping');
  });
});

describe('the StatusNet client against random answers', () => {
  const status = fc.oneof(
    fc.constantFrom(200, 201, 204, 301, 400, 401, 403, 404, 410, 429, 500, 502, 503),
    fc.integer({ min: 200, max: 599 }),
  );
  const body = fc.oneof(
    fc.string(),
    fc.uint8Array({ maxLength: 2048 }).map((bytes) => new TextDecoder().decode(bytes)),
    fc.jsonValue().map((value) => JSON.stringify(value)),
    fc.record({ error: fc.jsonValue() }).map((value) => JSON.stringify(value)),
    fc
      .record(
        { id: fc.jsonValue(), text: fc.jsonValue(), user: fc.jsonValue() },
        { requiredKeys: [] },
      )
      .map((value) => JSON.stringify({ ...notice, ...value })),
  );
  const contentType = fc.constantFrom('application/json', 'text/html', 'text/plain', '');

  it('end every call in a notice or a StatusNetError whose kind follows the status', async () => {
    await fc.assert(
      fc.asyncProperty(status, body, contentType, async (code, text, type) => {
        // The statuses that cannot carry a body (the Response constructor refuses one).
        const noBody = [204, 205, 304].includes(code);
        const fake: typeof fetch = async () =>
          new Response(noBody ? null : text, {
            status: code,
            headers: type ? { 'content-type': type } : {},
          });
        const sn = createStatusNetClient({ apiBase: 'http://site.test/api', fetch: fake });
        const outcome = await sn.show(7).then(
          (value) => ({ value }),
          (error: unknown) => ({ error }),
        );
        if ('value' in outcome) {
          expect(code).toBeGreaterThanOrEqual(200);
          expect(code).toBeLessThan(300);
          expect(outcome.value.id).toEqual(expect.any(Number));
          return;
        }
        expect(outcome.error).toBeInstanceOf(StatusNetError);
        const error = outcome.error as StatusNetError;
        expect(error.message.length).toBeGreaterThan(0);
        if (code === 401) expect(error.kind).toBe('auth');
        if (code >= 500) expect(error.kind).toBe('server');
        if (code >= 200 && code < 300) expect(error.kind).toBe('not-api');
      }),
      { numRuns: 400 },
    );
  });
});
