import type { XAccount } from '../../shared/db-schema.ts';

/**
 * The stored X account for a user of the X emulator and the tokens it minted for them, as
 * the options page would store it after the consent (for tests and benchmarks).
 */
export function xAccountFor(
  user: { id: string; username: string; name: string },
  token: { access_token: string; refresh_token?: string; scope: string },
  options: { now?: number; lifetimeMs?: number } = {},
): XAccount {
  const now = options.now ?? Date.now();
  return {
    role: 'x',
    userId: user.id,
    username: user.username,
    name: user.name,
    accessToken: token.access_token,
    refreshToken: token.refresh_token,
    expiresAt: now + (options.lifetimeMs ?? 2 * 3_600_000),
    scopes: token.scope.split(' '),
    state: 'ok',
    connectedAt: now,
  };
}
