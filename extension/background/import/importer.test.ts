import { describe, expect, it } from 'vitest';
import { BRIDGE_SOURCE } from '../../shared/bridge-source.ts';
import { StatusNetError } from '../clients/statusnet-error.ts';
import { applyEntry, classifyFailure, MAX_SERVER_ATTEMPTS, recordOutcome } from './importer.ts';
import { receive } from './inbox.ts';
import { deleteEvent, fakeSite, post, postEvent, testContext, testDb } from './testing.ts';
import type { RelayEvent } from '../../../protocol/relay-events.ts';

async function setup() {
  const db = await testDb();
  const site = fakeSite();
  const context = testContext(db, site);
  /** Receives an event and applies it as the queue would, answering the stored entry. */
  async function apply(event: RelayEvent, fields = {}) {
    await receive(db, event);
    const key = event.type === 'post' ? event.post.id : `delete:${event.postId}`;
    const entry = { ...(await db.get('imports', key))!, ...fields };
    return recordOutcome(db, entry, await applyEntry(context, entry));
  }
  return { db, site, context, apply };
}

describe('importing a post', () => {
  it('posts it as the import account, attributed, linked to the original, with the bridge as source', async () => {
    const { db, site, apply } = await setup();
    const entry = await apply(postEvent(1, post('11', { text: 'hello world' })));

    expect(entry).toMatchObject({ state: 'done', noticeId: 1 });
    expect(site.notices.get(1)).toMatchObject({
      text: 'Ada Lovelace (@ada): hello world https://x.com/ada/status/11',
      source: BRIDGE_SOURCE,
    });
    expect(await db.get('links', 'post:1')).toMatchObject({
      xPostId: '11',
      direction: 'import',
      kind: 'post',
    });
  });

  it.each(['d alice hi', 'follow bob', 'reply 3 hi', 'D alice hi'])(
    'never lets GNU social run "%s" as a command: the attribution comes first',
    async (text) => {
      const { site, apply } = await setup();
      await apply(postEvent(1, post('11', { text })));
      expect(site.notices.get(1)?.text).toMatch(/^Ada Lovelace \(@ada\): /);
    },
  );

  it('keeps HTML in a post as text', async () => {
    const { site, apply } = await setup();
    await apply(postEvent(1, post('11', { text: '<b>bold</b> &lt;i&gt; &amp;' })));
    expect(site.notices.get(1)?.text).toContain('<b>bold</b> <i> &');
  });

  it('threads a reply to an imported post under its notice', async () => {
    const { site, apply } = await setup();
    await apply(postEvent(1, post('11')));
    await apply(postEvent(2, post('12', { references: [{ type: 'replied_to', id: '11' }] })));
    expect(site.notices.get(2)?.in_reply_to_status_id).toBe(1);
  });

  it("threads a reply to a post the bridge exported under the user's own notice", async () => {
    const { db, site, apply } = await setup();
    await db.put('links', {
      key: 'post:40',
      noticeId: 40,
      xPostId: '9',
      direction: 'export',
      kind: 'post',
      createdAt: 0,
    });
    site.make({ id: 40 });
    await apply(postEvent(1, post('12', { references: [{ type: 'replied_to', id: '9' }] })));
    expect([...site.notices.values()].at(-1)?.in_reply_to_status_id).toBe(40);
  });

  it('posts a reply unthreaded when its parent notice was deleted on StatusNet', async () => {
    const { site, apply } = await setup();
    await apply(postEvent(1, post('11')));
    site.fail('update', new StatusNetError('not-found', 'Parent notice not found.', 404));
    const entry = await apply(
      postEvent(2, post('12', { references: [{ type: 'replied_to', id: '11' }] })),
    );
    expect(entry.state).toBe('done');
    expect(site.notices.get(2)?.in_reply_to_status_id).toBeNull();
  });

  it("carries the quoted post's link in a quote", async () => {
    const { site, apply } = await setup();
    await apply(
      postEvent(1, post('12', { text: 'look', references: [{ type: 'quoted', id: '5' }] })),
    );
    expect(site.notices.get(1)?.text).toContain('https://x.com/i/web/status/5');
  });

  it('applies a post delivered twice once', async () => {
    const { site, apply } = await setup();
    await apply(postEvent(1, post('11')));
    const again = await apply(postEvent(3, post('11')));
    expect(again.state).toBe('done');
    expect(site.calls.filter((c) => c.method === 'update')).toHaveLength(1);
  });

  it('skips a post the bridge itself made on X (loop guard)', async () => {
    const { db, site, apply } = await setup();
    await db.put('links', {
      key: 'post:40',
      noticeId: 40,
      xPostId: '11',
      direction: 'export',
      kind: 'post',
      createdAt: 0,
    });
    const entry = await apply(postEvent(1, post('11')));
    expect(entry.state).toBe('skipped');
    expect(site.calls).toHaveLength(0);
  });

  it("skips the user's own posts on X", async () => {
    const { site, apply } = await setup();
    const entry = await apply(postEvent(1, post('11', { authorId: '1' })));
    expect(entry).toMatchObject({ state: 'skipped', lastError: 'This is your own post on X.' });
    expect(site.calls).toHaveLength(0);
  });

  it('skips a repost of a post the bridge made on X', async () => {
    const { db, site, apply } = await setup();
    await db.put('links', {
      key: 'post:40',
      noticeId: 40,
      xPostId: '9',
      direction: 'export',
      kind: 'post',
      createdAt: 0,
    });
    const entry = await apply(
      postEvent(1, post('11', { references: [{ type: 'retweeted', id: '9' }] })),
    );
    expect(entry.state).toBe('skipped');
    expect(site.calls).toHaveLength(0);
  });
});

describe('importing a repost', () => {
  it('repeats the notice of an imported post natively when the site allows it', async () => {
    const { db, site, apply } = await setup();
    const original = site.make({
      text: 'by someone else',
      user: { id: 8, name: 'B', screen_name: 'b', protected: false },
    });
    await db.put('links', {
      key: `post:${original.id}`,
      noticeId: original.id,
      xPostId: '11',
      direction: 'import',
      kind: 'post',
      createdAt: 0,
    });

    const entry = await apply(
      postEvent(2, post('12', { references: [{ type: 'retweeted', id: '11' }] })),
    );
    expect(site.calls.map((c) => c.method)).toEqual(['repeat']);
    expect(await db.get('links', `repost:${entry.noticeId}`)).toMatchObject({
      xPostId: '12',
      kind: 'repost',
    });
  });

  it("imports it as a notice when GNU social refuses to repeat the import account's own notice", async () => {
    const { site, apply } = await setup();
    await apply(postEvent(1, post('11')));
    const entry = await apply(
      postEvent(
        2,
        post('12', { authorUsername: 'bob', references: [{ type: 'retweeted', id: '11' }] }),
      ),
    );
    expect(entry).toMatchObject({
      state: 'done',
      lastError: expect.stringContaining('You cannot repeat your own notice'),
    });
    expect(site.notices.get(entry.noticeId!)?.text).toContain('https://x.com/bob/status/12');
  });

  it('imports a repost of an unknown post as a notice', async () => {
    const { site, apply } = await setup();
    await apply(postEvent(1, post('12', { references: [{ type: 'retweeted', id: '99' }] })));
    expect(site.calls.map((c) => c.method)).toEqual(['update']);
  });
});

describe('after an attempt whose answer was lost', () => {
  it('finds the notice it made instead of posting twice', async () => {
    const { site, apply } = await setup();
    site.fail('update', 'after');
    await expect(apply(postEvent(1, post('11')))).rejects.toThrow(StatusNetError);

    const entry = await apply(postEvent(1, post('11')), { inFlightSince: 1 });
    expect(entry).toMatchObject({ state: 'done', noticeId: 1 });
    expect(site.calls.filter((c) => c.method === 'update')).toHaveLength(1);
  });

  it('posts again when the lost attempt made nothing', async () => {
    const { site, apply } = await setup();
    const entry = await apply(postEvent(1, post('11')), { inFlightSince: 1 });
    expect(entry.state).toBe('done');
    expect(site.calls.map((c) => c.method)).toEqual(['userTimeline', 'update']);
  });
});

describe('a delete from X', () => {
  it('deletes the imported notice and forgets the link', async () => {
    const { db, site, apply } = await setup();
    await apply(postEvent(1, post('11')));
    const entry = await apply(deleteEvent(2, '11'));
    expect(entry.state).toBe('done');
    expect(site.notices.size).toBe(0);
    expect(await db.count('links')).toBe(0);
  });

  it('cancels a post that was not imported yet', async () => {
    const { db, site, apply } = await setup();
    await receive(db, postEvent(1, post('11')));
    await apply(deleteEvent(2, '11'));
    expect(await db.get('imports', '11')).toMatchObject({ state: 'skipped' });
    expect(site.calls).toHaveLength(0);
  });

  it('counts a notice already gone as deleted', async () => {
    const { site, apply } = await setup();
    await apply(postEvent(1, post('11')));
    site.notices.clear();
    expect((await apply(deleteEvent(2, '11'))).state).toBe('done');
  });

  it('reports once, without retrying, when GNU social answers 500 and keeps a faved notice', async () => {
    const { site, apply } = await setup();
    await apply(postEvent(1, post('11')));
    site.fail('destroy', new StatusNetError('server', 'Internal Server Error', 500));
    const entry = await apply(deleteEvent(2, '11'));
    expect(entry).toMatchObject({
      state: 'done',
      lastError: expect.stringContaining('did not delete'),
    });
    expect(site.calls.filter((c) => c.method === 'destroy')).toHaveLength(1);
  });

  it('is done when the 500 came although the notice was deleted', async () => {
    const { site, apply } = await setup();
    await apply(postEvent(1, post('11')));
    site.fail('destroy', 'after');
    const entry = await apply(deleteEvent(2, '11'));
    expect(entry).toMatchObject({ state: 'done' });
    expect(entry.lastError).toBeUndefined();
  });
});

describe('classifyFailure', () => {
  it('waits, for as long as it takes, while StatusNet is unreachable', () => {
    expect(classifyFailure(new StatusNetError('network', 'down'), 1000).action).toBe('wait');
  });

  it('gives up on a post after repeated server errors, for the user to retry', () => {
    const error = new StatusNetError('server', 'boom', 500);
    expect(classifyFailure(error, 0)).toMatchObject({ action: 'wait', ambiguous: true });
    expect(classifyFailure(error, MAX_SERVER_ATTEMPTS - 1).action).toBe('fail');
  });

  it("fails at once, in the site's words, when StatusNet refuses the post", () => {
    const verdict = classifyFailure(
      new StatusNetError('refused', 'Maximum notice size is 1000 characters', 413),
      0,
    );
    expect(verdict).toMatchObject({ action: 'fail', ambiguous: false });
    expect(verdict.reason).toContain('Maximum notice size');
  });

  it('waits for the user to reconnect the import account', () => {
    expect(
      classifyFailure(new StatusNetError('auth', 'Could not authenticate you.', 401), 50),
    ).toMatchObject({ action: 'wait' });
  });
});
