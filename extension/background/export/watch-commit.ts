import type { Db } from '../../shared/db.ts';
import type { ActivityEntry, StatusNetAccount } from '../../shared/db-schema.ts';
import { notifyChanged } from '../../shared/changes.ts';
import type { StatusNetClient } from '../clients/statusnet-client.ts';
import { noticeUrl, type Plan } from './decide-context.ts';
import { enqueue } from './outbox.ts';
import { parseSkips, SKIPS_KEY, type SkipRequests } from './skip-requests.ts';
import { favoritesReadAnonymously, readFavorites, readUserTimeline } from './timeline-reader.ts';
import type { Tuning } from './tuning.ts';
import { parseWatcherState, WATCHER_KEY, type WatcherState } from './watcher-state.ts';

/** Thrown when the stored watcher state changed under a poll (another context polled). */
export class StaleWatcherState extends Error {
  override readonly name = 'StaleWatcherState';
}

/**
 * Writes a poll's outcome in one transaction: its outbox entries, the watcher state that says
 * they were made, and the composer requests they used up. Either all of it or none of it
 * happens, so a worker that dies mid-poll neither loses a notice nor queues one twice.
 * Returns how many entries were queued to be sent.
 */
export async function commitPoll(
  db: Db,
  expected: WatcherState,
  next: WatcherState,
  plans: Plan[],
  usedSkips: SkipRequests,
  now: number,
): Promise<number> {
  const tx = db.transaction(['kv', 'outbox'], 'readwrite');
  const kv = tx.objectStore('kv');
  const current = parseWatcherState(await kv.get(WATCHER_KEY));
  if (current?.sinceId !== expected.sinceId || current.userId !== expected.userId) {
    tx.abort();
    await tx.done.catch(() => undefined);
    throw new StaleWatcherState(
      'The export watcher state changed during a poll; it will run again.',
    );
  }

  let queued = 0;
  for (const plan of plans) {
    if (!plan.draft) continue;
    const { cancelled } = await enqueue(tx.objectStore('outbox'), plan.draft, now);
    if (!cancelled) queued++;
  }
  if (usedSkips.length > 0) {
    const skips = parseSkips(await kv.get(SKIPS_KEY), now);
    const left = skips.filter(
      (s) => !usedSkips.some((u) => u.text === s.text && u.until === s.until),
    );
    await kv.put(left, SKIPS_KEY);
  }
  await kv.put(next, WATCHER_KEY);
  await tx.done;

  if (plans.some((plan) => plan.draft)) notifyChanged('outbox');
  return queued;
}

/**
 * The first poll for an account: the user's history is not exported. The newest notice and
 * favourites become the starting point, and the activity log says so.
 */
export async function startingPoint(
  db: Db,
  client: StatusNetClient,
  account: StatusNetAccount,
  importAccount: StatusNetAccount | undefined,
  tuning: Tuning,
  log: (db: Db, line: Omit<ActivityEntry, 'id' | 'at'>) => Promise<void>,
): Promise<void> {
  const signal = AbortSignal.timeout(60_000);
  const timeline = await readUserTimeline(client, account.userId, 0, true, signal, 1);
  const own = timeline.notices.filter((notice) => notice.user.id === account.userId);
  const anonymous = favoritesReadAnonymously(importAccount);
  const faves = await readFavorites(
    client,
    account.userId,
    tuning.favoritesWindow,
    anonymous,
  ).catch(() => undefined);

  const newest = Math.max(0, ...own.map((notice) => notice.id));
  const state: WatcherState = {
    userId: account.userId,
    sinceId: newest,
    recent: own
      .map((notice) => notice.id)
      .sort((a, b) => b - a)
      .slice(0, tuning.recentWindow),
    favorites: faves?.notices.map((notice) => notice.id) ?? [],
    anonymous: {
      timeline: timeline.anonymous,
      favorites: faves?.anonymous ?? anonymous,
      checkedAt: Date.now(),
    },
  };
  await db.put('kv', state, WATCHER_KEY);

  await log(db, {
    level: 'info',
    area: 'export',
    message:
      newest > 0
        ? `Export starts after your latest notice: earlier notices stay off X. New notices, repeats, favourites and deletes from now on are mirrored.`
        : 'Export is on: your notices, repeats, favourites and deletes from now on are mirrored to X.',
    ...(newest > 0 && { noticeUrl: noticeUrl(account, newest) }),
  });
}
