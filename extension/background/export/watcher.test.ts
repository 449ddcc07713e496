import { afterEach, describe, expect, it, vi } from 'vitest';
import { BRIDGE_SOURCE } from '../../shared/bridge-source.ts';
import { putAccount } from '../accounts/accounts-store.ts';
import { putLink } from './links.ts';
import { recentEntries } from './outbox.ts';
import { requestSkip } from './skip-requests.ts';
import { activitySink, testDb, testWorld } from './testing.ts';
import { TUNING_KEY } from './tuning.ts';
import { commitPoll, StaleWatcherState } from './watch-commit.ts';
import { createWatcher } from './watcher.ts';
import { WATCHER_KEY, type WatcherState } from './watcher-state.ts';

async function setup() {
  const world = await testWorld();
  vi.stubGlobal('fetch', world.fetch);
  const db = await testDb();
  await putAccount(db, world.statusnet);
  await putAccount(db, world.xAccount);
  await db.put('kv', { favoritesWindow: 3 }, TUNING_KEY);
  const sink = activitySink();
  const watcher = createWatcher({
    db: async () => db,
    log: sink.log,
    signal: new AbortController().signal,
  });
  const queued = async () =>
    (await recentEntries(db))
      .reverse()
      .map((e) => ({ ...e.action, noticeId: e.noticeId, state: e.state }));
  return { world, db, watcher, lines: sink.lines, queued, site: world.site };
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('export watcher', () => {
  it("starts from the user's latest notice: history stays off X, and the log says so", async () => {
    const t = await setup();
    await t.site.post('alice', 'an old notice');
    await t.watcher.poll();

    expect(await t.queued()).toEqual([]);
    expect(t.lines.at(-1)?.message).toMatch(/^Export starts after your latest notice/);
  });

  it('queues new notices oldest first, composed for X', async () => {
    const t = await setup();
    await t.watcher.poll();
    await t.site.post('alice', 'first, for !linux');
    await t.site.post('alice', 'second, thanks @bob and @alice');
    const result = await t.watcher.poll();

    expect(result).toEqual({ changes: 2, queued: 2 });
    expect((await t.queued()).map((a) => a.type === 'post' && a.text)).toEqual([
      'first, for #linux',
      'second, thanks bob@gs.test and @alice_x',
    ]);
  });

  it('reads the timeline and favourites without credentials, which cost the site a hash', async () => {
    const t = await setup();
    await t.watcher.poll();
    await t.watcher.poll();
    const reads = t.world.gs.journal
      .entries()
      .filter((e) => /user_timeline|favorites/.test(e.path));
    expect(reads.length).toBeGreaterThanOrEqual(4);
    expect(reads.every((e) => e.authScheme === undefined)).toBe(true);
  });

  it('never sends back what came from X: by source, by import link, by import account', async () => {
    const t = await setup();
    await t.watcher.poll();
    const byBridge = await t.world.gs.app.request('http://gs.test/_control/users/alice/notices', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ text: 'Ada (@ada): from X', source: BRIDGE_SOURCE }),
    });
    expect(byBridge.status).toBe(201);
    const linked = await t.site.post('alice', 'imported and linked');
    await putLink(t.db, { noticeId: linked, xPostId: '77', direction: 'import', kind: 'post' });
    await t.watcher.poll();

    expect(await t.queued()).toEqual([]);
    expect(t.lines.filter((l) => /came from X/.test(l.message))).toHaveLength(2);
  });

  it('reposts a repeat of a linked notice, and says why a repeat of another is not sent', async () => {
    const t = await setup();
    const linked = await t.site.post('bob', 'on X already');
    const other = await t.site.post('bob', 'not on X');
    await putLink(t.db, { noticeId: linked, xPostId: '555', direction: 'import', kind: 'post' });
    await t.watcher.poll();
    await t.site.repeat('alice', linked);
    await t.site.repeat('alice', other);
    await t.watcher.poll();

    expect(await t.queued()).toMatchObject([{ type: 'repost', xPostId: '555' }]);
    expect(t.lines.at(-1)?.message).toMatch(/repeats a notice that is not on X/);
  });

  it('threads a reply to a linked notice, and holds back a reply to one that is not on X', async () => {
    const t = await setup();
    const onX = await t.site.post('bob', 'asked on X');
    const offX = await t.site.post('bob', 'asked at home');
    await putLink(t.db, {
      noticeId: onX,
      xPostId: '321',
      direction: 'import',
      kind: 'post',
      xUsername: 'bob_x',
    });
    await t.watcher.poll();
    await t.site.post('alice', '@bob yes', onX);
    await t.site.post('alice', '@bob no', offX);
    await t.watcher.poll();

    expect(await t.queued()).toMatchObject([
      { type: 'post', replyToPostId: '321', replyToNoticeId: onX },
    ]);
    expect(t.lines.at(-1)?.message).toMatch(/replies to a notice that is not on X/);
  });

  it('turns a delete of an exported notice into a delete on X, and cancels one still unsent', async () => {
    const t = await setup();
    await t.watcher.poll();
    const sent = await t.site.post('alice', 'sent, then regretted');
    const unsent = await t.site.post('alice', 'regretted at once');
    const never = await t.site.post('alice', 'stays');
    await t.watcher.poll();
    await putLink(t.db, { noticeId: sent, xPostId: '900', direction: 'export', kind: 'post' });
    const [first] = await recentEntries(t.db, 3).then((e) => e.reverse());
    await t.db.put('outbox', { ...first!, state: 'done' });

    await t.site.delete(sent);
    await t.site.delete(unsent);
    await t.watcher.poll();

    const actions = await t.queued();
    expect(actions.filter((a) => a.type === 'delete')).toMatchObject([
      { noticeId: sent, xPostId: '900', state: 'pending' },
      { noticeId: unsent, state: 'cancelled' },
    ]);
    expect(actions.find((a) => a.noticeId === unsent && a.type === 'post')?.state).toBe(
      'cancelled',
    );
    expect(actions.find((a) => a.noticeId === never)?.state).toBe('pending');
  });

  it('undoes the repost of a deleted repeat', async () => {
    const t = await setup();
    const original = await t.site.post('bob', 'worth sharing');
    await putLink(t.db, { noticeId: original, xPostId: '444', direction: 'import', kind: 'post' });
    await t.watcher.poll();
    const repeat = await t.site.repeat('alice', original);
    await t.watcher.poll();
    await putLink(t.db, { noticeId: repeat, xPostId: '444', direction: 'export', kind: 'repost' });

    await t.site.delete(repeat);
    await t.watcher.poll();
    expect((await t.queued()).at(-1)).toMatchObject({
      type: 'unrepost',
      xPostId: '444',
      noticeId: repeat,
    });
  });

  it('likes on a fave, unlikes on an unfave, and takes a window that shifts for no unfave', async () => {
    const t = await setup();
    const ids = [];
    for (const n of [1, 2, 3, 4, 5]) ids.push(await t.site.post('bob', `bob says ${n}`));
    await putLink(t.db, { noticeId: ids[0]!, xPostId: '1000', direction: 'import', kind: 'post' });
    await t.watcher.poll();

    await t.site.fave('alice', ids[0]!);
    await t.watcher.poll();
    expect(await t.queued()).toMatchObject([{ type: 'like', xPostId: '1000' }]);
    await putLink(t.db, { noticeId: ids[0]!, xPostId: '1000', direction: 'export', kind: 'like' });

    // Three newer faves push the liked one out of the three-notice window: not an unfave.
    for (const id of ids.slice(1, 4)) await t.site.fave('alice', id);
    await t.watcher.poll();
    expect((await t.queued()).filter((a) => a.type === 'unlike')).toEqual([]);

    await t.site.unfave('alice', ids[3]!);
    await t.site.unfave('alice', ids[0]!);
    await t.site.fave('alice', ids[4]!);
    await t.site.fave('alice', ids[3]!);
    await t.site.fave('alice', ids[0]!);
    await t.site.unfave('alice', ids[0]!);
    await t.watcher.poll();
    expect((await t.queued()).filter((a) => a.type !== 'like')).toEqual([]);
  });

  it('reads favourites signed in when the import account is private, or faves of imports would not show', async () => {
    const t = await setup();
    const control = (path: string, body: unknown) =>
      t.world.gs.app.request(`http://gs.test/_control${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    await control('/users', { username: 'carol', password: 'carolpass', protected: true });
    await control('/users/alice/follow', { target: 'carol' });
    const carol = [...t.world.gs.state.users.values()].find((u) => u.nickname === 'carol')!;
    await putAccount(t.db, {
      ...t.world.statusnet,
      role: 'import',
      auth: { kind: 'basic', username: 'carol', password: 'carolpass' },
      userId: carol.id,
      screenName: 'carol',
      protected: true,
    });
    const imported = await t.site.post('carol', 'Ada (@ada): from X');
    await putLink(t.db, { noticeId: imported, xPostId: '3000', direction: 'import', kind: 'post' });
    await t.watcher.poll();

    await t.site.fave('alice', imported);
    await t.watcher.poll();

    expect(await t.queued()).toMatchObject([{ type: 'like', xPostId: '3000' }]);
    const reads = t.world.gs.journal.entries().filter((e) => e.path.includes('favorites'));
    expect(reads.length).toBeGreaterThan(0);
    expect(reads.map((e) => e.authScheme)).toEqual(reads.map(() => 'Basic'));
  });

  it('unlikes when a liked notice is unfaved', async () => {
    const t = await setup();
    const id = await t.site.post('bob', 'likeable');
    await putLink(t.db, { noticeId: id, xPostId: '2000', direction: 'import', kind: 'post' });
    await t.site.fave('alice', id);
    await t.watcher.poll();
    await putLink(t.db, { noticeId: id, xPostId: '2000', direction: 'export', kind: 'like' });

    await t.site.unfave('alice', id);
    await t.watcher.poll();
    expect(await t.queued()).toMatchObject([{ type: 'unlike', xPostId: '2000', noticeId: id }]);
  });

  it('keeps a notice off X when the composer switch was off, once', async () => {
    const t = await setup();
    await t.watcher.poll();
    await requestSkip(t.db, 'just for here', 60_000);
    await t.site.post('alice', 'just for here');
    await t.watcher.poll();
    await t.site.post('alice', 'just for here, again');
    await t.watcher.poll();

    expect((await t.queued()).map((a) => a.type === 'post' && a.text)).toEqual([
      'just for here, again',
    ]);
    expect(t.lines.some((l) => /"Also post to X" was off/.test(l.message))).toBe(true);
  });

  it('writes nothing when the watcher state changed under a poll', async () => {
    const t = await setup();
    await t.watcher.poll();
    const state = (await t.db.get('kv', WATCHER_KEY)) as WatcherState;
    const plan = {
      draft: { noticeId: 1, noticeUrl: 'u', action: { type: 'post' as const, text: 't' } },
    };
    const stale = { ...state, sinceId: state.sinceId + 1 };

    await expect(commitPoll(t.db, stale, state, [plan], [], Date.now())).rejects.toBeInstanceOf(
      StaleWatcherState,
    );
    expect(await recentEntries(t.db)).toEqual([]);
  });
});

describe('export watcher, polls that overlap', () => {
  it('polls once more for a caller that arrives while a poll is in progress', async () => {
    const t = await setup();
    await t.watcher.poll();
    const first = t.watcher.poll();
    await t.site.post('alice', 'written while the site was being read');
    const second = t.watcher.poll();
    await first;
    expect((await second).changes + (await first).changes).toBe(1);
    expect(await t.queued()).toMatchObject([{ text: 'written while the site was being read' }]);
  });
});
