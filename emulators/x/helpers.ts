import type { XContext } from './context.ts';
import type { RateWindow } from './rate-limit.ts';
import { applySettings, type XSettings, type XSettingsPatch } from './settings.ts';
import type { DisconnectMode } from './stream-connection.ts';
import type { ControlPost, NewUser, World } from './world.ts';

/**
 * The control API as functions, for tests running in the same process as the emulator. Each
 * does what the `/_control` route of the same name does.
 */
export function createHelpers(ctx: XContext, world: World) {
  return {
    createUser: (input: NewUser) => world.createUser(input),
    follow: (followerId: string, targetId: string) => world.follow(followerId, targetId),
    unfollow: (followerId: string, targetId: string) => world.follow(followerId, targetId, false),
    /** Posts as the user would in X's app: it enters the filtered stream like any post. */
    post: (userId: string, input: ControlPost) => world.post(userId, input),
    deletePost: (userId: string, postId: string) => world.deleteAsAuthor(userId, postId),
    like: (userId: string, postId: string) => world.like(userId, postId),
    addMedia: (userId: string, bytes?: Uint8Array, altText?: string) =>
      world.addMedia(userId, bytes, altText),
    mintToken: (userId: string, scopes?: string[], expiresInSeconds?: number) =>
      world.mintToken(userId, scopes, expiresInSeconds),
    expireToken: (token: string) => ctx.tokens.expire(token),
    revokeToken: (token: string) => ctx.tokens.revoke(token),
    setSignedInUser(userId: string | null): void {
      if (userId !== null) world.user(userId);
      ctx.settings.signedInUserId = userId;
    },
    registerRedirectUri(uri: string, clientId?: string): void {
      const client = clientId ? ctx.clients.get(clientId) : ctx.clients.list()[0];
      if (!client) throw new Error(`Unknown client ${clientId ?? '(default)'}`);
      client.redirectUris.push(uri);
    },
    setPolicy: (policy: Partial<XSettings['policy']>) => applySettings(ctx.settings, { policy }),
    updateSettings(patch: XSettingsPatch): void {
      applySettings(ctx.settings, patch);
      if (patch.stream?.keepAliveMs !== undefined) ctx.hub.applyKeepAlive();
    },
    disconnectStream: (mode: DisconnectMode = 'drop') => ctx.hub.disconnectAll(mode),
    stallStream: (stalled: boolean) => ctx.hub.stall(stalled),
    streamConnections: () => ctx.hub.connections().length,
    setRateLimit: (endpoint: string, window: RateWindow) => ctx.limiter.override(endpoint, window),
    resetRateLimits: () => ctx.limiter.reset(),
    advanceClock: (ms: number) => ctx.clock.advance(ms),
    now: () => ctx.clock.now(),
  };
}
