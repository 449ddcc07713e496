import { createHash, randomBytes } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from './testing/harness.ts';

const REDIRECT = 'https://abcdefghijklmnop.chromiumapp.org/x';
const SCOPES = 'tweet.read tweet.write users.read offline.access';

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
  const me = h.x.createUser({ username: 'bridge_user', name: 'Bridge User' });
  h.x.setSignedInUser(me.id);
});
afterEach(() => h.close());

function pkce() {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

function authorizeUrl(challenge: string, overrides: Record<string, string> = {}) {
  const params = new URLSearchParams({
    response_type: 'code',
    client_id: h.x.clientId,
    redirect_uri: REDIRECT,
    scope: SCOPES,
    state: 'state-123',
    code_challenge: challenge,
    code_challenge_method: 'S256',
    ...overrides,
  });
  return `/i/oauth2/authorize?${params}`;
}

/** Reads the consent page, then submits its form with the given decision. */
async function decide(
  challenge: string,
  decision: 'allow' | 'deny',
  overrides: Record<string, string> = {},
) {
  const page = await h.api('GET', authorizeUrl(challenge, overrides), { token: null });
  expect(page.status).toBe(200);
  const form = Object.fromEntries(
    [...String(page.body).matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)].map(
      (m) => [m[1], m[2]],
    ),
  );
  const res = await h.api('POST', '/i/oauth2/authorize', {
    token: null,
    form: { ...form, decision },
  });
  expect(res.status).toBe(302);
  return new URL(res.headers.get('location') ?? '');
}

async function exchange(code: string, verifier: string) {
  return h.api('POST', '/2/oauth2/token', {
    token: null,
    form: {
      grant_type: 'authorization_code',
      code,
      client_id: h.x.clientId,
      redirect_uri: REDIRECT,
      code_verifier: verifier,
    },
  });
}

describe('OAuth 2.0 authorization code with PKCE', () => {
  it('shows an accessible consent page for the signed-in user', async () => {
    const page = await h.api('GET', authorizeUrl(pkce().challenge), { token: null });
    expect(page.body).toContain(
      '<button type="submit" name="decision" value="allow">Authorize app</button>',
    );
    expect(page.body).toContain('@bridge_user');
  });

  it('redirects with code and state, and the code buys a token that works', async () => {
    const { verifier, challenge } = pkce();
    const back = await decide(challenge, 'allow');
    expect(back.origin + back.pathname).toBe(REDIRECT);
    expect(back.searchParams.get('state')).toBe('state-123');

    const tokens = await exchange(back.searchParams.get('code') ?? '', verifier);
    expect(tokens.status).toBe(200);
    expect(tokens.body).toMatchObject({ token_type: 'bearer', expires_in: 7200, scope: SCOPES });
    expect(tokens.body.refresh_token).toEqual(expect.any(String));

    const me = await h.api('GET', '/2/users/me', { token: tokens.body.access_token });
    expect(me.body.data.username).toBe('bridge_user');
  });

  it('redirects a denial with error=access_denied', async () => {
    const back = await decide(pkce().challenge, 'deny');
    expect(back.searchParams.get('error')).toBe('access_denied');
    expect(back.searchParams.get('state')).toBe('state-123');
  });

  it('refuses a wrong verifier, and the code still works with the right one', async () => {
    const { verifier, challenge } = pkce();
    const code = (await decide(challenge, 'allow')).searchParams.get('code') ?? '';
    const wrong = await exchange(code, 'not-the-verifier');
    expect(wrong.status).toBe(400);
    expect(wrong.body).toEqual({
      error: 'invalid_request',
      error_description: 'Value passed for the authorization code was invalid.',
    });
    expect((await exchange(code, verifier)).status).toBe(200);
  });

  it('refuses a code after 30 seconds', async () => {
    const { verifier, challenge } = pkce();
    const code = (await decide(challenge, 'allow')).searchParams.get('code') ?? '';
    h.clock.advance(30_001);
    expect((await exchange(code, verifier)).status).toBe(400);
  });

  it('takes a code only once', async () => {
    const { verifier, challenge } = pkce();
    const code = (await decide(challenge, 'allow')).searchParams.get('code') ?? '';
    expect((await exchange(code, verifier)).status).toBe(200);
    expect((await exchange(code, verifier)).status).toBe(400);
  });

  it('refuses an unregistered redirect URI with an error page, redirecting nowhere', async () => {
    const page = await h.api(
      'GET',
      authorizeUrl(pkce().challenge, { redirect_uri: 'https://evil.example/cb' }),
      { token: null },
    );
    expect(page.status).toBe(400);
    expect(page.body).toContain('Something went wrong');
  });

  it('accepts redirect URIs registered through the control API', async () => {
    const added = await h.api('POST', `/_control/oauth/clients/${h.x.clientId}/redirect-uris`, {
      token: null,
      json: { uri: 'moz-extension://abc/cb.html' },
    });
    expect(added.status).toBe(201);
    const back = await decide(pkce().challenge, 'allow', {
      redirect_uri: 'moz-extension://abc/cb.html',
    });
    expect(back.searchParams.get('code')).toBeTruthy();
  });

  it('issues no refresh token without offline.access', async () => {
    const { verifier, challenge } = pkce();
    const code =
      (await decide(challenge, 'allow', { scope: 'tweet.read users.read' })).searchParams.get(
        'code',
      ) ?? '';
    const tokens = await exchange(code, verifier);
    expect(tokens.body.refresh_token).toBeUndefined();
  });
});

describe('tokens', () => {
  async function login() {
    const { verifier, challenge } = pkce();
    const code = (await decide(challenge, 'allow')).searchParams.get('code') ?? '';
    return (await exchange(code, verifier)).body as { access_token: string; refresh_token: string };
  }
  const refresh = (token: string) =>
    h.api('POST', '/2/oauth2/token', {
      token: null,
      form: { grant_type: 'refresh_token', refresh_token: token, client_id: h.x.clientId },
    });

  it('rotates refresh tokens: the old one dies at once', async () => {
    const first = await login();
    const second = await refresh(first.refresh_token);
    expect(second.status).toBe(200);
    expect(second.body.refresh_token).not.toBe(first.refresh_token);

    const again = await refresh(first.refresh_token);
    expect(again.status).toBe(400);
    expect(again.body).toEqual({
      error: 'invalid_request',
      error_description: 'Value passed for the token was invalid.',
    });
    expect((await refresh(second.body.refresh_token)).status).toBe(200);
  });

  it('lets access tokens expire after two hours', async () => {
    const { access_token } = await login();
    h.clock.advance(2 * 60 * 60_000);
    const me = await h.api('GET', '/2/users/me', { token: access_token });
    expect(me.status).toBe(401);
    expect(me.body).toEqual({
      title: 'Unauthorized',
      type: 'about:blank',
      status: 401,
      detail: 'Unauthorized',
    });
  });

  it('revokes access and refresh tokens', async () => {
    const { access_token, refresh_token } = await login();
    for (const token of [access_token, refresh_token]) {
      const res = await h.api('POST', '/2/oauth2/revoke', {
        token: null,
        form: { token, client_id: h.x.clientId },
      });
      expect(res.body).toEqual({ revoked: true });
    }
    expect((await h.api('GET', '/2/users/me', { token: access_token })).status).toBe(401);
    expect((await refresh(refresh_token)).status).toBe(400);
  });

  it('mints, expires and revokes tokens through the control API', async () => {
    const me = h.x.state.userByName('bridge_user');
    const minted = await h.api('POST', '/_control/tokens', {
      token: null,
      json: { userId: me?.id, scopes: ['tweet.read', 'users.read'], expiresInSeconds: 60 },
    });
    expect(minted.status).toBe(201);
    expect((await h.api('GET', '/2/users/me', { token: minted.body.access_token })).status).toBe(
      200,
    );
    await h.api('POST', '/_control/tokens/expire', {
      token: null,
      json: { token: minted.body.access_token },
    });
    expect((await h.api('GET', '/2/users/me', { token: minted.body.access_token })).status).toBe(
      401,
    );
  });

  it('gives the app bearer token for the API key and secret', async () => {
    const basic = Buffer.from('emulator-api-key:emulator-api-secret').toString('base64');
    const res = await h.api('POST', '/oauth2/token', {
      token: null,
      headers: { authorization: `Basic ${basic}` },
      form: { grant_type: 'client_credentials' },
    });
    expect(res.body).toEqual({ token_type: 'bearer', access_token: h.x.bearerToken });
  });
});
