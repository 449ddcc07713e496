import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from './testing/harness.ts';

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(() => h.close());

describe('users', () => {
  it('answers /2/users/me for the token owner, with requested fields', async () => {
    const { user, token } = h.userWithToken('ada');
    h.x.post(user.id, { text: 'recent' });
    const res = await h.api(
      'GET',
      '/2/users/me?user.fields=public_metrics,created_at,protected,most_recent_tweet_id',
      { token },
    );
    expect(res.body.data).toMatchObject({
      id: user.id,
      username: 'ada',
      protected: false,
      public_metrics: { tweet_count: 1, following_count: 0 },
    });
  });

  it('needs tweet.read besides users.read for /2/users/me', async () => {
    const { token } = h.userWithToken('ada', ['users.read']);
    expect((await h.api('GET', '/2/users/me', { token })).status).toBe(403);
  });

  it('looks users up by id and username, with not-found errors', async () => {
    const ada = h.x.createUser({ username: 'ada' });
    expect((await h.api('GET', `/2/users/${ada.id}`)).body.data.username).toBe('ada');
    expect((await h.api('GET', '/2/users/by/username/ADA')).body.data.id).toBe(ada.id);
    const missing = await h.api('GET', '/2/users/by/username/nobody');
    expect(missing.body.errors[0].detail).toBe('Could not find user with username: [nobody].');
  });

  it('pages through following, most recent first', async () => {
    const { user, token } = h.userWithToken('ada');
    const followed = Array.from({ length: 5 }, (_, i) =>
      h.x.createUser({ username: `friend${i}` }),
    );
    for (const f of followed) h.x.follow(user.id, f.id);
    const seen: string[] = [];
    let token32: string | undefined;
    do {
      const res = await h.api(
        'GET',
        `/2/users/${user.id}/following?max_results=2${token32 ? `&pagination_token=${token32}` : ''}`,
        { token },
      );
      seen.push(...res.body.data.map((u: { id: string }) => u.id));
      token32 = res.body.meta.next_token;
    } while (token32);
    expect(seen).toEqual(followed.map((f) => f.id).reverse());
  });

  it('answers following of nobody with meta only, and needs follows.read', async () => {
    const { user, token } = h.userWithToken('ada');
    expect((await h.api('GET', `/2/users/${user.id}/following`, { token })).body).toEqual({
      meta: { result_count: 0 },
    });
    const limited = h.userWithToken('bob', ['tweet.read', 'users.read']);
    expect(
      (await h.api('GET', `/2/users/${user.id}/following`, { token: limited.token })).status,
    ).toBe(403);
  });
});

describe('user timeline', () => {
  it('lists posts and reposts newest first, with since_id and exclude', async () => {
    const ada = h.x.createUser({ username: 'ada' });
    const bob = h.x.createUser({ username: 'bob' });
    const first = h.x.post(ada.id, { text: 'first' });
    const theirs = h.x.post(bob.id, { text: 'theirs' });
    const repost = h.x.post(ada.id, { repostOfId: theirs.id });
    const reply = h.x.post(ada.id, { text: 'reply', replyToId: theirs.id });

    const all = await h.api('GET', `/2/users/${ada.id}/tweets?max_results=5`);
    expect(all.body.data.map((p: { id: string }) => p.id)).toEqual([reply.id, repost.id, first.id]);
    const since = await h.api(
      'GET',
      `/2/users/${ada.id}/tweets?since_id=${first.id}&exclude=retweets`,
    );
    expect(since.body.data.map((p: { id: string }) => p.id)).toEqual([reply.id]);
    expect(repost.text).toBe('RT @bob: theirs');
  });
});

describe('reposts and likes', () => {
  it('reposts and undoes a repost, idempotently', async () => {
    const { user, token } = h.userWithToken('ada');
    const bob = h.x.createUser({ username: 'bob' });
    const post = h.x.post(bob.id, { text: 'worth sharing' });
    const first = await h.api('POST', `/2/users/${user.id}/retweets`, {
      token,
      json: { tweet_id: post.id },
    });
    expect(first.body.data.retweeted).toBe(true);
    const second = await h.api('POST', `/2/users/${user.id}/retweets`, {
      token,
      json: { tweet_id: post.id },
    });
    expect(second.body.data.id).toBe(first.body.data.id);
    expect(
      (await h.api('DELETE', `/2/users/${user.id}/retweets/${post.id}`, { token })).body,
    ).toEqual({ data: { retweeted: false } });
    expect(h.x.state.livePost(first.body.data.id)).toBeUndefined();
  });

  it('refuses likes under the 2026 policy, and likes when it is off', async () => {
    const { user, token } = h.userWithToken('ada');
    const bob = h.x.createUser({ username: 'bob' });
    const post = h.x.post(bob.id, { text: 'likeable' });
    const refused = await h.api('POST', `/2/users/${user.id}/likes`, {
      token,
      json: { tweet_id: post.id },
    });
    expect(refused.status).toBe(403);
    expect(refused.body).toMatchObject({
      title: 'Client Forbidden',
      reason: 'client-not-enrolled',
    });

    h.x.setPolicy({ refuseLikes: false });
    expect(
      (await h.api('POST', `/2/users/${user.id}/likes`, { token, json: { tweet_id: post.id } }))
        .body,
    ).toEqual({ data: { liked: true } });
    expect((await h.api('DELETE', `/2/users/${user.id}/likes/${post.id}`, { token })).body).toEqual(
      { data: { liked: false } },
    );
  });

  it('refuses acting for another user', async () => {
    const { token } = h.userWithToken('ada');
    const bob = h.x.createUser({ username: 'bob' });
    const post = h.x.post(bob.id, { text: 'x' });
    expect(
      (await h.api('POST', `/2/users/${bob.id}/retweets`, { token, json: { tweet_id: post.id } }))
        .status,
    ).toBe(403);
  });
});
