import type { Db } from '../../shared/db.ts';
import type { ActivityEntry, ImportEntry } from '../../shared/db-schema.ts';
import { backoffDelay, STATUSNET_BACKOFF } from './backoff.ts';
import type { ImportContext } from './import-target.ts';
import { applyEntry, classifyFailure, recordOutcome } from './importer.ts';
import { nextPending, updateEntry } from './inbox.ts';

export interface ImportQueueDeps {
  db: () => Promise<Db>;
  /** Where to write; undefined while no import account is connected (everything waits). */
  context: () => Promise<Omit<ImportContext, 'markInFlight'> | undefined>;
  log: (line: Omit<ActivityEntry, 'id' | 'at'>) => Promise<void>;
  /** An entry was resolved: the relay cursor may move. */
  onResolved: () => void;
  /** Asks to be drained again at `when` (the head of the inbox waits until then). */
  wakeAt: (when: number) => void;
  now?: () => number;
}

/**
 * Applies the inbox in relay order, one entry at a time, so a reply always comes after its
 * parent. When StatusNet is down or failing, the head entry waits with backoff and everything
 * behind it waits too: order is kept, and a dead site is not hammered once per post.
 */
export function createImportQueue(deps: ImportQueueDeps) {
  const now = deps.now ?? Date.now;
  let running: Promise<void> | undefined;
  let again = false;
  let waiting = false;
  let noTargetSaid = false;

  async function fail(db: Db, entry: ImportEntry, error: unknown): Promise<boolean> {
    const verdict = classifyFailure(error, entry.attempts);
    if (verdict.action === 'fail') {
      await recordOutcome(db, entry, { state: 'failed', reason: verdict.reason });
      await deps.log({
        level: 'error',
        area: 'import',
        message: `Could not import a post: ${verdict.reason}`,
        xUrl: xUrlOf(entry),
      });
      deps.onResolved();
      return true;
    }

    const notBefore = now() + backoffDelay(entry.attempts, STATUSNET_BACKOFF);
    await updateEntry(db, entry.postId, (e) => {
      const next: ImportEntry = {
        ...e,
        attempts: e.attempts + 1,
        notBefore,
        lastError: verdict.reason,
      };
      if (!verdict.ambiguous) delete next.inFlightSince;
      return next;
    });
    if (!waiting) {
      waiting = true;
      const seconds = Math.round((notBefore - now()) / 1000);
      await deps.log({
        level: 'warn',
        area: 'import',
        message: `Waiting for StatusNet (${verdict.reason}); posts stay queued and are tried again in ${seconds} s.`,
      });
    }
    deps.wakeAt(notBefore);
    return false;
  }

  async function applyHead(db: Db): Promise<boolean> {
    const entry = await nextPending(db);
    if (!entry) return false;
    if (entry.notBefore > now()) {
      deps.wakeAt(entry.notBefore);
      return false;
    }

    const context = await deps.context();
    if (!context) {
      if (!noTargetSaid) {
        const message = 'Posts from X are waiting: connect an import account on the options page.';
        await deps.log({ level: 'warn', area: 'import', message });
      }
      noTargetSaid = true;
      return false;
    }
    noTargetSaid = false;
    const markInFlight = async () => {
      await updateEntry(db, entry.postId, (e) => ({ ...e, inFlightSince: now() }));
    };

    try {
      const outcome = await applyEntry({ ...context, markInFlight }, entry);
      await recordOutcome(db, entry, outcome);
      if (waiting) {
        waiting = false;
        await deps.log({
          level: 'info',
          area: 'import',
          message: 'StatusNet answers again; importing the waiting posts.',
        });
      }
      if (outcome.state === 'done' && outcome.link) {
        const noticeUrl = noticeUrlOf(context.account.apiBase, outcome.link.noticeId);
        const what = outcome.link.kind === 'repost' ? 'repost' : 'post';
        const by = outcome.link.xUsername ? ` by @${outcome.link.xUsername}` : '';
        await deps.log({
          level: 'info',
          area: 'import',
          message: `Imported a ${what}${by}.`,
          noticeUrl,
          xUrl: xUrlOf(entry),
        });
      }
      if (outcome.state === 'done' && outcome.warning) {
        await deps.log({
          level: 'warn',
          area: 'import',
          message: outcome.warning,
          xUrl: xUrlOf(entry),
        });
      }
      deps.onResolved();
      return true;
    } catch (error) {
      return fail(db, entry, error);
    }
  }

  async function run(signal: AbortSignal): Promise<void> {
    const db = await deps.db();
    do {
      again = false;
      while (!signal.aborted && (await applyHead(db)));
    } while (again && !signal.aborted);
  }

  return {
    /**
     * Applies every due entry, in order, until the inbox is empty or must wait. Calls made
     * while a drain runs make it look again rather than run twice.
     */
    drain(signal: AbortSignal): Promise<void> {
      if (running) {
        again = true;
        return running;
      }
      running = run(signal).finally(() => (running = undefined));
      return running;
    },
  };
}

export type ImportQueue = ReturnType<typeof createImportQueue>;

function xUrlOf(entry: ImportEntry): string {
  const id = entry.event.type === 'post' ? entry.event.post.id : entry.event.postId;
  const user = entry.event.type === 'post' ? entry.event.post.authorUsername : 'i/web';
  return `https://x.com/${user}/status/${id}`;
}

/** The notice's page: the site root is the API root without its `/api` (or `/index.php/api`). */
function noticeUrlOf(apiBase: string, noticeId: number): string {
  return `${apiBase.replace(/\/api\/?$/, '')}/notice/${noticeId}`;
}
