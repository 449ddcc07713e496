import { createHmac } from 'node:crypto';
import OAuth from 'oauth-1.0a';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningGnuSocialEmulator } from './index.ts';
import { startGnuSocialEmulator } from './index.ts';

/** OAuth 1.0a end to end over a real socket, signed by the `oauth-1.0a` client library. */

let gs: RunningGnuSocialEmulator;
beforeAll(async () => {
  gs = await startGnuSocialEmulator({ demo: true });
});
afterAll(() => gs.close());

interface Keys {
  key: string;
  secret: string;
}

async function registerConsumer(body: Record<string, string>): Promise<Keys> {
  const res = await fetch(`${gs.url}/_control/consumers`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return (await res.json()) as Keys;
}

function client(consumer: Keys) {
  return new OAuth({
    consumer,
    signature_method: 'HMAC-SHA1',
    hash_function: (base, key) => createHmac('sha1', key).update(base).digest('base64'),
  });
}

/** A signed request; `data` is sent form-encoded (or in the query for GET) and signed. */
async function signed(
  consumer: Keys,
  method: 'GET' | 'POST',
  path: string,
  data: Record<string, string> = {},
  token?: Keys,
) {
  const url = `${gs.url}${path}`;
  const auth = client(consumer).authorize({ url, method, data }, token);
  const header = client(consumer).toHeader(auth);
  const query = method === 'GET' && Object.keys(data).length ? `?${new URLSearchParams(data)}` : '';
  return fetch(url + query, {
    method,
    headers: {
      ...header,
      ...(method === 'POST' && { 'content-type': 'application/x-www-form-urlencoded' }),
    },
    ...(method === 'POST' && { body: new URLSearchParams(data).toString() }),
    redirect: 'manual',
  });
}

function formValue(html: string, name: string): string {
  return new RegExp(`name="${name}" value="([^"]*)"`).exec(html)?.[1] ?? '';
}

/** Request token, consent as alice, access token: the three legs. */
async function authorize(consumer: Keys, callback = 'http://127.0.0.1:9/callback') {
  const requested = await signed(consumer, 'POST', '/api/oauth/request_token', {
    oauth_callback: callback,
  });
  expect(requested.status).toBe(200);
  const request = new URLSearchParams(await requested.text());
  expect(request.get('oauth_callback_confirmed')).toBe('true');
  const requestToken = {
    key: request.get('oauth_token') ?? '',
    secret: request.get('oauth_token_secret') ?? '',
  };

  const page = await fetch(`${gs.url}/api/oauth/authorize?oauth_token=${requestToken.key}`);
  const html = await page.text();
  expect(html).toContain('name="nickname"');
  expect(html).toContain('id="allow_submit"');

  const consent = await fetch(`${gs.url}/api/oauth/authorize`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      token: formValue(html, 'token'),
      oauth_token: requestToken.key,
      nickname: 'alice',
      password: 'alicepass123',
      allow: 'Allow',
    }).toString(),
    redirect: 'manual',
  });
  return { requestToken, consent };
}

async function accessToken(consumer: Keys): Promise<Keys> {
  const { requestToken, consent } = await authorize(consumer);
  expect(consent.status).toBe(303);
  const location = new URL(consent.headers.get('location') ?? '');
  expect(location.searchParams.get('oauth_token')).toBe(requestToken.key);
  const verifier = location.searchParams.get('oauth_verifier') ?? '';

  const exchanged = await signed(
    consumer,
    'POST',
    '/api/oauth/access_token',
    { oauth_verifier: verifier },
    requestToken,
  );
  expect(exchanged.status).toBe(200);
  const access = new URLSearchParams(await exchanged.text());
  return { key: access.get('oauth_token') ?? '', secret: access.get('oauth_token_secret') ?? '' };
}

describe('OAuth 1.0a', () => {
  it('completes the three legs, then reads and posts as the user with the app as source', async () => {
    const consumer = await registerConsumer({
      name: 'bridge',
      sourceUrl: 'https://bridge.example/',
    });
    const token = await accessToken(consumer);

    const me = await signed(consumer, 'GET', '/api/account/verify_credentials.json', {}, token);
    expect(me.status).toBe(200);
    expect(((await me.json()) as { screen_name: string }).screen_name).toBe('alice');

    const posted = await signed(
      consumer,
      'POST',
      '/api/statuses/update.json',
      { status: 'via OAuth', source: 'ignored' },
      token,
    );
    expect(posted.status).toBe(200);
    expect(await posted.json()).toMatchObject({
      text: 'via OAuth',
      source: 'bridge',
      source_link: 'https://bridge.example/',
    });

    const timeline = await signed(
      consumer,
      'GET',
      '/api/statuses/home_timeline.json',
      { count: '1' },
      token,
    );
    expect(((await timeline.json()) as { text: string }[])[0]?.text).toBe('via OAuth');
  });

  it('refuses a bad signature, a replayed nonce and an expired timestamp', async () => {
    const consumer = await registerConsumer({ name: 'strict' });
    const token = await accessToken(consumer);
    const path = '/api/account/verify_credentials.json';

    const forged = await signed(
      { key: consumer.key, secret: 'not-the-secret' },
      'GET',
      path,
      {},
      token,
    );
    expect(forged.status).toBe(401);
    expect(await forged.json()).toMatchObject({ error: 'Invalid signature', request: path });
    expect(forged.headers.get('access-control-allow-origin')).toBeNull();

    const url = `${gs.url}${path}`;
    const header = client(consumer).toHeader(
      client(consumer).authorize({ url, method: 'GET' }, token),
    );
    expect((await fetch(url, { headers: { ...header } })).status).toBe(200);
    const replayed = await fetch(url, { headers: { ...header } });
    expect(((await replayed.json()) as { error: string }).error).toMatch(/^Nonce already used: /);

    gs.state.clockOffsetMs = 10 * 60 * 1000;
    try {
      const late = await signed(consumer, 'GET', path, {}, token);
      expect(((await late.json()) as { error: string }).error).toMatch(
        /^Expired timestamp, yours \d+, ours \d+$/,
      );
    } finally {
      gs.state.clockOffsetMs = 0;
    }
  });

  it('refuses writes to a read-only application', async () => {
    const consumer = await registerConsumer({ name: 'reader', access: 'read' });
    const token = await accessToken(consumer);
    expect(
      (await signed(consumer, 'GET', '/api/statuses/home_timeline.json', {}, token)).status,
    ).toBe(200);
    const write = await signed(
      consumer,
      'POST',
      '/api/statuses/update.json',
      { status: 'no' },
      token,
    );
    expect(((await write.json()) as { error: string }).error).toBe(
      'API resource requires read-write access, but you only have read access.',
    );
  });

  it('shows the verifier to out-of-band clients, and a refusal to callbacks', async () => {
    const consumer = await registerConsumer({ name: 'desktop' });
    const { consent } = await authorize(consumer, 'oob');
    expect(consent.status).toBe(200);
    expect(await consent.text()).toMatch(/<div id="oauth_pin">[0-9a-f]+<\/div>/);

    const requested = await signed(consumer, 'POST', '/api/oauth/request_token', {
      oauth_callback: 'http://127.0.0.1:9/cb',
    });
    const key = new URLSearchParams(await requested.text()).get('oauth_token') ?? '';
    const html = await (await fetch(`${gs.url}/api/oauth/authorize?oauth_token=${key}`)).text();
    const form = { token: formValue(html, 'token'), oauth_token: key, nickname: 'alice' };

    const wrong = await fetch(`${gs.url}/api/oauth/authorize`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ ...form, password: 'nope', allow: 'Allow' }).toString(),
    });
    expect(await wrong.text()).toContain('Invalid nickname / password!');

    const cancel = await fetch(`${gs.url}/api/oauth/authorize`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ ...form, password: 'alicepass123', cancel: 'Cancel' }).toString(),
      redirect: 'manual',
    });
    expect(cancel.headers.get('location')).toBe('http://127.0.0.1:9/cb?oauth_problem=user_refused');
  });

  it('refuses a request token without a callback and an access token without consent', async () => {
    const consumer = await registerConsumer({ name: 'hasty' });
    const noCallback = await signed(consumer, 'POST', '/api/oauth/request_token');
    expect([noCallback.status, await noCallback.text()]).toEqual([
      400,
      "You must provide a valid URL or 'oob' in oauth_callback.",
    ]);

    const requested = await signed(consumer, 'POST', '/api/oauth/request_token', {
      oauth_callback: 'oob',
    });
    const request = new URLSearchParams(await requested.text());
    const requestToken = {
      key: request.get('oauth_token') ?? '',
      secret: request.get('oauth_token_secret') ?? '',
    };
    const early = await signed(consumer, 'POST', '/api/oauth/access_token', {}, requestToken);
    expect([early.status, await early.text()]).toEqual([400, 'Invalid request token or verifier.']);
  });
});
