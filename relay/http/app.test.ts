import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { relayErrorSchema } from '../../protocol/index.ts';
import { jsonInit, register, viaApp } from '../testing/api-client.ts';
import { inProcessApp } from '../testing/in-process-app.ts';
import { MAX_BODY_BYTES } from './app.ts';

describe('createApp', () => {
  it('answers unknown routes with a 404 JSON error', async () => {
    const { app } = inProcessApp();
    const response = await app.request('/v2/nothing');
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ error: 'no such route: GET /v2/nothing' });
  });

  it('answers 500 without internals, and logs the error with its context', async () => {
    const { app, store, log } = inProcessApp();
    const { id, secret } = await register(viaApp(app));
    store.close();
    const response = await app.request(
      `/v1/subscriptions/${id}`,
      jsonInit('GET', undefined, secret),
    );
    expect(response.status).toBe(500);
    expect(await response.json()).toEqual({
      error: 'internal error; the relay logged the details',
    });
    const logged = log.entries().find((e) => e.msg === 'unexpected error in a request');
    expect(logged).toMatchObject({
      level: 'error',
      method: 'GET',
      path: `/v1/subscriptions/${id}`,
    });
    expect(JSON.stringify(logged)).not.toContain(secret);
  });

  it('refuses a body over the limit with 413', async () => {
    const { app } = inProcessApp();
    const { id, secret } = await register(viaApp(app));
    const response = await app.request(`/v1/subscriptions/${id}/follows`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${secret}`, 'content-type': 'application/json' },
      body: JSON.stringify({ xUserId: '1', followIds: ['1'], pad: 'x'.repeat(MAX_BODY_BYTES) }),
    });
    expect(response.status).toBe(413);
    expect(relayErrorSchema.parse(await response.json()).error).toMatch(/larger than/);
  });

  it('reports health as JSON, naming a missing bearer token', async () => {
    const { app } = inProcessApp();
    const response = await app.request('/healthz');
    expect(response.status).toBe(503);
    expect(await response.json()).toMatchObject({
      ok: false,
      problems: ['no X_BEARER_TOKEN: the stream is idle'],
      stream: { state: 'idle', lastEventAt: null },
      rules: { used: 0, total: 1000 },
      uncovered: { follows: 0, subscriptions: 0 },
    });
  });

  it('serves Prometheus metrics', async () => {
    const { app } = inProcessApp();
    await register(viaApp(app), { xUserId: '1', followIds: ['2'] });
    const response = await app.request('/metrics');
    expect(response.headers.get('content-type')).toMatch(/^text\/plain/);
    const text = await response.text();
    for (const name of [
      'relay_socket_connections',
      'relay_posts_in_total',
      'relay_events_out_total',
      'relay_stream_reconnects_total',
      'relay_backfilled_posts_total',
      'relay_rule_capacity_used 1',
      'relay_rule_capacity_total 1000',
      'relay_uncovered_follows 0',
      'relay_subscriptions 1',
    ]) {
      expect(text).toContain(name);
    }
  });
});

describe('fuzzed requests', () => {
  const anyBody = fc.oneof(
    fc.jsonValue().map((value) => JSON.stringify(value)),
    fc.string(),
    fc
      .record({ xUserId: fc.string(), followIds: fc.array(fc.string()) })
      .map((v) => JSON.stringify(v)),
    fc
      .record({ seq: fc.oneof(fc.double(), fc.string(), fc.integer({ max: -1 })) })
      .map((v) => JSON.stringify(v)),
  );

  it('answer 4xx and leave the state unchanged', async () => {
    const { app, store } = inProcessApp({
      RELAY_ADMISSION_CODE: 'the-code',
      REGISTRATIONS_PER_HOUR_PER_ADDRESS: '0',
    });
    const { id, secret } = await register(
      viaApp(app),
      { xUserId: '1', followIds: ['10', '11'] },
      { admissionCode: 'the-code' },
    );
    const snapshot = () => ({
      status: store.subscription(id),
      follows: store.followsOf(id),
      subscriptions: store.subscriptionCount(),
    });
    const before = snapshot();

    await fc.assert(
      fc.asyncProperty(
        anyBody,
        fc.constantFrom(
          ['POST', '/v1/subscriptions'],
          ['PUT', `/v1/subscriptions/${id}/follows`],
          ['POST', `/v1/subscriptions/${id}/ack`],
        ),
        fc.boolean(),
        async (body, [method, path], withSecret) => {
          // A fuzzed ack may be a valid one; only a seq over the head, which is 0, changes nothing.
          fc.pre(!(path.endsWith('/ack') && /^\{"seq":\d+\}$/.test(body)));
          const headers: Record<string, string> = { 'content-type': 'application/json' };
          if (withSecret) headers.authorization = `Bearer ${secret}`;
          const response = await app.request(path!, { method: method!, headers, body });
          expect(response.status).toBeGreaterThanOrEqual(400);
          expect(response.status).toBeLessThan(500);
          expect(relayErrorSchema.safeParse(await response.json()).success).toBe(true);
          expect(snapshot()).toEqual(before);
        },
      ),
      { numRuns: 300 },
    );
  });
});
