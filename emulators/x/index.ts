import { Hono } from 'hono';
import { createFaults } from '../common/faults.ts';
import { createJournal } from '../common/journal.ts';
import { serve } from '../common/serve.ts';
import { buildApp } from './app.ts';
import { createClock } from './clock.ts';
import type { XContext, XCore } from './context.ts';
import { createDemo } from './demo.ts';
import { DEMO_USER } from './demo-script.ts';
import { createIdGenerator } from './ids.ts';
import {
  createClientRegistry,
  DEFAULT_CLIENT_ID,
  EXTENSION_REDIRECT_PATTERNS,
} from './oauth-clients.ts';
import { createRateLimiter } from './rate-limit.ts';
import { applySettings, defaultSettings, type XSettingsPatch } from './settings.ts';
import { createState } from './state.ts';
import { createStreamHub } from './stream-hub.ts';
import { createTokenStore } from './tokens.ts';
import { createWorld } from './world.ts';
import { createHelpers } from './helpers.ts';

/** The bearer token when none is given: a fixed, obviously fake value. */
export const DEMO_BEARER_TOKEN = 'AAAAAAAAAAAAAAAAAAAAAEmulatorDemoBearerTokenDoNotUseForReal';

export interface XEmulatorOptions {
  /** The app-only bearer token the relay authenticates with (a caller may pass X_BEARER_TOKEN). */
  bearerToken?: string;
  /** API key and secret for `POST /oauth2/token` (client credentials). */
  apiKey?: string;
  apiSecret?: string;
  /** Id of the registered public OAuth 2.0 client (default DEFAULT_CLIENT_ID). */
  clientId?: string;
  /** Its callback URLs; `*` matches anything (default: extension and loopback patterns). */
  redirectUris?: string[];
  /** Seed the demo world (and, once served, post from its script every `demoIntervalMs`). */
  demo?: boolean;
  demoIntervalMs?: number;
  /** Stream keep-alive interval (default 20 s, X's). */
  keepAliveMs?: number;
  /** The clock everything that expires reads (default `Date.now`). */
  now?: () => number;
  /** Any other setting (policy switches, limits, TTLs), applied over X's defaults. */
  settings?: XSettingsPatch;
  /** Where the emulator reports its own failures and the demo banner (default console.log). */
  log?: (line: string) => void;
}

/**
 * Builds an emulator in memory, without a server: `app.request()` works on it at once. Timers
 * (the demo poster) start only with `startXEmulator`, or `startDemo()`.
 *
 * @example
 * const x = createXEmulator({ now: clock.now });
 * const alice = x.createUser({ username: 'alice' });
 * const res = await x.app.request('/2/users/me', { headers: { authorization: `Bearer ${x.mintToken(alice.id).access_token}` } });
 */
export function createXEmulator(options: XEmulatorOptions = {}) {
  const clock = createClock(options.now);
  const initial: XSettingsPatch = {
    ...options.settings,
    stream: {
      ...options.settings?.stream,
      ...(options.keepAliveMs ? { keepAliveMs: options.keepAliveMs } : {}),
    },
  };
  const settings = defaultSettings();
  applySettings(settings, initial);

  const core: XCore = {
    clock,
    nextId: createIdGenerator(clock),
    state: createState(),
    settings,
    tokens: createTokenStore(clock, settings),
    clients: createClientRegistry(),
    limiter: createRateLimiter(clock),
    bearerToken: options.bearerToken ?? DEMO_BEARER_TOKEN,
    accountId: 1700000000000000000,
  };
  const ctx: XContext = { ...core, hub: createStreamHub(core) };
  const world = createWorld(ctx);
  const faults = createFaults();
  const journal = createJournal();
  const log = options.log ?? ((line: string) => console.log(line));
  const clientId = options.clientId ?? DEFAULT_CLIENT_ID;
  const demo = options.demo ? createDemo(ctx, world, options.demoIntervalMs ?? 15_000) : undefined;

  function seed(): void {
    ctx.clients.register({
      id: clientId,
      redirectUris: options.redirectUris ?? EXTENSION_REDIRECT_PATTERNS,
    });
    demo?.seed();
  }

  /** Back to the state right after creation (demo world re-seeded), streams closed. */
  function reset(): void {
    ctx.hub.disconnectAll('end');
    ctx.state.clear();
    ctx.tokens.clear();
    ctx.clients.clear();
    ctx.limiter.reset(true);
    faults.clear();
    journal.clear();
    Object.assign(settings, defaultSettings());
    applySettings(settings, initial);
    seed();
  }

  seed();
  const app = buildApp(ctx, world, {
    faults,
    journal,
    reset,
    log,
    apiKey: options.apiKey ?? 'emulator-api-key',
    apiSecret: options.apiSecret ?? 'emulator-api-secret',
  });

  return {
    app,
    /** Everything inside, for tests that need to look (state, settings, tokens, hub). */
    ctx,
    state: ctx.state,
    settings,
    bearerToken: ctx.bearerToken,
    clientId,
    faults,
    journal,
    ...createHelpers(ctx, world),
    reset,
    startDemo: () => demo?.start(),
    /** Stops timers and ends every stream; the app still answers afterwards. */
    shutdown(): void {
      demo?.stop();
      ctx.hub.shutdown();
    },
  };
}
export type XEmulator = ReturnType<typeof createXEmulator>;

/**
 * Starts an emulator on `host:port` (default 127.0.0.1 and an ephemeral port). `close()`
 * stops the demo poster, ends the streams cleanly, then closes the server.
 */
export async function startXEmulator(
  options: XEmulatorOptions & { port?: number; host?: string } = {},
) {
  const emulator = createXEmulator(options);
  // serve() takes a plain Hono app; mounting the emulator's fetch keeps the node env (sockets).
  const server = await serve(new Hono().mount('/', emulator.app.fetch), {
    ...(options.port === undefined ? {} : { port: options.port }),
    ...(options.host === undefined ? {} : { host: options.host }),
  });
  if (options.demo) {
    emulator.startDemo();
    const log = options.log ?? ((line: string) => console.log(line));
    log(
      `X emulator on ${server.url} (demo): client_id ${emulator.clientId}, bearer ${emulator.bearerToken}, signed in as @${DEMO_USER.username}`,
    );
  }
  return {
    ...emulator,
    url: server.url,
    port: server.port,
    server: server.server,
    async close(): Promise<void> {
      emulator.shutdown();
      await server.close();
    },
  };
}
export type RunningXEmulator = Awaited<ReturnType<typeof startXEmulator>>;

export { createManualClock, type ManualClock } from './clock.ts';
export { BRIDGE_SCOPES } from './world.ts';
export { DEMO_ACCOUNTS, DEMO_USER } from './demo-script.ts';
export { DEFAULT_CLIENT_ID } from './oauth-clients.ts';
export type { XSettings, XSettingsPatch } from './settings.ts';
