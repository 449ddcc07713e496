import { beforeEach, describe, expect, it } from 'vitest';
import type { RelayPost } from '../../protocol/index.ts';
import { openSqliteStore } from './sqlite-store.ts';
import type { RelayStore } from './store.ts';

let store: RelayStore;
let nextPost = 100;

function post(authorId: string, extra: Partial<RelayPost> = {}): RelayPost {
  return {
    id: String(nextPost++),
    authorId,
    authorUsername: `user${authorId}`,
    authorName: `User ${authorId}`,
    text: 'hello',
    createdAt: '2026-12-03T18:10:31.000Z',
    references: [],
    urls: [],
    media: [],
    ...extra,
  };
}

function subscribe(id: string, follows: string[], xUserId = `9${id.length}`) {
  store.createSubscription(id, Buffer.alloc(32, 1), 0);
  store.setFollows(id, xUserId, follows);
}

const seqs = (id: string, after = 0) => store.readEvents(id, after, 100).map((e) => e.seq);

beforeEach(() => {
  store = openSqliteStore(':memory:');
});

describe('subscriptions', () => {
  it('reports what a follows change added and removed', () => {
    store.createSubscription('a', Buffer.alloc(32), 0);
    expect(store.setFollows('a', '1', ['10', '11'])).toEqual({ added: ['10', '11'], removed: [] });
    expect(store.setFollows('a', '1', ['11', '12'])).toEqual({ added: ['12'], removed: ['10'] });
    expect(store.subscription('a')).toEqual({
      id: 'a',
      xUserId: '1',
      follows: 2,
      ackedSeq: 0,
      lostThroughSeq: 0,
    });
  });

  it('counts followers of every followed id', () => {
    subscribe('a', ['10', '11']);
    subscribe('b', ['11']);
    expect(store.followerCounts()).toEqual(
      new Map([
        ['10', 1],
        ['11', 2],
      ]),
    );
  });

  it('counts the subscriptions that follow any of some ids', () => {
    subscribe('a', ['10', '11']);
    subscribe('b', ['11']);
    subscribe('c', ['12']);
    expect(store.countSubscriptionsFollowing(['10', '11'])).toBe(2);
    expect(store.countSubscriptionsFollowing([])).toBe(0);
  });

  it('moves the acknowledged cursor forward only, and never past the head', () => {
    subscribe('a', ['10']);
    store.appendPost(post('10'), 1);
    store.appendPost(post('10'), 1);
    expect(store.acknowledge('a', 1)).toBe(1);
    expect(store.acknowledge('a', 0)).toBe(1);
    expect(store.acknowledge('a', 99)).toBe(2);
  });

  it('forgets everything about a deleted subscription', () => {
    subscribe('a', ['10', '11']);
    subscribe('b', ['10']);
    store.appendPost(post('10'), 1);
    expect(store.deleteSubscription('a')).toEqual({ added: [], removed: ['10', '11'] });
    expect(store.subscription('a')).toBeUndefined();
    expect(store.secretHashOf('a')).toBeUndefined();
    expect(store.readEvents('a', 0, 10)).toEqual([]);
    expect(store.followerCounts()).toEqual(new Map([['10', 1]]));
    expect(seqs('b')).toEqual([1]);
    expect(store.deleteSubscription('a')).toBeUndefined();
  });
});

describe('event log', () => {
  it('delivers a post to every subscription that follows its author', () => {
    subscribe('a', ['10']);
    subscribe('b', ['10', '20']);
    subscribe('c', ['20']);
    const first = post('10');
    expect(store.appendPost(first, 1)).toEqual({
      seq: 1,
      recipients: ['a', 'b'],
      body: JSON.stringify(first),
    });
    expect(store.readEvents('a', 0, 10)).toEqual([{ type: 'post', seq: 1, post: first }]);
    expect(seqs('c')).toEqual([]);
  });

  it('stores a post once, however often it arrives', () => {
    subscribe('a', ['10']);
    const once = post('10');
    expect(store.appendPost(once, 1)).toBeDefined();
    expect(store.appendPost(once, 2)).toBeUndefined();
    expect(seqs('a')).toEqual([1]);
  });

  it('delivers a reply only to those who also follow the replied-to account', () => {
    subscribe('a', ['10', '20']);
    subscribe('b', ['10']);
    subscribe('c', ['10'], '20');
    const reply = post('10', { inReplyToUserId: '20' });
    expect(store.appendPost(reply, 1)?.recipients).toEqual(['a', 'c']);
  });

  it('delivers a reply to the author’s own post (a thread) to all who follow the author', () => {
    subscribe('a', ['10']);
    subscribe('b', ['10', '20']);
    const thread = post('10', { inReplyToUserId: '10' });
    expect(store.appendPost(thread, 1)?.recipients).toEqual(['a', 'b']);
  });

  it('keeps a post nobody follows for dedupe without writing an event', () => {
    subscribe('a', ['10']);
    const lonely = post('30');
    expect(store.appendPost(lonely, 1)).toMatchObject({ seq: 0, recipients: [] });
    expect(store.appendPost(lonely, 1)).toBeUndefined();
    expect(store.logBounds()).toEqual({ oldestSeq: 0, headSeq: 0 });
  });

  it('pages through events after a cursor', () => {
    subscribe('a', ['10']);
    for (let i = 0; i < 5; i++) store.appendPost(post('10'), 1);
    expect(store.readEvents('a', 1, 2).map((e) => e.seq)).toEqual([2, 3]);
    expect(seqs('a', 5)).toEqual([]);
  });

  it('tells those who received a post that it was deleted, and forgets its words', () => {
    subscribe('a', ['10']);
    subscribe('b', ['10']);
    const gone = post('10');
    store.appendPost(gone, 1);
    store.setFollows('b', '1', []);
    expect(store.appendDelete(gone.id, 2)).toEqual({ seq: 2, recipients: ['a', 'b'] });
    expect(store.readEvents('a', 0, 10)).toEqual([{ type: 'delete', seq: 2, postId: gone.id }]);
    expect(store.appendDelete(gone.id, 3)).toBeUndefined();
    expect(store.appendDelete('424242', 3)).toBeUndefined();
    expect(store.appendPost(gone, 4)).toBeUndefined();
  });

  it('writes each event as the exact socket message, the stored post body spliced in', () => {
    subscribe('a', ['10']);
    const quoted = post('10', { text: 'a "quote", a \\ and \u2028 and ☃', urls: [] });
    store.appendPost(quoted, 1);
    store.appendPost(post('10'), 1);
    store.appendDelete(quoted.id, 2);

    const frames = store.readEventFrames('a', 0, 10);
    const messages = store.readEvents('a', 0, 10).map((event) => ({ type: 'event', event }));
    expect(frames.map((f) => f.seq)).toEqual([2, 3]);
    expect(frames.map((f) => f.frame)).toEqual(messages.map((m) => JSON.stringify(m)));
    expect(frames.map((f) => JSON.parse(f.frame))).toEqual(messages);
    expect(store.readEventFrames('a', 2, 10).map((f) => f.seq)).toEqual([3]);
  });

  it('lists recently delivered live posts for the delete sweep, page by page', () => {
    subscribe('a', ['10']);
    const [p1, p2, p3] = [post('10'), post('10'), post('10')];
    store.appendPost(p1, 1_000);
    store.appendPost(p2, 5_000);
    store.appendPost(p3, 5_000);
    store.appendPost(post('99'), 5_000);
    store.appendDelete(p3.id, 6_000);
    const ids = (posts: { id: string }[]) => posts.map((p) => p.id);
    expect(ids(store.deliveredPostsSince(2_000, '', 10))).toEqual([p2.id]);
    expect(store.deliveredPostsSince(0, '', 1)).toEqual([{ id: p1.id, seenAt: 1_000 }]);
    expect(ids(store.deliveredPostsSince(0, p1.id, 10))).toEqual([p2.id]);
  });

  it('drops old events, noting which subscriptions lost unread ones', () => {
    subscribe('a', ['10']);
    subscribe('b', ['20']);
    store.appendPost(post('10'), 1_000);
    store.appendPost(post('10'), 2_000);
    store.appendPost(post('20'), 3_000);
    expect(store.sweepRetention(2_500, 0)).toBe(2);
    expect(store.subscription('a')?.lostThroughSeq).toBe(2);
    expect(store.subscription('b')?.lostThroughSeq).toBe(0);
    expect(store.logBounds()).toEqual({ oldestSeq: 3, headSeq: 3 });
    expect(seqs('a')).toEqual([]);
  });

  it('never reuses a sequence number once retention emptied the log', () => {
    subscribe('a', ['10']);
    store.appendPost(post('10'), 1_000);
    store.sweepRetention(2_000, 0);
    expect(store.appendPost(post('10'), 3_000)?.seq).toBe(2);
  });

  it('keeps post ids for dedupe past retention, until their own horizon', () => {
    subscribe('a', ['10']);
    const old = post('10');
    store.appendPost(old, 1_000);
    store.sweepRetention(2_000, 500);
    expect(store.appendPost(old, 3_000)).toBeUndefined();
    store.sweepRetention(2_000, 2_000);
    expect(store.appendPost(old, 3_000)).toBeDefined();
  });
});

describe('state', () => {
  it('keeps named values', () => {
    expect(store.getState('k')).toBeUndefined();
    store.setState('k', 'v1');
    store.setState('k', 'v2');
    expect(store.getState('k')).toBe('v2');
  });
});
