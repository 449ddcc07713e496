import type { Clock } from './clock.ts';
import type { ClientRegistry } from './oauth-clients.ts';
import type { RateLimiter } from './rate-limit.ts';
import type { XSettings } from './settings.ts';
import type { XState } from './state.ts';
import type { StreamHub } from './stream-hub.ts';
import type { TokenStore } from './tokens.ts';

/** What every part of the emulator shares, but the stream hub (which is built from it). */
export interface XCore {
  readonly clock: Clock;
  readonly nextId: () => string;
  readonly state: XState;
  readonly settings: XSettings;
  readonly tokens: TokenStore;
  readonly clients: ClientRegistry;
  readonly limiter: RateLimiter;
  /** The app-only bearer token the relay uses. */
  readonly bearerToken: string;
  /** The id of the X developer account, as the 402 body names it. */
  readonly accountId: number;
}

export interface XContext extends XCore {
  readonly hub: StreamHub;
}

/** How a request authenticated. */
export type Auth =
  { kind: 'app' } | { kind: 'user'; userId: string; clientId: string; scopes: ReadonlySet<string> };

/** Hono environment of the emulator's routes. */
export interface XEnv {
  Variables: { auth: Auth };
}
