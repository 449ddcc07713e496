import { createHash, randomBytes } from 'node:crypto';
import type { Clock } from './clock.ts';
import type { XSettings } from './settings.ts';

/** A user access token (OAuth 2.0 user context). */
export interface AccessGrant {
  token: string;
  userId: string;
  clientId: string;
  scopes: readonly string[];
  expiresAt: number;
}

interface RefreshGrant {
  token: string;
  userId: string;
  clientId: string;
  scopes: readonly string[];
}

interface AuthCode {
  userId: string;
  clientId: string;
  redirectUri: string;
  scopes: readonly string[];
  challenge: string;
  method: 'S256' | 'plain';
  expiresAt: number;
}

/** The token pair the token endpoint and the control API hand out. */
export interface IssuedTokens {
  token_type: 'bearer';
  expires_in: number;
  access_token: string;
  scope: string;
  refresh_token?: string;
}

// X's tokens are base64url of "<random>:<ms>:1:<n>:<kind>:1" (kind at, rt or ac); ours look
// alike so that code which logs or measures them sees realistic values.
function mint(kind: 'at' | 'rt' | 'ac', now: number): string {
  const raw = `${randomBytes(30).toString('base64url')}:${now}:1:0:${kind}:1`;
  return Buffer.from(raw).toString('base64url');
}

/** Access tokens, rotating refresh tokens and single-use authorization codes. */
export function createTokenStore(clock: Clock, settings: XSettings) {
  const access = new Map<string, AccessGrant>();
  const refresh = new Map<string, RefreshGrant>();
  const codes = new Map<string, AuthCode>();

  function issue(
    userId: string,
    scopes: readonly string[],
    clientId: string,
    ttlMs = settings.accessTokenTtlMs,
  ): IssuedTokens {
    const now = clock.now();
    const token = mint('at', now);
    access.set(token, { token, userId, clientId, scopes, expiresAt: now + ttlMs });
    const issued: IssuedTokens = {
      token_type: 'bearer',
      expires_in: Math.round(ttlMs / 1000),
      access_token: token,
      scope: scopes.join(' '),
    };
    // Without offline.access X issues no refresh token (authorization-code doc).
    if (scopes.includes('offline.access')) {
      const refreshToken = mint('rt', now);
      refresh.set(refreshToken, { token: refreshToken, userId, clientId, scopes });
      issued.refresh_token = refreshToken;
    }
    return issued;
  }

  /** The live grant for a bearer token, or why there is none. */
  function lookup(token: string): AccessGrant | 'expired' | undefined {
    const grant = access.get(token);
    if (!grant) return undefined;
    return grant.expiresAt <= clock.now() ? 'expired' : grant;
  }

  /** Refresh tokens rotate: the old one is dead the moment the new pair exists. */
  function rotate(refreshToken: string, clientId: string): IssuedTokens | undefined {
    const grant = refresh.get(refreshToken);
    if (!grant || grant.clientId !== clientId) return undefined;
    refresh.delete(refreshToken);
    return issue(grant.userId, grant.scopes, grant.clientId);
  }

  function revoke(token: string): boolean {
    return access.delete(token) || refresh.delete(token);
  }

  function expire(token: string): boolean {
    const grant = access.get(token);
    if (grant) grant.expiresAt = Math.min(grant.expiresAt, clock.now());
    return grant !== undefined;
  }

  function forUser(userId: string) {
    return {
      expire: () =>
        [...access.values()].filter((g) => g.userId === userId).map((g) => expire(g.token)),
      revoke: () =>
        [...access.values(), ...refresh.values()]
          .filter((g) => g.userId === userId)
          .map((g) => revoke(g.token)),
    };
  }

  function createCode(grant: Omit<AuthCode, 'expiresAt'>): string {
    const code = mint('ac', clock.now());
    codes.set(code, { ...grant, expiresAt: clock.now() + settings.authCodeTtlMs });
    return code;
  }

  /**
   * Exchanges a code for tokens. A code is spent by its first successful exchange; a wrong
   * verifier or redirect URI leaves it as it was (until it expires).
   */
  function redeem(
    code: string,
    request: { clientId: string; redirectUri: string; verifier: string },
  ): IssuedTokens | undefined {
    const grant = codes.get(code);
    if (!grant || grant.expiresAt <= clock.now()) return undefined;
    if (grant.clientId !== request.clientId || grant.redirectUri !== request.redirectUri)
      return undefined;
    if (!verifierMatches(grant, request.verifier)) return undefined;
    codes.delete(code);
    return issue(grant.userId, grant.scopes, grant.clientId);
  }

  function clear(): void {
    access.clear();
    refresh.clear();
    codes.clear();
  }

  return { issue, lookup, rotate, revoke, expire, forUser, createCode, redeem, clear };
}
export type TokenStore = ReturnType<typeof createTokenStore>;

function verifierMatches(grant: AuthCode, verifier: string): boolean {
  if (grant.method === 'plain') return verifier === grant.challenge;
  return createHash('sha256').update(verifier).digest('base64url') === grant.challenge;
}
