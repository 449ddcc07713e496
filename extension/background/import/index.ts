import browser from 'webextension-polyfill';
import { logActivity } from '../../shared/activity.ts';
import { onChanged } from '../../shared/changes.ts';
import { loadSettings } from '../../shared/settings.ts';
import type { Background } from '../background.ts';
import { createFollowsTask } from './follows-task.ts';
import { importContext } from './import-context.ts';
import { createImportQueue } from './import-queue.ts';
import { pruneResolved } from './inbox.ts';
import { createLinkHealth } from './link-health.ts';
import { registerImportMessages } from './import-messages.ts';
import { createReceiver } from './receiver.ts';
import { createRelayLink } from './relay-link.ts';
import { createRunner } from './runner.ts';

/** Reopens a dead link and applies due retries, even after the worker was stopped when idle. */
const LINK_ALARM = 'import-link';
/** Checks hourly whether the daily follows refresh is due. */
const FOLLOWS_ALARM = 'import-follows';
/** Resolved inbox entries are kept this long for the options page, then pruned. */
const KEEP_RESOLVED_MS = 14 * 24 * 3_600_000;

/**
 * Import (X -> StatusNet): the link to the relay, the durable inbox, and the queue that turns
 * each relayed post into a notice of the import account. Registers its listeners in the
 * worker's first turn, then connects if import is set up.
 */
export function startImport(bg: Background): void {
  const stop = new AbortController();
  const log = async (line: Parameters<typeof logActivity>[1]) => logActivity(await bg.db(), line);
  const health = createLinkHealth(bg.db);

  const queue = createImportQueue({
    db: bg.db,
    context: () => importContext(bg),
    log,
    onResolved: () => {
      void link.acknowledge();
      health.touch();
    },
    wakeAt: (when) =>
      setTimeout(() => void queue.drain(stop.signal), Math.max(0, when - Date.now())),
  });

  const follows = createFollowsTask(bg);
  const syncFollows = (force: boolean) =>
    follows(force, stop.signal).catch((error: unknown) => {
      bg.report('relay', error);
      return undefined;
    });

  const link = createRelayLink({
    db: bg.db,
    relay: async () => {
      const settings = await loadSettings(await bg.db());
      if (!settings.import.enabled || !settings.relay.url) return undefined;
      return { url: settings.relay.url, admissionCode: settings.relay.admissionCode };
    },
    onEvent: createReceiver({
      db: bg.db,
      catchUpHours: async () => (await loadSettings(await bg.db())).import.catchUpHours,
      log,
      onStored: () => void queue.drain(stop.signal),
      onArrived: () => health.touch(true),
    }),
    setState: health.setState,
    log,
    onSubscribed: () => void syncFollows(false),
    keepAlive: async () => void (await browser.runtime.getPlatformInfo()),
    WebSocket,
  });
  const runner = createRunner(link.run, (error) => bg.report('relay', error));

  registerImportMessages(bg, {
    drain: () => void queue.drain(stop.signal),
    acknowledge: () => void link.acknowledge(),
    reconnect: () => runner.restart(),
    syncFollows: () => syncFollows(true),
  });

  bg.alarms.on(LINK_ALARM, async () => {
    runner.ensure();
    await queue.drain(stop.signal);
  });
  bg.alarms.on(FOLLOWS_ALARM, async () => {
    await syncFollows(false);
    await pruneResolved(await bg.db(), Date.now() - KEEP_RESOLVED_MS);
  });
  void bg.alarms.ensure(LINK_ALARM, { periodInMinutes: 1 });
  void bg.alarms.ensure(FOLLOWS_ALARM, { periodInMinutes: 60 });

  // Settings or accounts changed on the options page: reconnect if the relay changed, and
  // apply what waited for an import account.
  let relayKey: string | undefined;
  onChanged((topic) => {
    if (topic === 'accounts') {
      void queue.drain(stop.signal);
      void syncFollows(false);
    }
    if (topic !== 'settings') return;
    void bg
      .db()
      .then(loadSettings)
      .then((settings) => {
        const key = JSON.stringify([settings.import.enabled, settings.relay]);
        if (relayKey !== undefined && key !== relayKey) runner.restart();
        relayKey = key;
      });
  }, stop.signal);

  void bg
    .db()
    .then(async (db) => {
      const settings = await loadSettings(db);
      relayKey = JSON.stringify([settings.import.enabled, settings.relay]);
      runner.ensure();
      await queue.drain(stop.signal);
    })
    .catch((error: unknown) => bg.report('import', error));
}
