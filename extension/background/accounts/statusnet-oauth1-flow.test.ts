import { beforeEach, describe, expect, it } from 'vitest';
import { createGnuSocialEmulator } from '../../../emulators/gnusocial/index.ts';
import { createStatusNetClient } from '../clients/statusnet-client.ts';
import { authorizeOAuth1 } from './statusnet-oauth1-flow.ts';

const SITE = 'http://gs.test';
const API = `${SITE}/api`;
const CALLBACK = 'https://jcbiihdldjopkchahekpmoepchfohbgm.chromiumapp.org/';

let site: ReturnType<typeof createGnuSocialEmulator>;
let fetch: typeof globalThis.fetch;
let consumer: { key: string; secret: string };

beforeEach(async () => {
  site = createGnuSocialEmulator({ demo: true, baseUrl: SITE });
  fetch = (async (input: string | URL | Request, init?: RequestInit) =>
    site.app.request(String(input), init)) as typeof globalThis.fetch;
  const created = await site.app.request(`${SITE}/_control/consumers`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'Bridge' }),
  });
  consumer = (await created.json()) as { key: string; secret: string };
});

/** The user on the site's authorization form, as the consent window shows it. */
function userAnswers(nickname: string, password: string, button: 'allow' | 'cancel') {
  return async (authorizeUrl: string): Promise<string> => {
    const form = await (await fetch(authorizeUrl)).text();
    const token = /name="token" value="([^"]+)"/.exec(form)?.[1] ?? '';
    const answer = await fetch(`${API}/oauth/authorize`, {
      method: 'POST',
      body: new URLSearchParams({
        token,
        oauth_token: new URL(authorizeUrl).searchParams.get('oauth_token') ?? '',
        nickname,
        password,
        [button]: button === 'allow' ? 'Allow' : 'Cancel',
      }),
      redirect: 'manual',
    });
    return answer.headers.get('location') ?? '';
  };
}

describe('authorizeOAuth1', () => {
  it('gets an access token the site accepts, through request token, consent and exchange', async () => {
    const keys = { consumerKey: consumer.key, consumerSecret: consumer.secret };
    const token = await authorizeOAuth1(API, keys, {
      callbackUrl: CALLBACK,
      consent: userAnswers('bob', 'bobpass123', 'allow'),
      fetch,
    });

    const client = createStatusNetClient({
      apiBase: API,
      auth: { kind: 'oauth1', ...keys, ...token },
      fetch,
    });
    await expect(client.verifyCredentials()).resolves.toMatchObject({ screen_name: 'bob' });
  });

  it('sends the site back to the extension’s redirect URL', async () => {
    let seen = '';
    await authorizeOAuth1(
      API,
      { consumerKey: consumer.key, consumerSecret: consumer.secret },
      {
        callbackUrl: CALLBACK,
        consent: async (url) => (seen = await userAnswers('bob', 'bobpass123', 'allow')(url)),
        fetch,
      },
    );
    expect(seen.startsWith(`${CALLBACK}?oauth_token=`)).toBe(true);
  });

  it('says the site did not grant access when the user cancels', async () => {
    await expect(
      authorizeOAuth1(
        API,
        { consumerKey: consumer.key, consumerSecret: consumer.secret },
        { callbackUrl: CALLBACK, consent: userAnswers('bob', 'bobpass123', 'cancel'), fetch },
      ),
    ).rejects.toMatchObject({ step: 'consent', message: /did not grant access/ });
  });

  it("refuses a wrong consumer secret with the site's own words", async () => {
    await expect(
      authorizeOAuth1(
        API,
        { consumerKey: consumer.key, consumerSecret: 'wrong' },
        { callbackUrl: CALLBACK, consent: () => Promise.reject(new Error('not reached')), fetch },
      ),
    ).rejects.toMatchObject({
      step: 'consumer',
      message: 'The site refused the consumer key and secret: Invalid signature',
    });
  });
});
