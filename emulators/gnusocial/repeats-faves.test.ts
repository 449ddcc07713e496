import { describe, expect, it } from 'vitest';
import type { TestSite } from './testing/client.ts';
import { createTestSite } from './testing/client.ts';

async function aliceNote(site: TestSite, text = 'worth repeating'): Promise<number> {
  const res = await site.post('/api/statuses/update.json', { status: text }, 'alice');
  return res.json.id as number;
}

describe('repeats', () => {
  it('makes a new notice by the repeater that carries the original as retweeted_status', async () => {
    const site = createTestSite();
    const original = await aliceNote(site);
    const repeat = await site.post(
      `/api/statuses/retweet/${original}.json`,
      { source: 'tool' },
      'bob',
    );

    expect(repeat.status).toBe(200);
    expect(repeat.json.id).not.toBe(original);
    expect(repeat.json.text).toBe('RT @alice worth repeating');
    expect(repeat.json.user.screen_name).toBe('bob');
    expect(repeat.json.source).toBe('tool');
    expect(repeat.json.retweeted_status.id).toBe(original);
    // As captured: the answer itself still shows the original as not repeated.
    expect(repeat.json.retweeted_status.repeated).toBe(false);

    const asBob = await site.get(`/api/statuses/show/${original}.json`, 'bob');
    expect([asBob.json.repeated, asBob.json.repeated_id]).toEqual([true, repeat.json.id]);
    const asAlice = await site.get(`/api/statuses/show/${original}.json`, 'alice');
    expect(asAlice.json.repeated).toBe(false);
    expect('repeated_id' in asAlice.json).toBe(false);

    const bobTimeline = await site.get('/api/statuses/user_timeline.json?screen_name=bob');
    expect(bobTimeline.json[0].id).toBe(repeat.json.id);
    expect(bobTimeline.json[0].user.statuses_count).toBe(0); // repeats do not count
  });

  it('refuses a repeat of one’s own notice, a second repeat, and a missing notice', async () => {
    const site = createTestSite();
    const original = await aliceNote(site);

    const own = await site.post(`/api/statuses/retweet/${original}.json`, {}, 'alice');
    expect([own.status, own.json.error]).toEqual([400, 'You cannot repeat your own notice.']);

    await site.post(`/api/statuses/retweet/${original}.json`, {}, 'bob');
    const soon = await site.post(`/api/statuses/retweet/${original}.json`, {}, 'bob');
    expect(soon.json.error).toMatch(/^Too many duplicate messages/);
    site.tick(61_000);
    const later = await site.post(`/api/statuses/retweet/${original}.json`, {}, 'bob');
    expect([later.status, later.json.error]).toEqual([400, 'You already repeated that notice.']);

    const missing = await site.post('/api/statuses/retweet/999.json', {}, 'bob');
    expect([missing.status, missing.json.error]).toEqual([400, 'No such notice.']);
  });

  it('keeps a repeat whose original is deleted, without retweeted_status', async () => {
    const site = createTestSite();
    const original = await aliceNote(site);
    const repeat = await site.post(`/api/statuses/retweet/${original}.json`, {}, 'bob');
    await site.post(`/api/statuses/destroy/${original}.json`, {}, 'alice');

    const shown = await site.get(`/api/statuses/show/${repeat.json.id}.json`);
    expect(shown.status).toBe(200);
    expect('retweeted_status' in shown.json).toBe(false);
  });
});

describe('faves and their 500 quirks', () => {
  it('faves, refuses a second fave, and shows favorited to the faver only', async () => {
    const site = createTestSite();
    const note = await aliceNote(site);
    const faved = await site.post(`/api/favorites/create/${note}.json`, {}, 'bob');
    expect(faved.json.favorited).toBe(true);

    const twice = await site.post(`/api/favorites/create/${note}.json`, {}, 'bob');
    expect([twice.status, twice.json.error]).toEqual([403, 'You have already favorited this!']);
    expect((await site.get(`/api/statuses/show/${note}.json`, 'alice')).json.favorited).toBe(false);
    expect(
      (await site.get('/api/account/verify_credentials.json', 'bob')).json.favourites_count,
    ).toBe(1);
  });

  it('unfaves yet answers 500 "No parent for notice", as the captured site does', async () => {
    const site = createTestSite();
    const note = await aliceNote(site);
    await site.post(`/api/favorites/create/${note}.json`, {}, 'bob');

    const unfave = await site.post(`/api/favorites/destroy/${note}.json`, {}, 'bob');
    expect([unfave.status, unfave.json.error]).toEqual([
      500,
      `No parent for notice with ID "${note}".`,
    ]);
    expect((await site.get(`/api/statuses/show/${note}.json`, 'bob')).json.favorited).toBe(false);

    const again = await site.post(`/api/favorites/destroy/${note}.json`, {}, 'bob');
    expect([again.status, again.json.error]).toEqual([403, 'That status is not a favorite.']);
  });

  it('answers the unfave with the notice when the quirk is off', async () => {
    const site = createTestSite();
    await site.control('PATCH', '/settings', { quirks: { unfaveAnswers500: false } });
    const note = await aliceNote(site);
    await site.post(`/api/favorites/create/${note}.json`, {}, 'bob');
    const unfave = await site.post(`/api/favorites/destroy/${note}.json`, {}, 'bob');
    expect([unfave.status, unfave.json.favorited]).toEqual([200, false]);
  });

  it('answers 500 when deleting a notice someone faved, and the notice stays', async () => {
    const site = createTestSite();
    const note = await aliceNote(site);
    await site.post(`/api/favorites/create/${note}.json`, {}, 'bob');

    const destroy = await site.post(`/api/statuses/destroy/${note}.json`, {}, 'alice');
    expect(destroy.status).toBe(500);
    expect((await site.get(`/api/statuses/show/${note}.json`)).status).toBe(200);

    await site.control('PATCH', '/settings', { quirks: { destroyFavedAnswers500: false } });
    expect((await site.post(`/api/statuses/destroy/${note}.json`, {}, 'alice')).status).toBe(200);
    expect((await site.get(`/api/statuses/show/${note}.json`)).status).toBe(410);
  });

  it('faves the original when asked to fave a repeat', async () => {
    const site = createTestSite();
    const note = await aliceNote(site);
    const repeat = await site.post(`/api/statuses/retweet/${note}.json`, {}, 'bob');
    const faved = await site.post(`/api/favorites/create/${repeat.json.id}.json`, {}, 'carol');
    expect(faved.json.id).toBe(note);
  });
});
