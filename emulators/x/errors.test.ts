import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from './testing/harness.ts';
import { assertMatchesSpec } from './testing/openapi.ts';

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(() => h.close());

describe('errors as X sends them', () => {
  it('answers 401 to missing, unknown and revoked tokens', async () => {
    expect((await h.api('GET', '/2/tweets?ids=1', { token: null })).status).toBe(401);
    expect((await h.api('GET', '/2/tweets?ids=1', { token: 'nonsense' })).status).toBe(401);
    const { token } = h.userWithToken('ada');
    h.x.revokeToken(token);
    const res = await h.api('GET', '/2/users/me', { token });
    expect(res.status).toBe(401);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
  });

  it('answers 402 with the CreditsDepleted problem while credits are depleted', async () => {
    await h.api('PUT', '/_control/policy', { json: { creditsDepleted: true } });
    const res = await h.api('GET', '/2/tweets?ids=1');
    expect(res.status).toBe(402);
    expect(res.body).toMatchObject({
      title: 'CreditsDepleted',
      type: 'https://api.twitter.com/2/problems/credits',
    });
    expect(res.body.detail).toMatch(
      /^Your enrolled account \[\d+\] does not have any credits to fulfill this request\.$/,
    );
    expect(res.headers.get('x-rate-limit-limit')).toBe('3500');
  });

  it('sends rate-limit headers on every answer and 429 past the limit, until the window resets', async () => {
    h.x.setRateLimit('GET /2/tweets', { limit: 2, windowMs: 60_000 });
    const first = await h.api('GET', '/2/tweets?ids=1');
    expect(first.headers.get('x-rate-limit-limit')).toBe('2');
    expect(first.headers.get('x-rate-limit-remaining')).toBe('1');
    const reset = Number(first.headers.get('x-rate-limit-reset'));
    expect(reset).toBe(Math.ceil((h.clock.now() + 60_000) / 1000));

    await h.api('GET', '/2/tweets?ids=1');
    const limited = await h.api('GET', '/2/tweets?ids=1');
    expect(limited.status).toBe(429);
    expect(limited.body).toEqual({
      title: 'Too Many Requests',
      type: 'about:blank',
      status: 429,
      detail: 'Too Many Requests',
    });
    expect(limited.headers.get('x-rate-limit-remaining')).toBe('0');
    expect(limited.headers.get('x-rate-limit-reset')).toBe(String(reset));

    h.clock.advance(60_000);
    expect((await h.api('GET', '/2/tweets?ids=1')).status).toBe(200);
  });

  it('counts app and user limits apart, and adds the 24-hour headers where X has them', async () => {
    const { token } = h.userWithToken('ada');
    const post = await h.api('POST', '/2/tweets', { token, json: { text: 'counted' } });
    expect(post.headers.get('x-rate-limit-limit')).toBe('100');
    expect(post.headers.get('x-app-limit-24hour-limit')).toBe('10000');
    expect(post.headers.get('x-app-limit-24hour-remaining')).toBe('9999');
  });

  it('has no CORS anywhere, and answers preflights without it', async () => {
    const preflight = await fetch(`${h.x.url}/2/tweets`, {
      method: 'OPTIONS',
      headers: { origin: 'chrome-extension://abc', 'access-control-request-method': 'POST' },
    });
    expect(preflight.status).toBe(204);
    const ok = await fetch(`${h.x.url}/2/tweets?ids=1`, {
      headers: { origin: 'https://example.com', authorization: `Bearer ${h.x.bearerToken}` },
    });
    assertMatchesSpec('GET', '/2/tweets', ok.status, await ok.json());
    for (const res of [preflight, ok]) {
      expect([...res.headers.keys()].filter((k) => k.startsWith('access-control-'))).toEqual([]);
    }
  });

  it('answers unknown paths with X not-found', async () => {
    const res = await h.api('GET', '/2/nothing/here');
    expect(res.status).toBe(404);
    expect(res.body).toEqual({
      errors: [{ message: 'Sorry, that page does not exist', code: 34 }],
    });
  });

  it('injects faults through the shared control API and journals requests', async () => {
    const added = await h.api('POST', '/_control/faults', {
      json: {
        pathPrefix: '/2/tweets',
        status: 503,
        count: 1,
        body: { title: 'Service Unavailable', type: 'about:blank' },
      },
    });
    expect(added.status).toBe(201);
    expect((await h.api('GET', '/2/tweets?ids=1')).status).toBe(503);
    expect((await h.api('GET', '/2/tweets?ids=1')).status).toBe(200);
    const journal = await h.api('GET', '/_control/requests');
    expect(journal.body.map((e: { status: number }) => e.status)).toEqual([503, 200]);
  });

  it('resets the whole world through the control API', async () => {
    h.x.createUser({ username: 'ada' });
    await h.api('POST', '/_control/reset');
    expect(h.x.state.users.size).toBe(0);
    expect((await h.api('GET', '/_control/users')).body).toEqual([]);
  });
});
