import browser from 'webextension-polyfill';
import type { Background } from '../background.ts';
import type { Db } from '../../shared/db.ts';
import type { ActivityEntry } from '../../shared/db-schema.ts';
import { logActivity } from '../../shared/activity.ts';
import { onChanged } from '../../shared/changes.ts';
import { refreshAfter401 } from '../accounts/x-token.ts';
import { xClientFor } from '../accounts/x-session.ts';
import { syncComposerScript } from './composer-script.ts';
import { registerExportMessages } from './export-messages.ts';
import { createOutboxRunner } from './outbox-runner.ts';
import { loadTuning } from './tuning.ts';
import { createWatcher, type PollResult } from './watcher.ts';

const POLL_ALARM = 'export-poll';
const OUTBOX_ALARM = 'export-outbox';
// Within the worker's life a timer is quicker than an alarm (Chrome holds those to 30 s); the
// alarm stays as the durable backstop for when the worker is gone.
const TIMER_HORIZON_MS = 5 * 60_000;

const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => (clearTimeout(timer), resolve()), { once: true });
  });

/**
 * Starts the export: StatusNet is watched on an alarm and on content-script nudges, what the
 * user did is decided on and queued, and the outbox is sent to X. Listeners are registered
 * synchronously, in the worker's first turn.
 */
export function startExport(bg: Background, signal: AbortSignal = new AbortController().signal) {
  const log = (db: Db, line: Omit<ActivityEntry, 'id' | 'at'>) => logActivity(db, line);
  let timer: ReturnType<typeof setTimeout> | undefined;

  const runner = createOutboxRunner({
    db: bg.db,
    session: () => xClientFor(bg),
    refreshToken: refreshAfter401,
    async schedule(when) {
      clearTimeout(timer);
      const delay = when - Date.now();
      if (delay < TIMER_HORIZON_MS) timer = setTimeout(() => void kick(), Math.max(0, delay));
      await bg.alarms.at(OUTBOX_ALARM, Math.max(when, Date.now() + 1_000));
    },
    log,
    signal,
  });
  const kick = () => runner.kick().catch((error: unknown) => bg.report('export', error));
  const watcher = createWatcher({ db: bg.db, log, signal });

  // A failing site is reported once, not at every poll, until a poll succeeds again.
  let lastFailure: string | undefined;
  async function poll(): Promise<PollResult> {
    try {
      const result = await watcher.poll();
      lastFailure = undefined;
      return result;
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      if (message !== lastFailure)
        bg.report('export', new Error(`Reading StatusNet failed: ${message}`));
      lastFailure = message;
      return { changes: 0, queued: 0 };
    }
  }

  /** The poll alarm, at the tuned period (kept, with its phase, while that does not change). */
  async function pollAlarm(): Promise<void> {
    const { pollMinutes } = await loadTuning(await bg.db());
    const alarm = await browser.alarms.get(POLL_ALARM);
    if (alarm?.periodInMinutes === pollMinutes) return;
    await browser.alarms.create(POLL_ALARM, {
      periodInMinutes: pollMinutes,
      delayInMinutes: pollMinutes,
    });
  }

  async function sync(reason: 'alarm' | 'nudge' | 'user'): Promise<PollResult> {
    let result = await poll();
    if (reason === 'nudge' && result.changes === 0) {
      // The site may not have stored what the user just did: look again shortly.
      for (const delay of (await loadTuning(await bg.db())).nudgeRepollMs) {
        await sleep(delay, signal);
        result = await poll();
        if (result.changes > 0 || signal.aborted) break;
      }
    }
    // Not awaited: the answer is about StatusNet; sending may wait on X for a long time.
    void kick();
    return result;
  }

  bg.alarms.on(POLL_ALARM, () => sync('alarm').then(() => undefined));
  bg.alarms.on(OUTBOX_ALARM, () => kick());
  registerExportMessages(bg, runner, sync);

  const composer = () =>
    bg
      .db()
      .then(syncComposerScript)
      .catch((error: unknown) => bg.report('export', error));
  browser.permissions.onAdded.addListener(() => void composer());
  browser.permissions.onRemoved.addListener(() => void composer());
  onChanged((topic) => {
    if (topic !== 'accounts') return;
    void composer();
    void pollAlarm().catch((error: unknown) => bg.report('export', error));
    // A newly connected account gets its starting point at once, not at the next alarm.
    void sync('alarm').catch((error: unknown) => bg.report('export', error));
  }, signal);

  void (async () => {
    await pollAlarm();
    await composer();
    await sync('alarm');
  })().catch((error: unknown) => bg.report('export', error));
}
