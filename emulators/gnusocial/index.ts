import type { Hono } from 'hono';
import type { Faults } from '../common/faults.ts';
import type { Journal } from '../common/journal.ts';
import { serve } from '../common/serve.ts';
import { createApp } from './app.ts';
import { seedDemo } from './domain/demo.ts';
import type { GnuSocialState, StateOptions } from './domain/state.ts';
import { createState } from './domain/state.ts';

export type {
  Consumer,
  DirectMessage,
  Fave,
  GnuSocialState,
  Notice,
  NoticeVerb,
  OAuthToken,
  Quirks,
  Settings,
  StoredFile,
  Subscription,
  User,
} from './domain/state.ts';
export { userCacheHash } from './http/respond.ts';

export interface GnuSocialEmulatorOptions extends StateOptions {
  /** Seed alice, bob and carol (alice and bob following each other). Default: an empty site. */
  demo?: boolean;
}

/** An emulated GNU social 2.x site, in process. */
export interface GnuSocialEmulator {
  app: Hono;
  /** The site's data. For tests to read (and arrange); bridge code only speaks HTTP. */
  state: GnuSocialState;
  journal: Journal;
  faults: Faults;
}

/**
 * Builds an emulated GNU social site without a socket: call `app.request(url, init)`.
 *
 * @example
 * const { app } = createGnuSocialEmulator({ demo: true, baseUrl: 'http://gs.test' });
 * const res = await app.request('http://gs.test/api/statusnet/config.json');
 */
export function createGnuSocialEmulator(options: GnuSocialEmulatorOptions = {}): GnuSocialEmulator {
  const state = createState(options);
  if (options.demo) seedDemo(state);
  return { ...createApp(state), state };
}

export interface RunningGnuSocialEmulator extends GnuSocialEmulator {
  /** Base URL without a trailing slash, e.g. `http://127.0.0.1:41234`. */
  url: string;
  port: number;
  close(): Promise<void>;
}

/**
 * Serves an emulated GNU social site on 127.0.0.1 and an ephemeral port (by default). The
 * site's own URLs (profiles, attachments, tag: URIs) use the address it listens on, so the
 * world is seeded only once that is known.
 *
 * @example
 * const gs = await startGnuSocialEmulator({ demo: true });
 * await fetch(`${gs.url}/api/help/test.json`);
 * await gs.close();
 */
export async function startGnuSocialEmulator(
  options: {
    port?: number;
    host?: string;
    demo?: boolean;
    now?: () => number;
    /** Closes the server when aborted. */
    signal?: AbortSignal;
  } = {},
): Promise<RunningGnuSocialEmulator> {
  const emulator = createGnuSocialEmulator(options.now ? { now: options.now } : {});
  const server = await serve(emulator.app, {
    ...(options.port !== undefined && { port: options.port }),
    ...(options.host !== undefined && { host: options.host }),
  });
  emulator.state.baseUrl = server.url;
  if (options.demo) seedDemo(emulator.state);

  options.signal?.addEventListener('abort', () => void server.close(), { once: true });
  return { ...emulator, url: server.url, port: server.port, close: server.close };
}
