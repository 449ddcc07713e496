import browser, { type Runtime } from 'webextension-polyfill';
import type { Background } from '../background.ts';
import { loadSettings } from '../../shared/settings.ts';
import { getStatusNetAccount, getXAccount } from '../accounts/accounts-store.ts';
import { UserFacingError } from '../router.ts';
import { fromSiteOrExtension } from './composer-script.ts';
import { retryEntry, skipEntry } from './outbox-commands.ts';
import type { OutboxRunner } from './outbox-runner.ts';
import { clearPause } from './pause.ts';
import { forgetRefusal } from './refusals.ts';
import { requestSkip } from './skip-requests.ts';
import { loadTuning } from './tuning.ts';

function fromExtensionPage(sender: Runtime.MessageSender): void {
  const origin = new URL(browser.runtime.getURL('/')).origin;
  if (!sender.url || new URL(sender.url).origin !== origin) {
    throw new UserFacingError('Only the options page may change the outbox.');
  }
}

/** Answers the export area's messages (see shared/messages/export.ts). */
export function registerExportMessages(
  bg: Background,
  runner: OutboxRunner,
  sync: (reason: 'nudge' | 'user') => Promise<{ queued: number }>,
): void {
  const { router } = bg;

  router.on('export/sync-now', async ({ reason }) => {
    const { queued } = await sync(reason);
    return { queued: queued > 0 };
  });

  router.on('export/composer', async (_payload, sender) => {
    const db = await bg.db();
    const mine = await fromSiteOrExtension(db, sender.url);
    const active =
      mine && !!(await getStatusNetAccount(db, 'statusnet')) && !!(await getXAccount(db));
    const settings = await loadSettings(db);
    return { active, defaultOn: settings.export.notices && settings.export.composerDefault };
  });

  router.on('export/skip-text', async ({ text }, sender) => {
    const db = await bg.db();
    if (!(await fromSiteOrExtension(db, sender.url))) return { remembered: false };
    await requestSkip(db, text, (await loadTuning(db)).skipTextTtlMs);
    return { remembered: true };
  });

  router.on('export/retry', async ({ seq }, sender) => {
    fromExtensionPage(sender);
    await retryEntry(await bg.db(), seq);
    void runner.kick();
    return { queued: true };
  });

  router.on('export/skip', async ({ seq }, sender) => {
    fromExtensionPage(sender);
    await skipEntry(await bg.db(), seq);
    void runner.kick();
    return { skipped: true };
  });

  router.on('export/resume', async (_payload, sender) => {
    fromExtensionPage(sender);
    await clearPause(await bg.db());
    void runner.kick();
    return { resumed: true };
  });

  router.on('export/allow-kind', async ({ kind }, sender) => {
    fromExtensionPage(sender);
    await forgetRefusal(await bg.db(), kind);
    void runner.kick();
    return { allowed: true };
  });
}
