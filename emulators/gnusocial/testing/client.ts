import type { GnuSocialEmulator } from '../index.ts';
import { createGnuSocialEmulator } from '../index.ts';

export const base = 'http://gs.test';

/** Demo passwords are `<nickname>pass123`. */
export function basic(nickname: string, password = `${nickname}pass123`): string {
  return `Basic ${Buffer.from(`${nickname}:${password}`).toString('base64')}`;
}

export interface Answer {
  status: number;
  headers: Headers;
  text: string;
  /** The parsed JSON body (tests know what they asked for). */
  json: any; // eslint-disable-line @typescript-eslint/no-explicit-any -- test assertions read any shape.
}

/**
 * A demo site in process with a hand-driven clock, and terse helpers: `get` / `post` as a user
 * (or anonymously with `as: null`), `control` for the control API.
 */
export function createTestSite(options: { demo?: boolean; start?: string } = {}) {
  const clock = { now: Date.parse(options.start ?? '2026-12-03T18:00:00Z') };
  const emulator: GnuSocialEmulator = createGnuSocialEmulator({
    demo: options.demo ?? true,
    baseUrl: base,
    now: () => clock.now,
  });

  async function call(method: string, path: string, init: RequestInit = {}): Promise<Answer> {
    const res = await emulator.app.request(`${base}${path}`, { method, ...init });
    const text = await res.text();
    let json: unknown = undefined;
    try {
      json = JSON.parse(text);
    } catch {
      // Not JSON (HTML, XML, empty): tests read `text`.
    }
    return { status: res.status, headers: res.headers, text, json };
  }

  const auth = (as: string | null | undefined): Record<string, string> =>
    as ? { authorization: basic(as) } : {};

  return {
    emulator,
    state: emulator.state,
    /** Moves the site's clock forward. */
    tick(ms: number) {
      clock.now += ms;
    },
    get(path: string, as: string | null = null, headers: Record<string, string> = {}) {
      return call('GET', path, { headers: { ...auth(as), ...headers } });
    },
    post(path: string, form: Record<string, string> | FormData = {}, as: string | null = null) {
      const body = form instanceof FormData ? form : new URLSearchParams(form).toString();
      const type: Record<string, string> =
        form instanceof FormData ? {} : { 'content-type': 'application/x-www-form-urlencoded' };
      return call('POST', path, { body, headers: { ...auth(as), ...type } });
    },
    call,
    control(method: string, path: string, body?: unknown) {
      return call(method, `/_control${path}`, {
        headers: { 'content-type': 'application/json' },
        ...(body !== undefined && { body: JSON.stringify(body) }),
      });
    },
  };
}
export type TestSite = ReturnType<typeof createTestSite>;
