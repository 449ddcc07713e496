import { putAccount } from '../extension/background/accounts/accounts-store.ts';
import { putLink } from '../extension/background/export/links.ts';
import { createOutboxRunner } from '../extension/background/export/outbox-runner.ts';
import { activitySink, testDb, testWorld } from '../extension/background/export/testing.ts';
import { createWatcher } from '../extension/background/export/watcher.ts';
import type { JournalEntry } from '../emulators/common/journal.ts';

/**
 * X calls per mirrored action, counted in the X emulator's journal while the extension's own
 * export code (watcher, decisions, outbox runner) runs in Node on fake-indexeddb, with both
 * emulators in process (`export/testing.ts`). Each action is made on the site, then one poll
 * and one outbox run mirror it, as the alarm or a nudge would.
 */
export interface ActionCalls {
  action: string;
  /** X calls per action, one value per repetition; and StatusNet calls, for the same. */
  xCalls: number[];
  statusNetCalls: number[];
  /** The X endpoints called, e.g. `POST /2/tweets`, over all repetitions. */
  endpoints: string[];
}

const endpoint = (e: JournalEntry) => `${e.method} ${e.path.replace(/\/[0-9]{2,}/g, '/:id')}`;

export async function countExportCalls(repetitions: number): Promise<ActionCalls[]> {
  const world = await testWorld();
  // Likes and API replies are refused on self-serve tiers since 2026: allow them, to count
  // what mirroring costs where X accepts it.
  world.x.setPolicy({ refuseLikes: false, refuseReplies: false });
  const realFetch = globalThis.fetch;
  globalThis.fetch = world.fetch as typeof fetch;
  try {
    const db = await testDb();
    await putAccount(db, world.statusnet);
    await putAccount(db, world.xAccount);
    const sink = activitySink();
    const signal = new AbortController().signal;
    const watcher = createWatcher({ db: async () => db, log: sink.log, signal });
    const runner = createOutboxRunner({
      db: async () => db,
      session: async () => world.session,
      refreshToken: async () => undefined,
      schedule: async () => undefined,
      log: sink.log,
      signal,
    });
    await watcher.poll(); // the starting point: history stays home

    const results = new Map<string, ActionCalls>();
    async function mirror(action: string, act: () => Promise<unknown>): Promise<void> {
      await act();
      const x = world.x.journal.entries().length;
      const gs = world.gs.journal.entries().length;
      await watcher.poll();
      await runner.kick();
      const made = world.x.journal.entries().slice(x);
      let entry = results.get(action);
      if (!entry)
        results.set(action, (entry = { action, xCalls: [], statusNetCalls: [], endpoints: [] }));
      entry.xCalls.push(made.length);
      entry.statusNetCalls.push(world.gs.journal.entries().length - gs);
      for (const call of made)
        if (!entry.endpoints.includes(endpoint(call))) entry.endpoints.push(endpoint(call));
    }

    // Bob's notices stand for bob_x's posts, as imported ones do: what alice answers,
    // repeats and faves is on X already.
    const bobX = world.x.createUser({ username: 'bob_x', name: 'Bob' });
    const { site } = world;
    for (let i = 0; i < repetitions; i++) {
      const theirs = world.x.post(bobX.id, { text: `bob on X, ${i}` });
      const linked = await site.post('bob', `Bob (@bob_x): bob on X, ${i}`);
      await putLink(db, {
        noticeId: linked,
        xPostId: theirs.id,
        direction: 'import',
        kind: 'post',
      });
      let own = 0;
      await mirror('post', async () => (own = await site.post('alice', `benchmark notice ${i}`)));
      await mirror('reply to a linked notice', () =>
        site.post('alice', `@bob agreed, ${i}`, linked),
      );
      await mirror('repeat of a linked notice', () => site.repeat('alice', linked));
      await mirror('fave of a linked notice', () => site.fave('alice', linked));
      await mirror('unfave', () => site.unfave('alice', linked));
      await mirror('delete of an exported notice', () => site.delete(own));
    }
    return [...results.values()];
  } finally {
    globalThis.fetch = realFetch;
  }
}
