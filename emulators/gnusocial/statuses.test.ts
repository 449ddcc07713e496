import { describe, expect, it } from 'vitest';
import { createTestSite } from './testing/client.ts';

const update = '/api/statuses/update.json';

describe('statuses/update', () => {
  it('refuses the same text by the same user within 60 seconds, and takes it after', async () => {
    const site = createTestSite();
    expect((await site.post(update, { status: 'same words' }, 'alice')).status).toBe(200);

    site.tick(59_000);
    const again = await site.post(update, { status: 'same words' }, 'alice');
    expect(again.status).toBe(400);
    expect(again.json.error).toBe(
      'Too many duplicate messages too quickly; take a breather and post again in a few minutes.',
    );
    expect(again.headers.get('access-control-allow-origin')).toBe('*');
    expect((await site.post(update, { status: 'same words' }, 'bob')).status).toBe(200);

    site.tick(1_000);
    expect((await site.post(update, { status: 'same words' }, 'alice')).status).toBe(200);
  });

  it('answers 413 past the text limit of statusnet/config, and follows a new limit', async () => {
    const site = createTestSite();
    const config = await site.get('/api/statusnet/config.json');
    expect(config.json.site.textlimit).toBe(1000);

    expect((await site.post(update, { status: '🎉'.repeat(1000) }, 'alice')).status).toBe(200);
    const long = await site.post(update, { status: 'x'.repeat(1001) }, 'alice');
    expect(long.status).toBe(413);
    expect(long.json.error).toBe(
      'Maximum notice size is 1000 characters, including attachment URL.',
    );

    await site.control('PATCH', '/settings', { textLimit: 10 });
    expect((await site.get('/api/statusnet/config.json')).json.site.textlimit).toBe(10);
    expect((await site.post(update, { status: 'eleven char' }, 'alice')).status).toBe(413);
  });

  it('refuses a JSON body with the words PHP gives for an unparsed body', async () => {
    const site = createTestSite();
    const res = await site.call('POST', update, {
      headers: {
        authorization: 'Basic YWxpY2U6YWxpY2VwYXNzMTIz',
        'content-type': 'application/json',
      },
      body: JSON.stringify({ status: 'json body' }),
    });
    expect(res.status).toBe(400);
    expect(res.json.error).toBe(
      'The server was unable to handle that much POST data (22 bytes) due to its current configuration.',
    );
  });

  it('takes parameters from the query string of a POST too', async () => {
    const site = createTestSite();
    const res = await site.post(`${update}?status=from+query&source=qs`, {}, 'alice');
    expect(res.json.text).toBe('from query');
    expect(res.json.source).toBe('qs');
  });

  it('stores text entity-decoded and renders it escaped, with links, tags and mentions', async () => {
    const site = createTestSite();
    const res = await site.post(
      update,
      { status: 'a &amp; <b> #Tag_1 @bob @nobody http://example.com/x?a=1&b=2.' },
      'alice',
    );
    expect(res.json.text).toBe('a & <b> #Tag_1 @bob @nobody http://example.com/x?a=1&b=2.');
    expect(res.json.statusnet_html).toBe(
      'a &amp; &lt;b&gt; #<span class="tag"><a href="http://gs.test/tag/tag1" rel="tag">Tag_1</a></span> ' +
        '@<a href="http://gs.test/index.php/user/2" class="h-card u-url p-nickname mention" title="Bob Example">bob</a> ' +
        '@nobody <a href="http://example.com/x?a=1&amp;b=2" title="http://example.com/x?a=1&amp;b=2" ' +
        'rel="nofollow external noreferrer" class="attachment" id="attachment-1">http://example.com/x?a=1&amp;b=2</a>.',
    );
    expect(res.json.attachments).toEqual([
      { url: 'http://example.com/x?a=1&b=2', mimetype: null, size: null },
    ]);
    const mentions = await site.get('/api/statuses/mentions.json', 'bob');
    expect(mentions.json[0].id).toBe(res.json.id);
  });

  it('answers in XML for .xml', async () => {
    const site = createTestSite();
    const res = await site.post('/api/statuses/update.xml', { status: 'in xml' }, 'alice');
    expect(res.headers.get('content-type')).toBe('application/xml; charset=utf-8');
    expect(res.text).toContain('<status xmlns:statusnet="http://status.net/schema/api/1/">');
    expect(res.text).toContain(' <text>in xml</text>');

    const error = await site.get('/api/statuses/show/999.xml');
    expect(error.status).toBe(404);
    expect(error.text).toContain('<error>No such notice.</error>');
  });
});

describe('command words', () => {
  it('executes follow and answers with the new follow notice instead of posting', async () => {
    const site = createTestSite();
    const res = await site.post(update, { status: 'follow carol' }, 'alice');
    expect(res.json.text).toBe(
      'alice (http://gs.test/alice) started following Carol Example (http://gs.test/carol).',
    );
    const me = await site.get('/api/account/verify_credentials.json', 'alice');
    expect(me.json.friends_count).toBe(2);
  });

  it('swallows commands the API does not run, answering with the latest notice', async () => {
    const site = createTestSite();
    const posted = await site.post(update, { status: 'a real notice' }, 'bob');
    const before = site.state.notices.size;

    for (const text of ['reply alice hello', 'fav 3', 'rt alice', 'whois alice', 'last', 'help']) {
      const res = await site.post(update, { status: text }, 'bob');
      expect(res.status).toBe(200);
      expect(res.json.id).toBe(posted.json.id);
    }
    expect(site.state.notices.size).toBe(before);
  });

  it('posts text that only looks like a command', async () => {
    const site = createTestSite();
    for (const text of ['follow carol and more', 'reply alone', 'help me', 'd bob', '@alice hi']) {
      site.tick(1000);
      const res = await site.post(update, { status: text }, 'bob');
      expect(res.json.text).toBe(text);
    }
  });

  it('sends a direct message for d between mutual subscribers, unposted', async () => {
    const site = createTestSite();
    const res = await site.post(update, { status: 'd alice psst, secret' }, 'bob');
    expect(res.json.text).toContain('started following'); // bob's latest: his follow notice
    expect(site.state.messages).toMatchObject([{ fromId: 2, toId: 1, text: 'psst, secret' }]);
  });

  it('turns notifications off and on for a subscription', async () => {
    const site = createTestSite();
    await site.post(update, { status: 'off bob' }, 'alice');
    expect(
      (await site.get('/api/statuses/user_timeline.json?id=bob', 'alice')).json[0].user
        .notifications,
    ).toBe(false);
    await site.post(update, { status: 'on bob' }, 'alice');
    expect(
      (await site.get('/api/statuses/user_timeline.json?id=bob', 'alice')).json[0].user
        .notifications,
    ).toBe(true);
  });

  it('answers an empty 200 when the user has no notice to show', async () => {
    const site = createTestSite();
    const res = await site.post(update, { status: 'whois bob' }, 'carol');
    expect(res.status).toBe(200);
    expect(res.text).toBe('');
  });
});

describe('statuses/show and statuses/destroy', () => {
  it('answers 410 for a deleted notice and 404 for one that never was', async () => {
    const site = createTestSite();
    const posted = await site.post(update, { status: 'short-lived' }, 'alice');
    const id = posted.json.id as number;

    const destroyed = await site.call('DELETE', `/api/statuses/destroy/${id}.json`, {
      headers: { authorization: 'Basic YWxpY2U6YWxpY2VwYXNzMTIz' },
    });
    expect(destroyed.status).toBe(200);
    expect(destroyed.json.id).toBe(id);

    const gone = await site.get(`/api/statuses/show/${id}.json`);
    expect([gone.status, gone.json.error]).toEqual([410, 'Notice deleted.']);
    expect(gone.headers.get('access-control-allow-origin')).toBeNull();
    const never = await site.get('/api/statuses/show/99999.json');
    expect([never.status, never.json.error]).toEqual([404, 'No such notice.']);
    const again = await site.post(`/api/statuses/destroy/${id}.json`, {}, 'alice');
    expect([again.status, again.json.error]).toEqual([404, 'No status found with that ID.']);
  });

  it('shows a reply to a deleted notice without a parent', async () => {
    const site = createTestSite();
    const parent = await site.post(update, { status: 'parent' }, 'alice');
    const reply = await site.post(
      update,
      { status: '@alice child', in_reply_to_status_id: String(parent.json.id) },
      'bob',
    );
    await site.post(`/api/statuses/destroy/${parent.json.id}.json`, {}, 'alice');

    const shown = await site.get(`/api/statuses/show/${reply.json.id}.json`);
    expect(shown.json.in_reply_to_status_id).toBeNull();
    expect(shown.json.in_reply_to_screen_name).toBeNull();
  });

  it('refuses another user’s notice, GET, and a reply to a missing notice', async () => {
    const site = createTestSite();
    const posted = await site.post(update, { status: 'mine' }, 'alice');
    expect(
      (await site.post(`/api/statuses/destroy/${posted.json.id}.json`, {}, 'bob')).status,
    ).toBe(403);
    expect((await site.get(`/api/statuses/destroy/${posted.json.id}.json`, 'alice')).status).toBe(
      400,
    );
    const orphan = await site.post(update, { status: 'x', in_reply_to_status_id: '999' }, 'bob');
    expect([orphan.status, orphan.json.error]).toEqual([404, 'Parent notice not found.']);
  });

  it('answers the bare HTML 405 for GET on POST-only actions and ignores CORS preflights', async () => {
    const site = createTestSite();
    const get = await site.get('/api/statuses/update.json?status=x', 'alice');
    expect([get.status, get.text]).toEqual([
      405,
      '<div class="error">This method requires a POST.</div>',
    ]);
    const preflight = await site.call('OPTIONS', '/api/statuses/home_timeline.json', {
      headers: { origin: 'http://localhost:3000', 'access-control-request-method': 'GET' },
    });
    expect(preflight.status).toBe(401);
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
  });
});
