import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningGnuSocialEmulator } from './index.ts';
import { startGnuSocialEmulator } from './index.ts';
import { basic, createTestSite } from './testing/client.ts';

describe('control API', () => {
  it('creates users, follows, posts, repeats, faves and deletes as the web UI would', async () => {
    const site = createTestSite({ demo: false });
    const created = await site.control('POST', '/users', {
      username: 'dave',
      password: 'davepass1',
    });
    expect(created.json).toMatchObject({ id: 1, username: 'dave', protected: false });
    await site.control('POST', '/users', {
      username: 'erin',
      password: 'erinpass1',
      protected: true,
    });
    expect((await site.control('POST', '/users/dave/follow', { target: 'erin' })).status).toBe(201);

    const note = await site.control('POST', '/users/erin/notices', { text: 'hi from the web' });
    expect(note.json).toMatchObject({ author: 'erin', source: 'web', followersOnly: true });
    expect(
      (await site.control('POST', '/users/dave/faves', { noticeId: note.json.id })).status,
    ).toBe(204);

    const listed = await site.control('GET', '/notices');
    expect(listed.json.notices.map((n: { verb: string }) => n.verb)).toEqual(['follow', 'post']);
    expect((await site.control('DELETE', `/notices/${note.json.id}`)).status).toBe(204);
    expect((await site.control('GET', '/notices')).json.deletedIds).toEqual([note.json.id]);
    expect((await site.control('GET', '/users/nobody')).status).toBe(404);
  });

  it('validates its bodies', async () => {
    const site = createTestSite();
    expect((await site.control('POST', '/users', { username: 'x' })).status).toBe(400);
    expect((await site.control('POST', '/users/alice/notices', {})).status).toBe(400);
    expect((await site.control('PATCH', '/settings', { textLimit: -1 })).status).toBe(400);
  });

  it('injects faults for a number of requests, and journals what was asked', async () => {
    const site = createTestSite();
    await site.control('POST', '/faults', {
      pathPrefix: '/api/statuses/update',
      status: 503,
      count: 1,
    });
    const failed = await site.post('/api/statuses/update.json', { status: 'first try' }, 'alice');
    expect(failed.status).toBe(503);
    const worked = await site.post('/api/statuses/update.json', { status: 'first try' }, 'alice');
    expect(worked.status).toBe(200);

    const journal = (await site.control('GET', '/requests')).json as {
      path: string;
      status: number;
      authScheme?: string;
    }[];
    expect(journal.map((e) => [e.path, e.status, e.authScheme])).toEqual([
      ['/api/statuses/update.json', 503, 'Basic'],
      ['/api/statuses/update.json', 200, 'Basic'],
    ]);
  });

  it('moves the clock and resets the world', async () => {
    const site = createTestSite();
    const before = (await site.control('POST', '/clock', { advanceMs: 0 })).json.now as number;
    const after = (await site.control('POST', '/clock', { advanceMs: 61_000 })).json.now as number;
    expect(after - before).toBe(61_000);

    await site.control('POST', '/reset', { demo: false });
    expect((await site.control('GET', '/users')).json).toEqual([]);
    await site.control('POST', '/reset', { demo: true });
    expect((await site.control('GET', '/users')).json).toHaveLength(3);
  });
});

describe('a started emulator', () => {
  let gs: RunningGnuSocialEmulator;
  beforeAll(async () => {
    gs = await startGnuSocialEmulator({ demo: true });
  });
  afterAll(() => gs.close());

  it('listens on 127.0.0.1 and names itself by that address', async () => {
    expect(gs.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const res = await fetch(`${gs.url}/api/account/verify_credentials.json`, {
      headers: { authorization: basic('bob') },
    });
    const me = (await res.json()) as { statusnet_profile_url: string };
    expect(me.statusnet_profile_url).toBe(`${gs.url}/bob`);
  });

  it('drops a connection when told to', async () => {
    const fault = { pathPrefix: '/api/help/test', drop: true, count: 1 };
    await fetch(`${gs.url}/_control/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(fault),
    });
    await expect(fetch(`${gs.url}/api/help/test.json`)).rejects.toThrow();
    expect(await (await fetch(`${gs.url}/api/help/test.json`)).text()).toBe('"ok"');
  });
});
