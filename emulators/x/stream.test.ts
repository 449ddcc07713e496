import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { startHarness, type Harness } from './testing/harness.ts';
import { assertMatchesSpec } from './testing/openapi.ts';
import { readStream } from './testing/stream-reader.ts';

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(() => h.close());

const STREAM = '/2/tweets/search/stream';

async function addRule(value: string, tag?: string) {
  const res = await h.api('POST', '/2/tweets/search/stream/rules', {
    json: { add: [{ value, ...(tag ? { tag } : {}) }] },
  });
  expect(res.status).toBe(201);
  return res.body.data[0].id as string;
}

async function connect(query = '') {
  const res = await fetch(`${h.x.url}${STREAM}${query}`, {
    headers: { authorization: `Bearer ${h.x.bearerToken}` },
  });
  expect(res.status).toBe(200);
  expect(res.headers.get('x-rate-limit-limit')).toBe('50');
  // Every message, keep-alives aside, is checked against the spec like every other answer.
  const reader = readStream(res.body ?? new ReadableStream(), (json) =>
    assertMatchesSpec('GET', STREAM, 200, json),
  );
  return {
    res,
    reader,
    async message() {
      return (await reader.nextMessage()) as {
        data: { id: string; text: string; author_id?: string };
        includes?: { users?: { username: string }[] };
        matching_rules: { id: string; tag?: string }[];
      };
    },
  };
}

/** Reads to the end of the body: only keep-alives (some may be in flight) may come first. */
async function untilEnd(reader: ReturnType<typeof readStream>) {
  for (let event = await reader.next(); event.kind !== 'end'; event = await reader.next()) {
    expect(event.kind).toBe('keep-alive');
  }
}

describe('filtered stream', () => {
  it('delivers a post made via control to the matching rule, with its tag and includes', async () => {
    const ada = h.x.createUser({ username: 'ada' });
    const bob = h.x.createUser({ username: 'bob' });
    const ruleId = await addRule(`from:${ada.id} OR from:${bob.id}`, 'subscription-7');
    const stream = await connect(
      '?expansions=author_id&tweet.fields=created_at,author_id&user.fields=username',
    );

    const posted = await h.api('POST', `/_control/users/${bob.id}/posts`, {
      json: { text: 'hello stream' },
    });
    const message = await stream.message();
    expect(message.data).toMatchObject({
      id: posted.body.id,
      text: 'hello stream',
      author_id: bob.id,
    });
    expect(message.includes?.users).toEqual([{ id: bob.id, name: 'bob', username: 'bob' }]);
    expect(message.matching_rules).toEqual([{ id: ruleId, tag: 'subscription-7' }]);
  });

  it('sends a post once with every rule it matched, and skips posts no rule matches', async () => {
    const ada = h.x.createUser({ username: 'ada' });
    const stranger = h.x.createUser({ username: 'stranger' });
    const byId = await addRule(`from:${ada.id}`, 'by-id');
    const byKeyword = await addRule('lighthouse', 'keyword');
    const stream = await connect();

    h.x.post(stranger.id, { text: 'nobody asked for this' });
    h.x.post(ada.id, { text: 'A lighthouse at night' });
    const message = await stream.message();
    expect(message.data.text).toBe('A lighthouse at night');
    expect(message.matching_rules.map((r) => r.id).sort()).toEqual([byId, byKeyword].sort());
  });

  it('sends \\r\\n keep-alives at the configured interval', async () => {
    await addRule('anything');
    const stream = await connect();
    expect(await stream.reader.next()).toEqual({ kind: 'keep-alive' });
    expect(await stream.reader.next()).toEqual({ kind: 'keep-alive' });
  });

  it('answers a second concurrent connection with 429 TooManyConnections', async () => {
    await addRule('anything');
    const first = await connect();
    const second = await h.api('GET', STREAM);
    expect(second.status).toBe(429);
    expect(second.body).toMatchObject({
      title: 'ConnectionException',
      connection_issue: 'TooManyConnections',
    });
    await first.reader.cancel();
    await vi.waitFor(() => expect(h.x.streamConnections()).toBe(0));
    expect((await connect()).res.status).toBe(200);
  });

  it('can let a new connection replace the old one instead', async () => {
    await addRule('anything');
    h.x.updateSettings({ stream: { onExtraConnection: 'replace' } });
    const first = await connect();
    await connect();
    const ended = await first.reader.nextMessage();
    expect(ended).toMatchObject({ errors: [{ title: 'operational-disconnect' }] });
    expect(await first.reader.next()).toEqual({ kind: 'end' });
  });

  it('answers 409 while there are no rules', async () => {
    const res = await h.api('GET', STREAM);
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ connection_issue: 'RuleConfigurationIssue' });
  });

  it('does not deliver a post deleted before its delivery', async () => {
    const ada = h.x.createUser({ username: 'ada' });
    await addRule(`from:${ada.id}`);
    h.x.updateSettings({ stream: { deliveryDelayMs: 30 } });
    const stream = await connect();
    const doomed = h.x.post(ada.id, { text: 'gone soon' });
    h.x.deletePost(ada.id, doomed.id);
    h.x.post(ada.id, { text: 'stays' });
    expect((await stream.message()).data.text).toBe('stays');
  });

  it('is refused to user tokens', async () => {
    const { token } = h.userWithToken('someone');
    const res = await h.api('GET', STREAM, { token });
    expect(res.status).toBe(403);
    expect(res.body.title).toBe('Unsupported Authentication');
  });

  it('ends with an operational-disconnect message, or is cut, on request', async () => {
    await addRule('anything');
    let stream = await connect();
    await h.api('POST', '/_control/stream/disconnect', { json: { mode: 'operational' } });
    expect(await stream.reader.nextMessage()).toMatchObject({
      errors: [{ disconnect_type: 'UpstreamOperationalDisconnect' }],
    });
    expect(await stream.reader.next()).toEqual({ kind: 'end' });

    stream = await connect();
    expect(h.x.disconnectStream('drop')).toBe(1);
    await untilEnd(stream.reader);
  });

  it('goes silent while stalled: no keep-alives, and posts are lost', async () => {
    const ada = h.x.createUser({ username: 'ada' });
    await addRule(`from:${ada.id}`);
    const stream = await connect();
    h.x.stallStream(true);
    h.x.post(ada.id, { text: 'lost' });
    h.x.stallStream(false);
    h.x.post(ada.id, { text: 'after the stall' });
    expect((await stream.message()).data.text).toBe('after the stall');
  });

  it('ends the stream cleanly when the emulator closes', async () => {
    await addRule('anything');
    const stream = await connect();
    await h.close();
    await untilEnd(stream.reader);
  });
});
