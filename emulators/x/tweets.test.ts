import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { solidPng } from './images.ts';
import { startHarness, type Harness } from './testing/harness.ts';

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(() => h.close());

describe('posts lookup', () => {
  it('returns live posts in data and deleted ones in errors, as X does', async () => {
    const ada = h.x.createUser({ username: 'ada' });
    const live = h.x.post(ada.id, { text: 'still here' });
    const gone = h.x.post(ada.id, { text: 'gone' });
    h.x.deletePost(ada.id, gone.id);

    const res = await h.api('GET', `/2/tweets?ids=${live.id},${gone.id}`);
    expect(res.body.data.map((p: { id: string }) => p.id)).toEqual([live.id]);
    expect(res.body.errors).toEqual([
      {
        value: gone.id,
        detail: `Could not find tweet with ids: [${gone.id}].`,
        title: 'Not Found Error',
        resource_type: 'tweet',
        parameter: 'ids',
        resource_id: gone.id,
        type: 'https://api.twitter.com/2/problems/resource-not-found',
      },
    ]);
  });

  it('reports a deleted referenced post in errors, keeping the reference', async () => {
    const ada = h.x.createUser({ username: 'ada' });
    const parent = h.x.post(ada.id, { text: 'parent' });
    const reply = h.x.post(ada.id, { text: 'child', replyToId: parent.id });
    h.x.deletePost(ada.id, parent.id);
    const res = await h.api(
      'GET',
      `/2/tweets?ids=${reply.id}&tweet.fields=referenced_tweets&expansions=referenced_tweets.id`,
    );
    expect(res.body.data[0].referenced_tweets).toEqual([{ type: 'replied_to', id: parent.id }]);
    expect(res.body.includes).toBeUndefined();
    expect(res.body.errors[0]).toMatchObject({
      resource_id: parent.id,
      parameter: 'referenced_tweets.id',
    });
  });

  it('checks the ids parameter', async () => {
    expect((await h.api('GET', '/2/tweets')).status).toBe(400);
    expect(
      (
        await h.api(
          'GET',
          `/2/tweets?ids=${Array.from({ length: 101 }, (_, i) => i + 1).join(',')}`,
        )
      ).status,
    ).toBe(400);
    expect((await h.api('GET', '/2/tweets?ids=abc')).body.errors[0].message).toContain(
      'does not match ^[0-9]{1,19}$',
    );
  });

  it('renders fields and expansions: t.co links, entities, references, media', async () => {
    const ada = h.x.createUser({ username: 'ada' });
    const bob = h.x.createUser({ username: 'bob' });
    const media = h.x.addMedia(ada.id, undefined, 'blue square');
    const parent = h.x.post(bob.id, { text: 'hi @ada' });
    const post = h.x.post(ada.id, {
      text: 'see https://example.com/a/long/path #news @bob',
      replyToId: parent.id,
      mediaKeys: [media.key],
    });
    const res = await h.api(
      'GET',
      `/2/tweets/${post.id}?tweet.fields=entities,referenced_tweets,in_reply_to_user_id,attachments,conversation_id&expansions=referenced_tweets.id,attachments.media_keys,in_reply_to_user_id&media.fields=url,alt_text,width`,
    );
    const data = res.body.data;
    expect(data.text).toMatch(/^see https:\/\/t\.co\/\w{10} #news @bob https:\/\/t\.co\/\w{10}$/);
    expect(data.entities.urls[0]).toMatchObject({
      expanded_url: 'https://example.com/a/long/path',
      start: 4,
      end: 27,
    });
    expect(data.entities.urls[1]).toMatchObject({ media_key: media.key });
    expect(data.entities.mentions).toEqual([{ start: 34, end: 38, username: 'bob', id: bob.id }]);
    expect(data.referenced_tweets).toEqual([{ type: 'replied_to', id: parent.id }]);
    expect(data.conversation_id).toBe(parent.id);
    expect(res.body.includes.media).toEqual([
      {
        media_key: media.key,
        type: 'photo',
        url: expect.stringContaining('/pbs/media/'),
        alt_text: 'blue square',
        width: 64,
      },
    ]);
    expect(res.body.includes.tweets[0].id).toBe(parent.id);
    expect(res.body.includes.users[0].id).toBe(bob.id);
  });
});

describe('creating and deleting posts', () => {
  it('creates a post (201) that search and the author timeline see', async () => {
    const { user, token } = h.userWithToken('ada');
    const res = await h.api('POST', '/2/tweets', {
      token,
      json: { text: 'hello from the bridge' },
    });
    expect(res.status).toBe(201);
    expect(res.body.data).toMatchObject({
      text: 'hello from the bridge',
      edit_history_tweet_ids: [res.body.data.id],
    });
    const timeline = await h.api('GET', `/2/users/${user.id}/tweets`);
    expect(timeline.body.data[0].id).toBe(res.body.data.id);
  });

  it('refuses the same text twice with X duplicate-content 403', async () => {
    const { token } = h.userWithToken('ada');
    await h.api('POST', '/2/tweets', { token, json: { text: 'once' } });
    const again = await h.api('POST', '/2/tweets', { token, json: { text: 'once' } });
    expect(again.status).toBe(403);
    expect(again.body).toEqual({
      detail: 'You are not allowed to create a Tweet with duplicate content.',
      type: 'about:blank',
      title: 'Forbidden',
      status: 403,
    });
  });

  it('refuses text over 280 weighted characters, counting CJK double', async () => {
    const { token } = h.userWithToken('ada');
    expect(
      (await h.api('POST', '/2/tweets', { token, json: { text: '字'.repeat(140) } })).status,
    ).toBe(201);
    expect(
      (await h.api('POST', '/2/tweets', { token, json: { text: '字'.repeat(141) } })).status,
    ).toBe(400);
  });

  it('refuses unsummoned replies under the 2026 policy, and allows summoned ones', async () => {
    const { user, token } = h.userWithToken('ada');
    const bob = h.x.createUser({ username: 'bob' });
    const plain = h.x.post(bob.id, { text: 'a thought' });
    const refused = await h.api('POST', '/2/tweets', {
      token,
      json: { text: 'reply', reply: { in_reply_to_tweet_id: plain.id } },
    });
    expect(refused.status).toBe(403);
    expect(refused.body.detail).toBe(
      'Reply to this conversation is not allowed because you have not been mentioned or otherwise engaged by the author of the post you are replying to.',
    );

    const mention = h.x.post(bob.id, { text: `what do you think, @${user.username}?` });
    expect(
      (
        await h.api('POST', '/2/tweets', {
          token,
          json: { text: 'yes', reply: { in_reply_to_tweet_id: mention.id } },
        })
      ).status,
    ).toBe(201);
    const own = h.x.post(user.id, { text: 'thread start' });
    expect(
      (
        await h.api('POST', '/2/tweets', {
          token,
          json: { text: 'thread 2', reply: { in_reply_to_tweet_id: own.id } },
        })
      ).status,
    ).toBe(201);

    await h.api('PUT', '/_control/policy', { json: { refuseReplies: false } });
    expect(
      (
        await h.api('POST', '/2/tweets', {
          token,
          json: { text: 'now allowed', reply: { in_reply_to_tweet_id: plain.id } },
        })
      ).status,
    ).toBe(201);
  });

  it('refuses replies to deleted posts', async () => {
    const { user, token } = h.userWithToken('ada');
    const gone = h.x.post(user.id, { text: 'gone' });
    h.x.deletePost(user.id, gone.id);
    const res = await h.api('POST', '/2/tweets', {
      token,
      json: { text: 'late', reply: { in_reply_to_tweet_id: gone.id } },
    });
    expect(res.status).toBe(403);
    expect(res.body.detail).toBe(
      'You attempted to reply to a Tweet that is deleted or not visible to you.',
    );
  });

  it('deletes own posts, idempotently, and not the posts of others', async () => {
    const { user, token } = h.userWithToken('ada');
    const bob = h.x.createUser({ username: 'bob' });
    const mine = h.x.post(user.id, { text: 'mine' });
    const theirs = h.x.post(bob.id, { text: 'theirs' });
    expect((await h.api('DELETE', `/2/tweets/${mine.id}`, { token })).body).toEqual({
      data: { deleted: true },
    });
    expect((await h.api('DELETE', `/2/tweets/${mine.id}`, { token })).body).toEqual({
      data: { deleted: true },
    });
    expect((await h.api('DELETE', `/2/tweets/${theirs.id}`, { token })).status).toBe(403);
    expect((await h.api('DELETE', '/2/tweets/42', { token })).status).toBe(404);
  });

  it('refuses malformed bodies without crashing', async () => {
    const { token } = h.userWithToken('ada');
    for (const body of ['{', '[]', '{"text": 5}', '{"text":"x","bogus":1}', '{}']) {
      const res = await h.api('POST', '/2/tweets', {
        token,
        body,
        headers: { 'content-type': 'application/json' },
      });
      expect(res.status).toBe(400);
      expect(res.body.title).toBe('Invalid Request');
    }
  });
});

describe('media', () => {
  const upload = (token: string, bytes: Uint8Array, category = 'tweet_image') => {
    const form = new FormData();
    form.set('media', new Blob([Buffer.from(bytes)]), 'image.png');
    form.set('media_category', category);
    return h.api('POST', '/2/media/upload', { token, body: form });
  };

  it('uploads an image, takes alt text, and attaches it to a post', async () => {
    const { token } = h.userWithToken('ada');
    const up = await upload(token, solidPng(10, 20, [1, 2, 3]));
    expect(up.status).toBe(200);
    expect(up.body.data).toMatchObject({
      media_key: `3_${up.body.data.id}`,
      expires_after_secs: 86400,
      image: { image_type: 'image/png', w: 10, h: 20 },
    });

    const meta = await h.api('POST', '/2/media/metadata', {
      token,
      json: { id: up.body.data.id, metadata: { alt_text: { text: 'a tiny image' } } },
    });
    expect(meta.body.data.associated_metadata.alt_text.text).toBe('a tiny image');

    const post = await h.api('POST', '/2/tweets', {
      token,
      json: { text: 'look', media: { media_ids: [up.body.data.id] } },
    });
    expect(post.status).toBe(201);
    const got = await h.api(
      'GET',
      `/2/tweets/${post.body.data.id}?expansions=attachments.media_keys&media.fields=alt_text`,
    );
    expect(got.body.includes.media[0]).toMatchObject({
      media_key: up.body.data.media_key,
      alt_text: 'a tiny image',
    });
  });

  it('refuses what is not an image, images over 5 MB, and media of others', async () => {
    const { token } = h.userWithToken('ada');
    expect(
      (await upload(token, new TextEncoder().encode('definitely not an image at all'))).status,
    ).toBe(400);
    const big = new Uint8Array(5 * 1024 * 1024 + 1);
    big.set(solidPng(1, 1, [0, 0, 0]));
    expect((await upload(token, big)).body.errors[0].message).toBe(
      'File size exceeds 5242880 bytes.',
    );

    const other = h.userWithToken('bob');
    const theirs = await upload(other.token, solidPng(2, 2, [0, 0, 0]));
    const post = await h.api('POST', '/2/tweets', {
      token,
      json: { text: 'steal', media: { media_ids: [theirs.body.data.id] } },
    });
    expect(post.body.errors[0].message).toBe('Your media IDs are invalid.');
  });

  it('needs the media.write scope', async () => {
    const { token } = h.userWithToken('ada', ['tweet.read', 'users.read']);
    const res = await upload(token, solidPng(2, 2, [0, 0, 0]));
    expect(res.status).toBe(403);
    expect(res.body).toEqual({
      title: 'Forbidden',
      type: 'about:blank',
      status: 403,
      detail: 'Forbidden',
    });
  });
});
