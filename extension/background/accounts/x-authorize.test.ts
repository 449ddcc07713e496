import { describe, expect, it } from 'vitest';
import { buildAuthorizeUrl, readAuthorizeRedirect, X_SCOPES } from './x-authorize.ts';

const redirect = 'https://jcbiihdldjopkchahekpmoepchfohbgm.chromiumapp.org/';

describe('buildAuthorizeUrl', () => {
  it('asks for a code with an S256 challenge, the state and every scope the bridge needs', () => {
    const url = new URL(
      buildAuthorizeUrl({
        authorizeUrl: 'https://x.com/i/oauth2/authorize',
        clientId: 'client-1',
        redirectUri: redirect,
        state: 'st4te',
        challenge: 'ch4llenge',
      }),
    );
    expect(url.origin + url.pathname).toBe('https://x.com/i/oauth2/authorize');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      response_type: 'code',
      client_id: 'client-1',
      redirect_uri: redirect,
      scope: 'tweet.read tweet.write users.read follows.read like.write media.write offline.access',
      state: 'st4te',
      code_challenge: 'ch4llenge',
      code_challenge_method: 'S256',
    });
    expect(X_SCOPES).toContain('offline.access');
  });

  it('works against an emulator at a local address', () => {
    const url = buildAuthorizeUrl({
      authorizeUrl: 'http://127.0.0.1:4100/i/oauth2/authorize',
      clientId: 'c',
      redirectUri: redirect,
      state: 's',
      challenge: 'c',
    });
    expect(url.startsWith('http://127.0.0.1:4100/i/oauth2/authorize?response_type=code&')).toBe(
      true,
    );
  });
});

describe('readAuthorizeRedirect', () => {
  it('returns the code when the state matches', () => {
    expect(readAuthorizeRedirect(`${redirect}?state=abc&code=the-code`, 'abc')).toBe('the-code');
  });

  it('refuses a code that comes back with another state', () => {
    expect(() => readAuthorizeRedirect(`${redirect}?state=evil&code=c`, 'abc')).toThrow(
      /state does not match/,
    );
  });

  it('says the user declined when X answers access_denied', () => {
    expect(() => readAuthorizeRedirect(`${redirect}?error=access_denied&state=abc`, 'abc')).toThrow(
      /declined/,
    );
  });

  it("passes X's own description of other refusals", () => {
    expect(() =>
      readAuthorizeRedirect(
        `${redirect}?error=invalid_request&error_description=Missing+scope&state=abc`,
        'abc',
      ),
    ).toThrow('X refused the authorization: Missing scope.');
  });

  it('refuses a redirect without a code', () => {
    expect(() => readAuthorizeRedirect(`${redirect}?state=abc`, 'abc')).toThrow(/without/);
  });
});
