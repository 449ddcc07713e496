import { afterEach, describe, expect, it } from 'vitest';
import { startGnuSocialEmulator } from '../../../emulators/gnusocial/index.ts';
import { startXEmulator } from '../../../emulators/x/index.ts';
import { loadConfig, startRelay } from '../../../relay/index.ts';
import { BRIDGE_SOURCE } from '../../shared/bridge-source.ts';
import type { ActivityEntry, StatusNetAccount } from '../../shared/db-schema.ts';
import { createXClient } from '../clients/x-client.ts';
import { syncFollows } from './follows-sync.ts';
import { startNodePipeline } from './node-pipeline.ts';
import { testDb } from './testing.ts';

/** expect.poll with room for a loaded machine (sockets, a relay, two emulators). */
const poll = <T>(fn: () => T | Promise<T>, options: { timeout?: number } = {}) =>
  expect.poll(fn, { timeout: 10_000, ...options });

// The whole import path in one process: a post made on the X emulator goes through the real
// relay (stream, log, WebSocket) and this extension code into the GNU social emulator.

const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

async function world() {
  const x = await startXEmulator({ host: '127.0.0.1', log: () => undefined });
  cleanup.push(() => x.close());
  const gs = await startGnuSocialEmulator({ host: '127.0.0.1', demo: true });
  cleanup.push(() => gs.close());
  const relay = await startRelay(
    loadConfig({
      PORT: '0',
      RELAY_DATA_DIR: ':memory:',
      X_API_BASE: x.url,
      X_BEARER_TOKEN: x.bearerToken,
      LOG_LEVEL: 'silent',
      DELETE_SWEEP_INTERVAL_SECONDS: '1',
    }),
    { rulesSettleMs: 50 },
  );
  cleanup.push(() => relay.close());

  const me = x.createUser({ username: 'alice_x', name: 'Alice' });
  const ada = x.createUser({ username: 'ada', name: 'Ada' });
  const bob = x.createUser({ username: 'bob_x', name: 'Bob' });
  x.follow(me.id, ada.id);
  x.follow(me.id, bob.id);
  const token = x.mintToken(me.id).access_token;

  const carol = [...gs.state.users.values()].find((u) => u.nickname === 'carol')!;
  carol.protected = true;
  const account: StatusNetAccount = {
    role: 'import',
    apiBase: `${gs.url}/api`,
    auth: { kind: 'basic', username: 'carol', password: 'carolpass123' },
    userId: carol.id,
    screenName: 'carol',
    name: 'Carol Example',
    profileUrl: `${gs.url}/carol`,
    protected: true,
    textLimit: gs.state.settings.textLimit,
    connectedAt: Date.now(),
  };

  const db = await testDb();
  const lines: Omit<ActivityEntry, 'id' | 'at'>[] = [];
  const xClient = createXClient({ apiBase: x.url, accessToken: async () => token });
  let followed = false;
  const pipeline = startNodePipeline({
    db,
    relayUrl: relay.url,
    account,
    ownXUserId: me.id,
    log: (line) => void lines.push(line),
    onSubscribed: (relayClient, subscription) =>
      void syncFollows(
        { db, relay: relayClient, subscription, x: { userId: me.id, client: xClient } },
        new AbortController().signal,
      ).then(() => (followed = true)),
  });
  cleanup.push(() => pipeline.stop());
  await poll(() => followed).toBe(true);
  // The relay turns the follows into stream rules and connects: wait until it streams.
  await expect
    .poll(
      async () =>
        ((await (await fetch(`${relay.url}/healthz`)).json()) as { stream: { state: string } })
          .stream.state,
      { timeout: 10_000 },
    )
    .toBe('connected');

  const notices = () => [...gs.state.notices.values()].filter((n) => n.authorId === carol.id);
  const noticeOf = (postId: string) =>
    notices().find((n) => n.content.includes(`/status/${postId}`));
  return { x, gs, db, me, ada, bob, carol, notices, noticeOf, lines };
}

describe('import, end to end in one process', () => {
  it('turns a post on X into a notice of the import account, threads a reply, and deletes with the post', async () => {
    const { x, ada, bob, me, noticeOf, db, lines } = await world();

    /** expect.poll with room for a loaded machine (sockets, a relay, two emulators). */
    const poll = <T>(fn: () => T | Promise<T>, options: { timeout?: number } = {}) =>
      expect.poll(fn, { timeout: 10_000, ...options });

    const first = x.post(ada.id, { text: 'd alice meet at noon' });
    await poll(() => noticeOf(first.id), { timeout: 10_000 }).toBeDefined();
    expect(noticeOf(first.id)).toMatchObject({
      content: `Ada (@ada): d alice meet at noon https://x.com/ada/status/${first.id}`,
      source: BRIDGE_SOURCE,
    });

    const reply = x.post(bob.id, { text: 'see you there', replyToId: first.id });
    await poll(() => noticeOf(reply.id), { timeout: 10_000 }).toBeDefined();
    expect(noticeOf(reply.id)?.replyTo).toBe(noticeOf(first.id)?.id);

    x.post(me.id, { text: 'my own post is never imported' });
    x.deletePost(ada.id, first.id);
    await poll(() => noticeOf(first.id), { timeout: 15_000 }).toBeUndefined();
    await poll(() => db.countFromIndex('imports', 'by-state', 'pending')).toBe(0);
    expect(lines.filter((line) => line.level !== 'info')).toEqual([]);
    expect(lines.map((line) => line.message)).toEqual([
      'Imported a post by @ada.',
      'Imported a post by @bob_x.',
    ]);
  }, 40_000);
});
