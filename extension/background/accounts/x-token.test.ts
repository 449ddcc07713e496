import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { openBridgeDb, type Db } from '../../shared/db.ts';
import type { XAccount } from '../../shared/db-schema.ts';
import { saveSettings, defaultSettings } from '../../shared/settings.ts';
import { recentActivity } from '../../shared/activity.ts';
import { deleteAccount, getXAccount, putAccount } from './accounts-store.ts';
import { refreshAfter401, refreshXTokenIfDue, xAccessToken } from './x-token.ts';

const API = 'http://127.0.0.1:9/';

function account(patch: Partial<XAccount> = {}): XAccount {
  return {
    role: 'x',
    userId: '42',
    username: 'ada',
    name: 'Ada',
    accessToken: 'at-1',
    refreshToken: 'rt-1',
    expiresAt: Date.now() + 2 * 3600_000,
    scopes: ['tweet.read', 'offline.access'],
    state: 'ok',
    connectedAt: Date.now(),
    ...patch,
  };
}

/** A token endpoint that rotates: each refresh token works once and yields the next pair. */
function fakeTokenEndpoint() {
  const calls: URLSearchParams[] = [];
  let generation = 1;
  let answer: (() => Response) | undefined;
  const fetch = vi.fn(async (_url: string | URL | Request, init?: RequestInit) => {
    const form = new URLSearchParams(String(init?.body));
    calls.push(form);
    await new Promise((resolve) => setTimeout(resolve, 20)); // let concurrent callers pile up
    if (answer) return answer();
    if (form.get('refresh_token') !== `rt-${generation}`) {
      return Response.json(
        { error: 'invalid_request', error_description: 'Value passed for the token was invalid.' },
        { status: 400 },
      );
    }
    generation++;
    return Response.json({
      token_type: 'bearer',
      access_token: `at-${generation}`,
      refresh_token: `rt-${generation}`,
      expires_in: 7200,
      scope: 'tweet.read offline.access',
    });
  });
  return { fetch, calls, failWith: (next: () => Response) => (answer = next) };
}

let db: Db;
let endpoint: ReturnType<typeof fakeTokenEndpoint>;

beforeEach(async () => {
  db = await openBridgeDb(`x-token-${Math.random()}`);
  await saveSettings(db, {
    ...defaultSettings(),
    x: { clientId: 'client-1', apiBase: API, authorizeUrl: `${API}i/oauth2/authorize` },
  });
  endpoint = fakeTokenEndpoint();
  vi.stubGlobal('fetch', endpoint.fetch);
});
afterEach(() => {
  vi.unstubAllGlobals();
  db.close();
});

describe('xAccessToken', () => {
  it('returns the stored token while it is valid, without calling X', async () => {
    await putAccount(db, account());
    await expect(xAccessToken(db)).resolves.toBe('at-1');
    expect(endpoint.calls).toHaveLength(0);
  });

  it('refreshes a token about to expire, as a public client, and stores the rotated pair', async () => {
    await putAccount(db, account({ expiresAt: Date.now() + 60_000 }));

    await expect(xAccessToken(db)).resolves.toBe('at-2');

    expect(endpoint.calls).toHaveLength(1);
    expect(Object.fromEntries(endpoint.calls[0]!)).toEqual({
      grant_type: 'refresh_token',
      refresh_token: 'rt-1',
      client_id: 'client-1',
    });
    const stored = await getXAccount(db);
    expect(stored).toMatchObject({ accessToken: 'at-2', refreshToken: 'rt-2', state: 'ok' });
    expect(stored!.expiresAt).toBeGreaterThan(Date.now() + 7000_000);
  });

  it('makes one refresh for concurrent callers, so the rotated token is never spent twice', async () => {
    await putAccount(db, account({ expiresAt: Date.now() - 1 }));

    const tokens = await Promise.all([
      xAccessToken(db),
      xAccessToken(db),
      refreshAfter401(db),
      xAccessToken(db),
    ]);

    expect(tokens).toEqual(['at-2', 'at-2', undefined, 'at-2']);
    expect(endpoint.calls).toHaveLength(1);
    expect((await getXAccount(db))?.refreshToken).toBe('rt-2');
  });

  it('marks the account for reconnecting when X refuses the refresh token, and says so', async () => {
    await putAccount(db, account({ expiresAt: Date.now() - 1, refreshToken: 'rt-stolen' }));

    await expect(xAccessToken(db)).rejects.toMatchObject({
      kind: 'auth',
      message: expect.stringMatching(
        /Value passed for the token was invalid.*Reconnect your X account/,
      ),
    });

    expect((await getXAccount(db))?.state).toBe('reconnect');
    const [line] = await recentActivity(db, 1);
    expect(line).toMatchObject({ level: 'error', area: 'account' });
    expect(line?.message).not.toContain('rt-stolen');
    // Once marked, nothing asks X again until the user reconnects.
    await expect(xAccessToken(db)).rejects.toMatchObject({ kind: 'auth' });
    expect(endpoint.calls).toHaveLength(1);
  });

  it('keeps the tokens when X fails (5xx) or cannot be reached: that is no refusal', async () => {
    await putAccount(db, account({ expiresAt: Date.now() - 1 }));
    endpoint.failWith(() => new Response('oops', { status: 503 }));
    await expect(xAccessToken(db)).rejects.toMatchObject({ kind: 'server' });

    endpoint.fetch.mockRejectedValueOnce(new TypeError('Failed to fetch'));
    await expect(xAccessToken(db)).rejects.toMatchObject({ kind: 'network' });

    expect(await getXAccount(db)).toMatchObject({ state: 'ok', refreshToken: 'rt-1' });
  });

  it('does not bring back an account disconnected while the refresh was under way', async () => {
    await putAccount(db, account({ expiresAt: Date.now() - 1 }));
    const pending = xAccessToken(db);
    await deleteAccount(db, 'x');
    await expect(pending).rejects.toMatchObject({ kind: 'auth' });
    expect(await getXAccount(db)).toBeUndefined();
  });
});

describe('refreshXTokenIfDue', () => {
  it('refreshes only a token expiring within the window', async () => {
    await putAccount(db, account({ expiresAt: Date.now() + 60 * 60_000 }));
    await expect(refreshXTokenIfDue(db, 35 * 60_000)).resolves.toBe(false);
    await expect(refreshXTokenIfDue(db, 65 * 60_000)).resolves.toBe(true);
    expect(endpoint.calls).toHaveLength(1);
  });

  it('does nothing without an account or while it waits for reconnecting', async () => {
    await expect(refreshXTokenIfDue(db, Infinity)).resolves.toBe(false);
    await putAccount(db, account({ state: 'reconnect' }));
    await expect(refreshXTokenIfDue(db, Infinity)).resolves.toBe(false);
    expect(endpoint.calls).toHaveLength(0);
  });
});
