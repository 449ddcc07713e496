import { describe, expect, it } from 'vitest';
import type { TestSite } from './testing/client.ts';
import { createTestSite } from './testing/client.ts';

/** alice posts `n` notices a second apart; returns their ids, oldest first. */
async function alicePosts(site: TestSite, n: number): Promise<number[]> {
  const ids: number[] = [];
  for (let i = 1; i <= n; i++) {
    site.tick(1000);
    const res = await site.post('/api/statuses/update.json', { status: `note ${i}` }, 'alice');
    ids.push(res.json.id as number);
  }
  return ids;
}

const ids = (res: { json: { id: number }[] }) => res.json.map((n) => n.id);

describe('timeline paging', () => {
  it('treats since_id as exclusive and max_id as inclusive', async () => {
    const site = createTestSite();
    const [, second, third, fourth] = await alicePosts(site, 5);

    const since = await site.get(
      `/api/statuses/user_timeline.json?screen_name=alice&since_id=${second}`,
    );
    expect(ids(since)).not.toContain(second);
    expect(ids(since).at(-1)).toBe(third);

    const upTo = await site.get(
      `/api/statuses/home_timeline.json?max_id=${fourth}&count=2`,
      'alice',
    );
    expect(ids(upTo)).toEqual([fourth, third]);
  });

  it('bounds count to 1..200, with 20 as default and for nonsense', async () => {
    const site = createTestSite();
    await alicePosts(site, 25);
    const path = '/api/statuses/user_timeline.json?screen_name=alice';

    expect((await site.get(path)).json).toHaveLength(20);
    expect((await site.get(`${path}&count=0`)).json).toHaveLength(20);
    expect((await site.get(`${path}&count=abc`)).json).toHaveLength(20);
    expect((await site.get(`${path}&count=3`)).json).toHaveLength(3);
    expect((await site.get(`${path}&count=500`)).json).toHaveLength(26); // 25 + her follow notice
  });

  it('pages with page and count', async () => {
    const site = createTestSite();
    const posted = await alicePosts(site, 6);
    const page2 = await site.get(
      '/api/statuses/user_timeline.json?screen_name=alice&count=2&page=2',
    );
    expect(ids(page2)).toEqual([posted[3], posted[2]]);
  });
});

describe('timeline contents', () => {
  it('lists a user by screen_name, user_id or id, anonymously for a public user', async () => {
    const site = createTestSite();
    await alicePosts(site, 1);
    for (const query of ['screen_name=alice', 'user_id=1', 'id=alice', 'id=1']) {
      const res = await site.get(`/api/statuses/user_timeline.json?${query}`);
      expect(res.status).toBe(200);
      expect(res.json[0].user.screen_name).toBe('alice');
    }
    expect((await site.get('/api/statuses/user_timeline/alice.json')).status).toBe(200);
    expect((await site.get('/api/statuses/user_timeline.json?screen_name=nobody')).status).toBe(
      404,
    );
  });

  it('keeps a protected stream for its subscribers', async () => {
    const site = createTestSite();
    await site.control('PATCH', '/users/alice', { protected: true });
    await alicePosts(site, 1);
    const path = '/api/statuses/user_timeline.json?screen_name=alice';

    expect((await site.get(path)).status).toBe(401);
    expect((await site.get(path, 'carol')).status).toBe(403);
    expect((await site.get(path, 'bob')).status).toBe(200);
    expect((await site.get('/api/account/verify_credentials.json', 'alice')).json.protected).toBe(
      true,
    );

    const [notice] = (await site.get(path, 'alice')).json;
    expect((await site.get(`/api/statuses/show/${notice.id}.json`, 'carol')).status).toBe(403);
    expect((await site.get(`/api/statuses/show/${notice.id}.json`, 'bob')).status).toBe(200);
  });

  it('puts replies and mentions from strangers in the home and mentions timelines', async () => {
    const site = createTestSite();
    const [aliceNote] = await alicePosts(site, 1);
    site.tick(1000);
    const reply = await site.post(
      '/api/statuses/update.json',
      { status: 'no mention here', in_reply_to_status_id: String(aliceNote) },
      'carol',
    );
    const mention = await site.post('/api/statuses/update.json', { status: 'hey @alice' }, 'carol');

    const mentions = await site.get('/api/statuses/mentions.json', 'alice');
    expect(ids(mentions)).toEqual([mention.json.id, reply.json.id]);
    const home = await site.get('/api/statuses/home_timeline.json', 'alice');
    expect(ids(home)).toContain(reply.json.id);
    expect(reply.json.in_reply_to_status_id).toBe(String(aliceNote));
  });

  it('answers 304 for a matching ETag, and keeps the ETag after a fave', async () => {
    const site = createTestSite();
    const [note] = await alicePosts(site, 1);
    const first = await site.get('/api/statuses/home_timeline.json', 'bob');
    const etag = first.headers.get('etag') ?? '';
    expect(etag).toMatch(/^"ApiTimelineHome:\d+:en:2:\d+:\d+"$/);

    const again = await site.get('/api/statuses/home_timeline.json', 'bob', {
      'if-none-match': etag,
    });
    expect(again.status).toBe(304);
    expect(again.text).toBe('');

    await site.post(`/api/favorites/create/${note}.json`, {}, 'bob');
    const stale = await site.get('/api/statuses/home_timeline.json', 'bob', {
      'if-none-match': etag,
    });
    expect(stale.status).toBe(304);

    site.tick(1000);
    await site.post('/api/statuses/update.json', { status: 'news' }, 'alice');
    const fresh = await site.get('/api/statuses/home_timeline.json', 'bob', {
      'if-none-match': etag,
    });
    expect(fresh.status).toBe(200);
  });

  it('honours If-Modified-Since on a single notice', async () => {
    const site = createTestSite();
    const [note] = await alicePosts(site, 1);
    const first = await site.get(`/api/statuses/show/${note}.json`);
    const lastModified = first.headers.get('last-modified') ?? '';
    const res = await site.get(`/api/statuses/show/${note}.json`, null, {
      'if-modified-since': lastModified,
    });
    expect(res.status).toBe(304);
  });

  it('lists favorites newest-faved first, anonymously by screen_name', async () => {
    const site = createTestSite();
    const [a, b] = await alicePosts(site, 2);
    await site.post(`/api/favorites/create/${b}.json`, {}, 'bob');
    site.tick(1000);
    await site.post(`/api/favorites/create/${a}.json`, {}, 'bob');

    const faves = await site.get('/api/favorites.json?screen_name=bob');
    expect(ids(faves)).toEqual([a, b]);
    expect(faves.json[0].favorited).toBe(false);
    expect((await site.get('/api/favorites.json', 'bob')).json[0].favorited).toBe(true);
  });
});
