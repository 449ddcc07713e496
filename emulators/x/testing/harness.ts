import { createManualClock } from '../clock.ts';
import { startXEmulator, type XEmulatorOptions } from '../index.ts';
import { assertMatchesSpec } from './openapi.ts';

export interface ApiInit {
  /** `undefined`: the app bearer token; `null`: no Authorization header. */
  token?: string | null;
  json?: unknown;
  form?: Record<string, string>;
  body?: BodyInit;
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

export interface ApiResponse {
  status: number;
  headers: Headers;
  /** Parsed JSON (already checked against the OpenAPI spec), or the text. */
  // Test code reads arbitrary fields of X's answers; the spec check above is what types them.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
}

/**
 * An emulator on a loopback port with a manual clock and a tiny keep-alive, and `api()`: a
 * fetch that checks every JSON answer of a spec'd endpoint against X's OpenAPI schema.
 */
export async function startHarness(options: XEmulatorOptions = {}) {
  const clock = createManualClock();
  const x = await startXEmulator({
    now: clock.now,
    keepAliveMs: 20,
    log: () => undefined,
    ...options,
  });

  async function api(method: string, path: string, init: ApiInit = {}): Promise<ApiResponse> {
    const headers: Record<string, string> = { ...init.headers };
    const token = init.token === undefined ? x.bearerToken : init.token;
    if (token !== null) headers.authorization = `Bearer ${token}`;
    let body = init.body;
    if (init.json !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(init.json);
    }
    if (init.form) {
      headers['content-type'] = 'application/x-www-form-urlencoded';
      body = new URLSearchParams(init.form).toString();
    }
    const res = await fetch(x.url + path, {
      method,
      headers,
      body: body ?? null,
      redirect: 'manual',
      signal: init.signal ?? null,
    });
    const type = res.headers.get('content-type') ?? '';
    if (!type.includes('json'))
      return { status: res.status, headers: res.headers, body: await res.text() };
    const json: unknown = await res.json();
    assertMatchesSpec(method, new URL(x.url + path).pathname, res.status, json);
    return { status: res.status, headers: res.headers, body: json };
  }

  /** A user with a token carrying `scopes` (default: the bridge's). */
  function userWithToken(username: string, scopes?: string[]) {
    const user = x.createUser({ username, name: username });
    return { user, token: x.mintToken(user.id, scopes).access_token };
  }

  return { x, clock, api, userWithToken, close: () => x.close() };
}
export type Harness = Awaited<ReturnType<typeof startHarness>>;
