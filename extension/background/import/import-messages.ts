import type { Background } from '../background.ts';
import { UserFacingError } from '../router.ts';
import { updateEntry } from './inbox.ts';

export interface ImportControls {
  drain(): void;
  acknowledge(): void;
  reconnect(): Promise<boolean>;
  syncFollows(): Promise<number | undefined>;
}

/** The options page's import buttons: retry and skip a post, reconnect, resend follows. */
export function registerImportMessages(bg: Background, controls: ImportControls): void {
  bg.router.on('import/retry', async ({ postId }) => {
    const entry = await updateEntry(await bg.db(), postId, (e) => {
      if (e.state === 'done') return e;
      const next = { ...e, state: 'pending' as const, attempts: 0, notBefore: 0 };
      delete next.lastError;
      return next;
    });
    if (!entry) throw new UserFacingError('That post is no longer in the import queue.');
    controls.drain();
    return { queued: entry.state === 'pending' };
  });

  bg.router.on('import/skip', async ({ postId }) => {
    const entry = await updateEntry(await bg.db(), postId, (e) =>
      e.state === 'pending' || e.state === 'failed'
        ? { ...e, state: 'skipped', lastError: 'Skipped by you.' }
        : e,
    );
    if (!entry) throw new UserFacingError('That post is no longer in the import queue.');
    // A skipped post no longer holds the relay cursor back.
    controls.acknowledge();
    controls.drain();
    return { skipped: entry.state === 'skipped' };
  });

  bg.router.on('import/reconnect', async () => ({ started: await controls.reconnect() }));

  bg.router.on('import/sync-follows', async () => {
    const follows = await controls.syncFollows();
    if (follows === undefined) {
      throw new UserFacingError('Set a relay and connect your X account first.');
    }
    return { follows };
  });
}
