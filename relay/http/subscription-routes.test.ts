import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { subscriptionStatusSchema } from '../../protocol/index.ts';
import { jsonInit, register, viaApp } from '../testing/api-client.ts';
import { inProcessApp } from '../testing/in-process-app.ts';

describe('POST /v1/subscriptions', () => {
  it('answers 201 with an id and a secret that is stored only as its SHA-256', async () => {
    const { app, store } = inProcessApp();
    const created = await register(viaApp(app));
    expect(created.secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(store.secretHashOf(created.id)).toEqual(
      createHash('sha256').update(created.secret).digest(),
    );
  });

  it('accepts an empty body as {}', async () => {
    const { app } = inProcessApp();
    const response = await app.request('/v1/subscriptions', { method: 'POST' });
    expect(response.status).toBe(201);
  });

  it('asks for the admission code when the operator set one', async () => {
    const { app } = inProcessApp({ RELAY_ADMISSION_CODE: 'open-sesame' });
    const missing = await app.request('/v1/subscriptions', jsonInit('POST', {}));
    expect(missing.status).toBe(403);
    expect(await missing.json()).toEqual({ error: 'this relay needs an admission code' });
    const wrong = await app.request(
      '/v1/subscriptions',
      jsonInit('POST', { admissionCode: 'open' }),
    );
    expect(wrong.status).toBe(403);
    expect(await wrong.json()).toEqual({ error: 'wrong admission code' });
    const right = await app.request(
      '/v1/subscriptions',
      jsonInit('POST', { admissionCode: 'open-sesame' }),
    );
    expect(right.status).toBe(201);
  });

  it('limits registrations per address, by X-Forwarded-For behind a proxy', async () => {
    const { app } = inProcessApp({ REGISTRATIONS_PER_HOUR_PER_ADDRESS: '2', TRUST_PROXY: 'true' });
    const from = (address: string) =>
      app.request('/v1/subscriptions', {
        method: 'POST',
        headers: { 'x-forwarded-for': `6.6.6.6, ${address}` },
      });
    expect((await from('10.0.0.1')).status).toBe(201);
    expect((await from('10.0.0.1')).status).toBe(201);
    const third = await from('10.0.0.1');
    expect(third.status).toBe(429);
    expect(Number(third.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await third.json()).toEqual({
      error: expect.stringContaining('too many registrations'),
    });
    expect((await from('10.0.0.2')).status).toBe(201);
  });

  it('ignores X-Forwarded-For without a trusted proxy', async () => {
    const { app } = inProcessApp({ REGISTRATIONS_PER_HOUR_PER_ADDRESS: '1' });
    const from = (address: string) =>
      app.request('/v1/subscriptions', { method: 'POST', headers: { 'x-forwarded-for': address } });
    expect((await from('10.0.0.1')).status).toBe(201);
    expect((await from('10.0.0.2')).status).toBe(429);
  });

  it('refuses unknown fields, naming them', async () => {
    const { app } = inProcessApp();
    const response = await app.request('/v1/subscriptions', jsonInit('POST', { admission: 'x' }));
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ error: expect.stringContaining('admission') });
  });
});

describe('subscription routes', () => {
  it('sets follows and reports the status', async () => {
    const { app } = inProcessApp();
    const { id, secret } = await register(viaApp(app));
    const put = await app.request(
      `/v1/subscriptions/${id}/follows`,
      jsonInit('PUT', { xUserId: '42', followIds: ['7', '8', '7'] }, secret),
    );
    expect(put.status).toBe(200);
    const status = subscriptionStatusSchema.parse(await put.json());
    expect(status).toEqual({
      id,
      xUserId: '42',
      follows: 2,
      uncovered: 0,
      ackedSeq: 0,
      oldestSeq: 0,
    });

    const get = await app.request(`/v1/subscriptions/${id}`, jsonInit('GET', undefined, secret));
    expect(await get.json()).toEqual(status);
  });

  it('counts follows over rule capacity as uncovered', async () => {
    const { app } = inProcessApp({ RULE_MAX_LENGTH: '64', RULE_MAX_COUNT: '1' });
    const { id, secret } = await register(viaApp(app));
    const ids = ['1000000000000000001', '1000000000000000002', '1000000000000000003'];
    const put = await app.request(
      `/v1/subscriptions/${id}/follows`,
      jsonInit('PUT', { xUserId: '42', followIds: ids }, secret),
    );
    expect(await put.json()).toMatchObject({ follows: 3, uncovered: 1 });
  });

  it('names the field a follows body gets wrong', async () => {
    const { app } = inProcessApp();
    const { id, secret } = await register(viaApp(app));
    const put = (body: unknown) =>
      app.request(`/v1/subscriptions/${id}/follows`, jsonInit('PUT', body, secret));

    const badId = await put({ xUserId: '42', followIds: ['7', 'eight'] });
    expect(badId.status).toBe(400);
    expect(await badId.json()).toEqual({
      error: 'body.followIds.1: an X id is a string of 1 to 19 digits',
    });

    const missing = await put({ followIds: [] });
    expect(await missing.json()).toEqual({ error: expect.stringContaining('body.xUserId') });

    const tooMany = await put({
      xUserId: '1',
      followIds: Array.from({ length: 10_001 }, (_, i) => String(i + 1)),
    });
    expect(tooMany.status).toBe(400);
    expect(await tooMany.json()).toEqual({ error: expect.stringContaining('body.followIds') });

    const notJson = await app.request(`/v1/subscriptions/${id}/follows`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${secret}` },
      body: '{"xUserId":',
    });
    expect(notJson.status).toBe(400);
    expect(await notJson.json()).toEqual({ error: 'the body is not valid JSON' });
  });

  it('deletes everything about a subscription', async () => {
    const { app, store, ingest } = inProcessApp();
    const { id, secret } = await register(viaApp(app), { xUserId: '1', followIds: ['10'] });
    ingest.ingestPosts(
      [{ id: '500', text: 'x', author_id: '10', created_at: '2026-01-01T00:00:00.000Z' }],
      { users: [{ id: '10', username: 'ten', name: 'Ten' }] },
      'stream',
    );
    expect(store.readEvents(id, 0, 10)).toHaveLength(1);

    const response = await app.request(
      `/v1/subscriptions/${id}`,
      jsonInit('DELETE', undefined, secret),
    );
    expect(response.status).toBe(204);
    expect(store.subscription(id)).toBeUndefined();
    expect(store.followsOf(id)).toEqual([]);
    expect(store.readEvents(id, 0, 10)).toEqual([]);
    expect(store.followerCounts().size).toBe(0);
    const after = await app.request(`/v1/subscriptions/${id}`, jsonInit('GET', undefined, secret));
    expect(after.status).toBe(401);
  });
});

describe('authentication', () => {
  it('answers the same 401 for a missing header, a wrong secret and an unknown id', async () => {
    const { app } = inProcessApp();
    const { id, secret } = await register(viaApp(app));
    const answers = await Promise.all(
      [
        app.request(`/v1/subscriptions/${id}`),
        app.request(`/v1/subscriptions/${id}`, jsonInit('GET', undefined, `${secret}x`)),
        app.request(`/v1/subscriptions/unknown-id`, jsonInit('GET', undefined, secret)),
        app.request(`/v1/subscriptions/${id}`, { headers: { authorization: `Basic ${secret}` } }),
      ].map(async (pending) => {
        const response = await pending;
        return {
          status: response.status,
          body: await response.text(),
          auth: response.headers.get('www-authenticate'),
        };
      }),
    );
    for (const answer of answers) expect(answer).toEqual(answers[0]);
    expect(answers[0]).toMatchObject({ status: 401, auth: 'Bearer' });
  });

  it('never lets one subscription read or change another', async () => {
    const { app, store, ingest } = inProcessApp();
    const request = viaApp(app);
    const a = await register(request, { xUserId: '1', followIds: ['10'] });
    const b = await register(request, { xUserId: '2', followIds: ['10', '20'] });
    ingest.ingestPosts(
      [{ id: '500', text: 'x', author_id: '10', created_at: '2026-01-01T00:00:00.000Z' }],
      { users: [{ id: '10', username: 'ten', name: 'Ten' }] },
      'stream',
    );
    const before = { status: store.subscription(b.id), follows: store.followsOf(b.id) };

    const attempts = [
      jsonInit('GET', undefined, a.secret),
      jsonInit('DELETE', undefined, a.secret),
    ].map((init) => app.request(`/v1/subscriptions/${b.id}`, init));
    attempts.push(
      app.request(
        `/v1/subscriptions/${b.id}/follows`,
        jsonInit('PUT', { xUserId: '1', followIds: [] }, a.secret),
      ),
      app.request(`/v1/subscriptions/${b.id}/events?after=0`, jsonInit('GET', undefined, a.secret)),
      app.request(`/v1/subscriptions/${b.id}/ack`, jsonInit('POST', { seq: 1 }, a.secret)),
    );
    for (const response of await Promise.all(attempts)) {
      expect(response.status).toBe(401);
      expect(await response.text()).not.toContain('500');
    }
    expect({ status: store.subscription(b.id), follows: store.followsOf(b.id) }).toEqual(before);
  });
});
