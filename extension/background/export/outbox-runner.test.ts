import { describe, expect, it } from 'vitest';
import type { Db } from '../../shared/db.ts';
import type { OutboxAction } from '../../shared/db-schema.ts';
import { putAccount } from '../accounts/accounts-store.ts';
import { createXClient } from '../clients/x-client.ts';
import { getLink, putLink } from './links.ts';
import { enqueue, recentEntries } from './outbox.ts';
import { createOutboxRunner } from './outbox-runner.ts';
import { readPause } from './pause.ts';
import { readRefusals } from './refusals.ts';
import { activitySink, testDb, testWorld, X_API, type TestWorld } from './testing.ts';
import { TUNING_KEY } from './tuning.ts';

async function setup(options: { clientTimeoutMs?: number } = {}) {
  const world = await testWorld();
  const db = await testDb();
  await putAccount(db, world.xAccount);
  await db.put('kv', { backoffBaseMs: 1_000, backoffMaxMs: 8_000 }, TUNING_KEY);

  // Later than the account's connection: a "reconnect" pause that began in the same
  // millisecond would count as already answered by it, and be lifted.
  let now = world.xAccount.connectedAt + 1_000;
  const scheduled: number[] = [];
  const sink = activitySink();
  const refreshes: number[] = [];
  const session = options.clientTimeoutMs
    ? {
        ...world.session,
        client: createXClient({
          apiBase: X_API,
          accessToken: async () => world.xAccount.accessToken,
          fetch: world.fetch as typeof fetch,
          timeoutMs: options.clientTimeoutMs,
        }),
      }
    : world.session;
  const runner = createOutboxRunner({
    db: async () => db,
    session: async () => session,
    refreshToken: async () => void refreshes.push(now),
    schedule: async (when) => void scheduled.push(when),
    log: sink.log,
    now: () => now,
    signal: new AbortController().signal,
  });
  return {
    world,
    db,
    runner,
    scheduled,
    refreshes,
    lines: sink.lines,
    advance: (ms: number) => (now += ms),
    queue: (noticeId: number, action: OutboxAction) => queue(db, noticeId, action, now),
    entries: async () => (await recentEntries(db)).reverse(),
  };
}

async function queue(db: Db, noticeId: number, action: OutboxAction, now: number) {
  const tx = db.transaction(['kv', 'outbox'], 'readwrite');
  const url = `https://social.example/notice/${noticeId}`;
  await enqueue(tx.objectStore('outbox'), { noticeId, noticeUrl: url, action }, now);
  await tx.done;
}

const postRequests = (world: TestWorld) =>
  world.x.journal.entries().filter((e) => e.method === 'POST' && e.path === '/2/tweets');

describe('outbox runner', () => {
  it('sends queued posts to X in order, once each, and links every notice to its post', async () => {
    const t = await setup();
    for (const n of [1, 2, 3]) await t.queue(n, { type: 'post', text: `notice ${n}` });
    await t.runner.kick();

    expect(t.world.postsOnX().map((p) => p.text)).toEqual(['notice 1', 'notice 2', 'notice 3']);
    expect((await t.entries()).map((e) => e.state)).toEqual(['done', 'done', 'done']);
    const link = await getLink(t.db, 'post', 2);
    expect(link).toMatchObject({ direction: 'export', xPostId: t.world.postsOnX()[1]!.id });
    expect(t.lines.filter((l) => l.message === 'Posted to X.')).toHaveLength(3);
  });

  it('backs off while X answers 503, then sends everything in order, once', async () => {
    const t = await setup();
    t.world.x.faults.add({ pathPrefix: '/2/tweets', method: 'POST', status: 503, count: 3 });
    for (const n of [1, 2, 3]) await t.queue(n, { type: 'post', text: `notice ${n}` });

    for (let round = 0; round < 10 && t.world.postsOnX().length < 3; round++) {
      await t.runner.kick();
      t.advance(10_000);
    }
    expect(t.world.postsOnX().map((p) => p.text)).toEqual(['notice 1', 'notice 2', 'notice 3']);
    expect(t.scheduled.length).toBeGreaterThanOrEqual(3);
    expect((await t.entries())[0]).toMatchObject({ state: 'done', attempts: 4 });
  });

  it('finds the post an attempt of lost outcome made, instead of posting it again', async () => {
    const t = await setup({ clientTimeoutMs: 300 });
    // X makes the post, then never answers: the client gives up, the outcome is unknown.
    t.world.x.faults.add({
      pathPrefix: '/2/tweets',
      method: 'POST',
      hangAfterHandling: true,
      count: 1,
    });
    await t.queue(1, { type: 'post', text: 'did this go out?' });

    await t.runner.kick();
    const [waiting] = await t.entries();
    expect(waiting).toMatchObject({ state: 'pending', inFlightSince: expect.any(Number) });

    t.advance(10_000);
    await t.runner.kick();
    expect(t.world.postsOnX()).toHaveLength(1);
    expect(postRequests(t.world)).toHaveLength(1);
    expect((await t.entries())[0]).toMatchObject({
      state: 'done',
      xPostId: t.world.postsOnX()[0]!.id,
    });
  });

  it('waits for the rate-limit reset after a 429 and sends nothing before it', async () => {
    const t = await setup();
    const reset = Math.ceil((Date.now() + 60_000) / 1000);
    t.world.x.faults.add({
      pathPrefix: '/2/tweets',
      method: 'POST',
      status: 429,
      count: 1,
      headers: { 'x-rate-limit-reset': String(reset) },
      body: {
        title: 'Too Many Requests',
        detail: 'Too Many Requests',
        type: 'about:blank',
        status: 429,
      },
    });
    await t.queue(1, { type: 'post', text: 'one' });
    await t.queue(2, { type: 'post', text: 'two' });

    await t.runner.kick();
    expect(await readPause(t.db)).toMatchObject({ reason: 'rate-limit', until: reset * 1000 });
    expect(t.scheduled.at(-1)).toBe(reset * 1000);

    t.advance(30_000);
    await t.runner.kick();
    expect(postRequests(t.world)).toHaveLength(1);

    t.advance(31_000);
    await t.runner.kick();
    expect(t.world.postsOnX().map((p) => p.text)).toEqual(['one', 'two']);
    expect(await readPause(t.db)).toBeUndefined();
  });

  it('refreshes the token once after a 401 and goes on; a second 401 pauses with "reconnect X"', async () => {
    const t = await setup();
    t.world.x.faults.add({ pathPrefix: '/2/tweets', method: 'POST', status: 401, count: 1 });
    await t.queue(1, { type: 'post', text: 'one' });
    await t.runner.kick();
    expect(t.refreshes).toHaveLength(1);
    expect(t.world.postsOnX()).toHaveLength(1);

    t.world.x.faults.add({ pathPrefix: '/2/tweets', method: 'POST', status: 401, count: 2 });
    await t.queue(2, { type: 'post', text: 'two' });
    await t.runner.kick();
    expect(await readPause(t.db)).toMatchObject({ reason: 'reconnect' });
    expect((await t.entries())[1]).toMatchObject({ state: 'pending' });
  });

  it('pauses everything with "credits depleted" after a 402', async () => {
    const t = await setup();
    t.world.x.setPolicy({ creditsDepleted: true });
    await t.queue(1, { type: 'post', text: 'one' });
    await t.runner.kick();

    const pause = await readPause(t.db);
    expect(pause?.reason).toBe('credits');
    expect(pause?.message).toMatch(/credits depleted: Your enrolled account/);
  });

  it("stops sending likes once X's policy refuses them, in X's words", async () => {
    const t = await setup();
    const theirs = t.world.x.createUser({ username: 'bob_x' });
    const post = t.world.x.post(theirs.id, { text: 'like me' });
    await t.queue(1, { type: 'like', xPostId: post.id });
    await t.queue(2, { type: 'like', xPostId: post.id });
    await t.runner.kick();

    const [first, second] = await t.entries();
    expect(first).toMatchObject({
      state: 'failed',
      lastError: expect.stringMatching(/^X refuses likes/),
    });
    expect(second).toMatchObject({ state: 'skipped' });
    expect((await readRefusals(t.db)).likes).toBeDefined();
    const likeCalls = t.world.x.journal.entries().filter((e) => e.path.endsWith('/likes'));
    expect(likeCalls).toHaveLength(1);
  });

  it('posts a refused reply as a post linking its parent, when the user allows it', async () => {
    const t = await setup();
    const theirs = t.world.x.createUser({ username: 'bob_x' });
    const parent = t.world.x.post(theirs.id, { text: 'a question' });
    await putLink(t.db, {
      noticeId: 10,
      xPostId: parent.id,
      direction: 'import',
      kind: 'post',
      xUsername: 'bob_x',
    });
    await t.queue(11, { type: 'post', text: 'an answer', replyToNoticeId: 10 });
    await t.runner.kick();

    const [made] = t.world.postsOnX();
    expect(made?.submittedText).toBe(`an answer https://x.com/bob_x/status/${parent.id}`);
    expect(made?.inReplyToPostId).toBeUndefined();
    expect((await readRefusals(t.db)).replies).toBeDefined();
  });

  it('threads a reply to a notice whose post was queued just before it', async () => {
    const t = await setup();
    await t.queue(1, { type: 'post', text: 'parent' });
    await t.queue(2, { type: 'post', text: 'child', replyToNoticeId: 1 });
    await t.runner.kick();

    const [parent, child] = t.world.postsOnX();
    expect(child?.inReplyToPostId).toBe(parent?.id);
  });

  it("fails a post X finds invalid, with X's own words, and goes on with the next", async () => {
    const t = await setup();
    await t.queue(1, { type: 'post', text: 'x'.repeat(300) });
    await t.queue(2, { type: 'post', text: 'fine' });
    await t.runner.kick();

    const [bad, good] = await t.entries();
    expect(bad?.state).toBe('failed');
    expect(bad?.lastError).toMatch(/Text is too long: weighted length 300 exceeds 280/);
    expect(good?.state).toBe('done');
  });

  it('deletes a linked post and forgets the link; a notice that never reached X needs nothing', async () => {
    const t = await setup();
    await t.queue(1, { type: 'post', text: 'short-lived' });
    await t.runner.kick();
    await t.queue(1, { type: 'delete' });
    await t.queue(2, { type: 'delete' });
    await t.runner.kick();

    expect(t.world.postsOnX()).toEqual([]);
    expect(await getLink(t.db, 'post', 1)).toBeUndefined();
    expect((await t.entries()).map((e) => e.state)).toEqual(['done', 'done', 'done']);
  });
});
