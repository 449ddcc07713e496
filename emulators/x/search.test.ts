import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from './testing/harness.ts';

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(() => h.close());

const search = (query: string, extra = '') =>
  h.api('GET', `/2/tweets/search/recent?query=${encodeURIComponent(query)}${extra}`);

describe('recent search', () => {
  it('finds posts by from:ID and from:username, newest first, with meta', async () => {
    const ada = h.x.createUser({ username: 'ada' });
    const bob = h.x.createUser({ username: 'bob' });
    const carol = h.x.createUser({ username: 'carol' });
    const a = h.x.post(ada.id, { text: 'one' });
    const b = h.x.post(bob.id, { text: 'two' });
    h.x.post(carol.id, { text: 'three' });

    const res = await search(`from:${ada.id} OR from:bob`, '&expansions=author_id');
    expect(res.body.data.map((p: { id: string }) => p.id)).toEqual([b.id, a.id]);
    expect(res.body.meta).toEqual({ newest_id: b.id, oldest_id: a.id, result_count: 2 });
    expect(res.body.includes.users.map((u: { username: string }) => u.username).sort()).toEqual([
      'ada',
      'bob',
    ]);
  });

  it('returns only posts newer than since_id (the relay backfill)', async () => {
    const ada = h.x.createUser({ username: 'ada' });
    const seen = h.x.post(ada.id, { text: 'seen before the gap' });
    const missed = h.x.post(ada.id, { text: 'posted during the gap' });
    const res = await search(`from:${ada.id}`, `&since_id=${seen.id}`);
    expect(res.body.data.map((p: { id: string }) => p.id)).toEqual([missed.id]);

    const none = await search(`from:${ada.id}`, `&since_id=${missed.id}`);
    expect(none.body).toEqual({ meta: { result_count: 0 } });
  });

  it('pages with next_token until nothing is left', async () => {
    const ada = h.x.createUser({ username: 'ada' });
    const ids = Array.from({ length: 25 }, (_, i) => h.x.post(ada.id, { text: `post ${i}` }).id);
    const seen: string[] = [];
    let token: string | undefined;
    do {
      const res = await search(
        `from:${ada.id}`,
        `&max_results=10${token ? `&next_token=${token}` : ''}`,
      );
      seen.push(...res.body.data.map((p: { id: string }) => p.id));
      token = res.body.meta.next_token;
    } while (token);
    expect(seen).toEqual([...ids].reverse());
  });

  it('leaves out deleted posts and posts older than 7 days', async () => {
    const ada = h.x.createUser({ username: 'ada' });
    h.x.post(ada.id, { text: 'old' });
    h.clock.advance(8 * 24 * 60 * 60_000);
    const gone = h.x.post(ada.id, { text: 'deleted' });
    h.x.deletePost(ada.id, gone.id);
    const kept = h.x.post(ada.id, { text: 'kept' });
    const res = await search(`from:${ada.id}`);
    expect(res.body.data.map((p: { id: string }) => p.id)).toEqual([kept.id]);
  });

  it('matches keywords but no longer returns reposts for them', async () => {
    const ada = h.x.createUser({ username: 'ada' });
    const bob = h.x.createUser({ username: 'bob' });
    const original = h.x.post(ada.id, { text: 'The lighthouse keeper' });
    h.x.post(bob.id, { repostOfId: original.id });
    const res = await search('lighthouse');
    expect(res.body.data.map((p: { id: string }) => p.id)).toEqual([original.id]);
  });

  it('refuses bad queries and parameters as X does', async () => {
    expect((await h.api('GET', '/2/tweets/search/recent')).body.errors[0].message).toBe(
      'The `query` query parameter can not be empty',
    );
    expect((await search('from:ada', '&max_results=5')).body.errors[0].message).toContain(
      'is not between 10 and 100',
    );
    expect((await search('from:ada', '&since_id=abc')).status).toBe(400);
    expect((await search('has:links')).body.errors[0].message).toContain(
      'There were errors processing your request',
    );
    expect((await search('x'.repeat(513))).status).toBe(400);
    expect((await search('from:ada', '&tweet.fields=bogus')).body.errors[0].message).toContain(
      'is not one of',
    );
  });
});
