import { putAccount } from '../extension/background/accounts/accounts-store.ts';
import { createOutboxRunner } from '../extension/background/export/outbox-runner.ts';
import { activitySink, testDb, testWorld } from '../extension/background/export/testing.ts';
import { loadTuning } from '../extension/background/export/tuning.ts';
import { createWatcher } from '../extension/background/export/watcher.ts';

/**
 * StatusNet calls in an idle hour of the extension: the user has history (notices, faves) but
 * does nothing. What calls StatusNet when idle is the export's poll alarm (`export-poll`,
 * every `pollMinutes`, default 1): a poll, then an outbox run. The import alarm drains an empty
 * inbox without a call, the others call X or nothing. So the hour is simulated by running the
 * extension's own watcher and outbox runner once per alarm period, on a clock moved forward
 * by that period each time, and counting the GNU social emulator's journal.
 */
export interface IdleHour {
  polls: number;
  pollMinutes: number;
  calls: number;
  /** Calls by endpoint and by authentication (`anonymous` or the scheme). */
  byEndpoint: Record<string, number>;
  authenticated: number;
}

export async function countIdleHour(): Promise<IdleHour> {
  const world = await testWorld();
  const realFetch = globalThis.fetch;
  globalThis.fetch = world.fetch as typeof fetch;
  try {
    const db = await testDb();
    await putAccount(db, world.statusnet);
    await putAccount(db, world.xAccount);
    const { pollMinutes } = await loadTuning(db);
    let now = Date.now();
    const sink = activitySink();
    const signal = new AbortController().signal;
    const watcher = createWatcher({ db: async () => db, log: sink.log, now: () => now, signal });
    const runner = createOutboxRunner({
      db: async () => db,
      session: async () => world.session,
      refreshToken: async () => undefined,
      schedule: async () => undefined,
      log: sink.log,
      now: () => now,
      signal,
    });

    // A user with a past: forty notices, ten of them faved, before the bridge starts.
    const notices: number[] = [];
    for (let i = 0; i < 40; i++) notices.push(await world.site.post('alice', `old notice ${i}`));
    for (const id of notices.slice(-10)) await world.site.fave('alice', id);
    await watcher.poll();
    await runner.kick();

    const start = world.gs.journal.entries().length;
    const polls = Math.round(60 / pollMinutes);
    for (let i = 0; i < polls; i++) {
      now += pollMinutes * 60_000;
      await watcher.poll();
      await runner.kick();
    }
    const calls = world.gs.journal.entries().slice(start);
    const byEndpoint: Record<string, number> = {};
    for (const call of calls) {
      const key = `${call.method} ${call.path.replace(/\/[0-9]+(?=\.|\/|$)/g, '/:id')} (${call.authScheme ?? 'anonymous'})`;
      byEndpoint[key] = (byEndpoint[key] ?? 0) + 1;
    }
    return {
      polls,
      pollMinutes,
      calls: calls.length,
      byEndpoint,
      authenticated: calls.filter((c) => c.authScheme !== undefined).length,
    };
  } finally {
    globalThis.fetch = realFetch;
  }
}
