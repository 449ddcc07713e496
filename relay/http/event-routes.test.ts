import { describe, expect, it } from 'vitest';
import { eventsResponseSchema } from '../../protocol/index.ts';
import { jsonInit, register, viaApp } from '../testing/api-client.ts';
import { inProcessApp } from '../testing/in-process-app.ts';
import { waitFor } from '../testing/wait-for.ts';

const users = { users: [{ id: '10', username: 'ten', name: 'Ten' }] };
let nextId = 1000;
const tweet = () => ({
  id: String(nextId++),
  text: 'hi',
  author_id: '10',
  created_at: '2026-01-01T00:00:00.000Z',
});

async function setup() {
  const relay = inProcessApp();
  const sub = await register(viaApp(relay.app), { xUserId: '1', followIds: ['10'] });
  const events = async (query: string) => {
    const response = await relay.app.request(
      `/v1/subscriptions/${sub.id}/events${query}`,
      jsonInit('GET', undefined, sub.secret),
    );
    return { status: response.status, body: (await response.json()) as unknown };
  };
  return { ...relay, sub, events };
}

describe('GET /v1/subscriptions/:id/events', () => {
  it('answers the events after the cursor at once', async () => {
    const { ingest, events } = await setup();
    ingest.ingestPosts([tweet(), tweet(), tweet()], users, 'stream');
    const { status, body } = await events('?after=1');
    expect(status).toBe(200);
    const answer = eventsResponseSchema.parse(body);
    expect(answer.events.map((e) => e.seq)).toEqual([2, 3]);
    expect(answer).toMatchObject({ cursor: 3, gap: false });
  });

  it('starts after the acknowledged cursor when no cursor is given', async () => {
    const { app, ingest, sub, events } = await setup();
    ingest.ingestPosts([tweet(), tweet()], users, 'stream');
    const ack = await app.request(
      `/v1/subscriptions/${sub.id}/ack`,
      jsonInit('POST', { seq: 1 }, sub.secret),
    );
    expect(ack.status).toBe(204);
    const answer = eventsResponseSchema.parse((await events('')).body);
    expect(answer.events.map((e) => e.seq)).toEqual([2]);
  });

  it('answers the cursor asked for when there is nothing new', async () => {
    const { events } = await setup();
    expect((await events('?after=7')).body).toEqual({ events: [], cursor: 7, gap: false });
  });

  it('waits for the next event when asked to', async () => {
    const { ingest, events, hub, sub } = await setup();
    const waiting = events('?after=0&wait=30');
    await waitFor('the long-poll to wait', () => hub.listeners(sub.id) > 0);
    ingest.ingestPosts([tweet()], users, 'stream');
    const answer = eventsResponseSchema.parse((await waiting).body);
    expect(answer.events).toHaveLength(1);
  });

  it('answers empty when the relay closes during a wait', async () => {
    const { events, close } = await setup();
    const waiting = events('?after=0&wait=30');
    close();
    expect((await waiting).body).toEqual({ events: [], cursor: 0, gap: false });
  });

  it('reports a gap when retention removed unread events', async () => {
    const { ingest, events, store } = await setup();
    ingest.ingestPosts([tweet(), tweet()], users, 'stream');
    store.sweepRetention(Date.now() + 1, 0);
    expect((await events('?after=0')).body).toMatchObject({ events: [], gap: true });
    expect((await events('?after=2')).body).toMatchObject({ gap: false });
  });

  it('names a bad query parameter', async () => {
    const { events } = await setup();
    expect(await events('?after=-1')).toEqual({
      status: 400,
      body: { error: 'query.after: expected a sequence number' },
    });
    expect(await events('?wait=51')).toEqual({
      status: 400,
      body: { error: 'query.wait: expected seconds from 0 to 50' },
    });
  });
});

describe('POST /v1/subscriptions/:id/ack', () => {
  it('moves the cursor the status reports, never past the head', async () => {
    const { app, ingest, sub } = await setup();
    ingest.ingestPosts([tweet(), tweet()], users, 'stream');
    await app.request(`/v1/subscriptions/${sub.id}/ack`, jsonInit('POST', { seq: 99 }, sub.secret));
    const status = await app.request(
      `/v1/subscriptions/${sub.id}`,
      jsonInit('GET', undefined, sub.secret),
    );
    expect(await status.json()).toMatchObject({ ackedSeq: 2, oldestSeq: 1 });
  });

  it('refuses a body that is not { seq }', async () => {
    const { app, sub } = await setup();
    const response = await app.request(
      `/v1/subscriptions/${sub.id}/ack`,
      jsonInit('POST', { seq: 'one' }, sub.secret),
    );
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ error: expect.stringContaining('body.seq') });
  });
});
