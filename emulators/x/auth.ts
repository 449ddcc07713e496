import type { Context, MiddlewareHandler } from 'hono';
import type { Auth, XContext, XEnv } from './context.ts';
import { problems } from './errors.ts';

/** Who may call an endpoint: the app (bearer token) and/or users with these scopes. */
export interface AuthRule {
  app: boolean;
  /** Scopes a user token needs; `undefined`: user tokens are refused. */
  userScopes?: readonly string[];
}

export const APP_ONLY: AuthRule = { app: true };
export const appOrUser = (...userScopes: string[]): AuthRule => ({ app: true, userScopes });
export const userOnly = (...userScopes: string[]): AuthRule => ({ app: false, userScopes });

/** Checks the `Authorization` header against the bearer token and the user tokens. */
export function authenticate(ctx: XContext, header: string | undefined, rule: AuthRule): Auth {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  if (!match?.[1]) throw problems.unauthorized();
  const token = match[1];

  if (token === ctx.bearerToken) {
    if (!rule.app) throw problems.unsupportedAuthentication('app');
    return { kind: 'app' };
  }
  const grant = ctx.tokens.lookup(token);
  if (grant === undefined || grant === 'expired') throw problems.unauthorized();
  if (!rule.userScopes) throw problems.unsupportedAuthentication('user');
  const scopes = new Set(grant.scopes);
  if (!rule.userScopes.every((s) => scopes.has(s))) throw problems.forbidden();
  return { kind: 'user', userId: grant.userId, clientId: grant.clientId, scopes };
}

/**
 * What X checks before an endpoint runs, in its order: credentials (401/403, no rate headers),
 * the rate limit (429, and the `x-rate-limit-*` headers on every answer after it), then the
 * account's credits (402).
 */
export function guard(ctx: XContext, endpoint: string, rule: AuthRule): MiddlewareHandler<XEnv> {
  return async (c, next) => {
    const auth = authenticate(ctx, c.req.header('authorization'), rule);
    c.set('auth', auth);

    const subject = auth.kind === 'app' ? auth : { kind: 'user' as const, userId: auth.userId };
    const decision = ctx.limiter.consume(endpoint, subject);
    for (const [name, value] of Object.entries(decision.headers)) c.header(name, value);
    if (!decision.allowed) throw problems.tooManyRequests(decision.headers);

    if (ctx.settings.policy.creditsDepleted) throw problems.creditsDepleted(ctx.accountId);
    await next();
  };
}

/** The user behind a user-only endpoint (its guard has already refused app tokens). */
export function userOf(c: Context<XEnv>): Extract<Auth, { kind: 'user' }> {
  const auth = c.get('auth');
  if (auth.kind !== 'user') throw problems.unsupportedAuthentication('app');
  return auth;
}
