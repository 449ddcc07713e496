import 'fake-indexeddb/auto';
import { createGnuSocialEmulator } from '../../../emulators/gnusocial/index.ts';
import { createXEmulator } from '../../../emulators/x/index.ts';
import { openBridgeDb, type Db } from '../../shared/db.ts';
import type { ActivityEntry, StatusNetAccount } from '../../shared/db-schema.ts';
import { createXClient } from '../clients/x-client.ts';
import { xAccountFor } from '../testing/x-account.ts';
import type { XSession } from './executor.ts';

// Test helpers for the export area: both emulators in process (answering through `fetch`),
// the user's accounts on each, and a fresh database.

export const SITE = 'http://gs.test';
export const X_API = 'http://x.test';

let dbCount = 0;

/** A fresh database per test (fake-indexeddb), migrated like the real one. */
export function testDb(): Promise<Db> {
  return openBridgeDb(`export-test-${++dbCount}-${Math.random()}`);
}

/** A GNU social site with alice (the user) and bob, and an X with alice_x, in process. */
export async function testWorld() {
  const gs = createGnuSocialEmulator({ baseUrl: SITE });
  const x = createXEmulator({ log: () => undefined });
  const me = x.createUser({ username: 'alice_x', name: 'Alice' });
  const token = x.mintToken(me.id);

  const fetchAny = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    const app = url.origin === SITE ? gs.app : url.origin === X_API ? x.app : undefined;
    if (!app) throw new TypeError(`fetch failed: nothing listens at ${url.origin}`);
    // Like the real fetch, give up when the caller's signal aborts (timeouts, hung servers).
    const signal = init?.signal;
    const answer = Promise.resolve(app.request(url.toString(), init));
    if (!signal) return answer;
    signal.throwIfAborted();
    return Promise.race([
      answer,
      new Promise<never>((_, reject) =>
        signal.addEventListener('abort', () => reject(signal.reason), { once: true }),
      ),
    ]);
  };

  const control = async (path: string, body?: unknown, method = 'POST') => {
    const response = await gs.app.request(`${SITE}/_control${path}`, {
      method,
      headers: { 'content-type': 'application/json' },
      ...(body !== undefined && { body: JSON.stringify(body) }),
    });
    if (!response.ok)
      throw new Error(`control ${path}: ${response.status} ${await response.text()}`);
    return response.status === 204 ? undefined : ((await response.json()) as { id: number });
  };
  const alice = (await control('/users', { username: 'alice', password: 'alicepass' }))!;
  await control('/users', { username: 'bob', password: 'bobpass1' });

  const session: XSession = {
    userId: me.id,
    username: me.username,
    client: createXClient({
      apiBase: X_API,
      accessToken: async () => token.access_token,
      fetch: fetchAny as typeof fetch,
    }),
  };

  const statusnet: StatusNetAccount = {
    role: 'statusnet',
    apiBase: `${SITE}/api`,
    auth: { kind: 'basic', username: 'alice', password: 'alicepass' },
    userId: alice.id,
    screenName: 'alice',
    name: 'alice',
    profileUrl: `${SITE}/alice`,
    protected: false,
    textLimit: 1000,
    connectedAt: Date.now(),
  };
  const xAccount = xAccountFor(me, token);

  return {
    gs,
    x,
    me,
    session,
    statusnet,
    xAccount,
    fetch: fetchAny,
    /** Posts, repeats, faves or deletes as the user would in the site's web UI. */
    site: {
      post: async (user: string, text: string, inReplyTo?: number) =>
        (await control(`/users/${user}/notices`, { text, ...(inReplyTo && { inReplyTo }) }))!.id,
      repeat: async (user: string, noticeId: number) =>
        (await control(`/users/${user}/repeats`, { noticeId }))!.id,
      fave: (user: string, noticeId: number) => control(`/users/${user}/faves`, { noticeId }),
      unfave: (user: string, noticeId: number) =>
        control(`/users/${user}/faves/${noticeId}`, undefined, 'DELETE'),
      delete: (noticeId: number) => control(`/notices/${noticeId}`, undefined, 'DELETE'),
    },
    /** The user's live posts on X, oldest first. */
    postsOnX: () =>
      [...x.state.posts.values()]
        .filter((post) => post.authorId === me.id && post.deletedAt === undefined)
        .sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id)),
  };
}
export type TestWorld = Awaited<ReturnType<typeof testWorld>>;

/** An activity sink that keeps what it is given. */
export function activitySink() {
  const lines: Omit<ActivityEntry, 'id' | 'at'>[] = [];
  return {
    lines,
    log: async (_db: Db, line: Omit<ActivityEntry, 'id' | 'at'>) => void lines.push(line),
  };
}
