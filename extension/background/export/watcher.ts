import type { Db } from '../../shared/db.ts';
import type { ActivityEntry, StatusNetAccount } from '../../shared/db-schema.ts';
import { loadSettings } from '../../shared/settings.ts';
import { getStatusNetAccount, getXAccount } from '../accounts/accounts-store.ts';
import { createStatusNetClient, type StatusNetClient } from '../clients/statusnet-client.ts';
import type { DecideContext, Plan } from './decide-context.ts';
import { decideNotice } from './decide-notice.ts';
import { decideDelete, decideFave, decideUnfave } from './decide-undo.ts';
import { getLink } from './links.ts';
import { readRefusals } from './refusals.ts';
import { parseSkips, SKIPS_KEY } from './skip-requests.ts';
import { favoritesReadAnonymously, readFavorites, readUserTimeline } from './timeline-reader.ts';
import { loadTuning } from './tuning.ts';
import { commitPoll, startingPoint } from './watch-commit.ts';
import { diffFavorites, findDeletes } from './watch-diff.ts';
import { parseWatcherState, WATCHER_KEY, type WatcherState } from './watcher-state.ts';

const DAY = 24 * 60 * 60_000;

export interface WatcherDeps {
  db: () => Promise<Db>;
  log: (db: Db, line: Omit<ActivityEntry, 'id' | 'at'>) => Promise<void>;
  now?: () => number;
  signal: AbortSignal;
}

/** What one poll found: `changes` counts new notices, deletes, faves and unfaves. */
export interface PollResult {
  changes: number;
  queued: number;
}

const NOTHING: PollResult = { changes: 0, queued: 0 };

function contextFor(
  db: Db,
  base: Omit<DecideContext, 'linkedPost' | 'link' | 'pending' | 'plannedPosts'>,
): DecideContext {
  return {
    ...base,
    linkedPost: (id) => getLink(db, 'post', id),
    link: (kind, id) => getLink(db, kind, id),
    pending: async (id) =>
      (await db.getAllFromIndex('outbox', 'by-notice', id)).filter((e) => e.state === 'pending'),
    plannedPosts: new Set(),
  };
}

/**
 * Watches the user's StatusNet activity: new notices and repeats, deletes, faves and unfaves,
 * turned into outbox entries by the decision step. One poll at a time per worker.
 */
export function createWatcher(deps: WatcherDeps) {
  const now = deps.now ?? Date.now;
  let polling: Promise<PollResult> | undefined;
  let following: Promise<PollResult> | undefined;

  async function pollOnce(): Promise<PollResult> {
    const db = await deps.db();
    const account = await getStatusNetAccount(db, 'statusnet');
    const x = await getXAccount(db);
    // Nothing is watched until both sides are connected: history written before stays home.
    if (!account || !x) return NOTHING;

    const tuning = await loadTuning(db);
    const client = createStatusNetClient({ apiBase: account.apiBase, auth: account.auth });
    const stored = parseWatcherState(await db.get('kv', WATCHER_KEY));
    const state = stored?.userId === account.userId ? stored : undefined;
    const importAccount = await getStatusNetAccount(db, 'import');
    if (!state) {
      await startingPoint(db, client, account, importAccount, tuning, deps.log);
      return NOTHING;
    }

    const retryAnonymous = now() - state.anonymous.checkedAt > DAY;
    const floor = Math.min(state.sinceId, ...state.recent.map((id) => id - 1));
    const timeline = await readUserTimeline(
      client,
      account.userId,
      floor,
      state.anonymous.timeline || retryAnonymous,
      deps.signal,
    );
    const own = timeline.notices.filter((notice) => notice.user.id === account.userId);

    const ctx = contextFor(db, {
      account,
      importAccount,
      xUsername: x.username,
      settings: await loadSettings(db),
      refusals: await readRefusals(db),
      skips: parseSkips(await db.get('kv', SKIPS_KEY), now()),
    });
    const skipsBefore = [...ctx.skips];

    const fresh = own.filter((notice) => notice.id > state.sinceId).sort((a, b) => a.id - b.id);
    const seen = new Set(own.map((notice) => notice.id));
    const deletes = await findDeletes(client, state.recent, seen, ctx);
    const faves = await readFavoritesSafely(
      client,
      account,
      tuning.favoritesWindow,
      favoritesReadAnonymously(ctx.importAccount) && (state.anonymous.favorites || retryAnonymous),
    );
    const favDiff = faves
      ? await diffFavorites(client, state.favorites, faves.notices, ctx)
      : { faved: [], unfaved: [], undecided: state.favorites };

    const plans: Plan[] = [];
    for (const notice of fresh) plans.push(await decideNotice(notice, ctx));
    for (const id of deletes.deleted.sort((a, b) => a - b))
      plans.push(...(await decideDelete(id, ctx)));
    for (const notice of favDiff.faved) plans.push(await decideFave(notice, ctx));
    for (const id of favDiff.unfaved) {
      const plan = await decideUnfave(id, ctx);
      if (plan) plans.push(plan);
    }

    const next: WatcherState = {
      userId: account.userId,
      sinceId: Math.max(state.sinceId, ...own.map((notice) => notice.id)),
      recent: [...new Set([...seen, ...deletes.undecided])]
        .sort((a, b) => b - a)
        .slice(0, tuning.recentWindow),
      favorites: [...(faves?.notices.map((n) => n.id) ?? []), ...favDiff.undecided],
      anonymous: {
        timeline: timeline.anonymous,
        favorites: faves?.anonymous ?? state.anonymous.favorites,
        checkedAt: retryAnonymous ? now() : state.anonymous.checkedAt,
      },
    };
    const usedSkips = skipsBefore.filter((skip) => !ctx.skips.includes(skip));
    const queued = await commitPoll(db, state, next, plans, usedSkips, now());
    for (const plan of plans) if (plan.line) await deps.log(db, { area: 'export', ...plan.line });

    const changes =
      fresh.length + deletes.deleted.length + favDiff.faved.length + favDiff.unfaved.length;
    return { changes, queued };
  }

  /**
   * Polls now. A poll already in progress may have read the site before what the caller wants
   * seen (the nudge of a notice just written): callers then share one more poll after it.
   */
  function poll(): Promise<PollResult> {
    if (!polling) {
      polling = pollOnce().finally(() => (polling = undefined));
      return polling;
    }
    following ??= polling
      .catch(() => undefined)
      .then(() => {
        following = undefined;
        return poll();
      });
    return following;
  }

  return { poll };
}

export type Watcher = ReturnType<typeof createWatcher>;

/** Favourites are a lesser signal: a failure to read them does not hold back new notices. */
async function readFavoritesSafely(
  client: StatusNetClient,
  account: StatusNetAccount,
  count: number,
  anonymous: boolean,
) {
  try {
    return await readFavorites(client, account.userId, count, anonymous);
  } catch {
    return undefined;
  }
}
