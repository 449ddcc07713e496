import 'fake-indexeddb/auto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RelayEvent } from '../../../protocol/relay-events.ts';
import { startGnuSocialEmulator } from '../../../emulators/gnusocial/index.ts';
import { startXEmulator } from '../../../emulators/x/index.ts';
import { loadConfig, startRelay, type RunningRelay } from '../../../relay/index.ts';
import { openBridgeDb } from '../../shared/db.ts';
import type { ActivityEntry, StatusNetAccount } from '../../shared/db-schema.ts';
import { putAccount } from '../accounts/accounts-store.ts';
import { createXClient } from '../clients/x-client.ts';
import { createOutboxRunner } from '../export/outbox-runner.ts';
import { createWatcher } from '../export/watcher.ts';
import { syncFollows } from '../import/follows-sync.ts';
import { startNodePipeline } from '../import/node-pipeline.ts';
import { xAccountFor } from '../testing/x-account.ts';

/**
 * The whole bridge in one process for the soak (soak.test.ts): both emulators and the relay
 * on loopback sockets, and the extension's own export (watcher, outbox runner) and import
 * (relay link, inbox, queue) sharing one database, as they do in the service worker.
 *
 * Time: one clock, `now()`, is real time plus an offset that `advance()` moves. X, GNU social
 * and the export run on it, so rate-limit windows, backoff and dates see the simulated hour.
 * The relay and the import queue keep real time (sockets, timers): their waits are real.
 */
export async function startSoakWorld() {
  let offset = 0;
  const now = () => Date.now() + offset;
  const stops: (() => Promise<void> | void)[] = [];

  const x = await startXEmulator({ host: '127.0.0.1', log: () => undefined });
  stops.push(() => x.close());
  // Likes and API replies are refused on self-serve tiers since 2026 (tested in export.spec):
  // the soak is about volume and faults on a tier where X accepts them.
  x.setPolicy({ refuseLikes: false, refuseReplies: false });
  const gs = await startGnuSocialEmulator({ host: '127.0.0.1', demo: true, now });
  stops.push(() => gs.close());

  const me = x.createUser({ username: 'alice_x', name: 'Alice' });
  const ada = x.createUser({ username: 'ada', name: 'Ada' });
  const bob = x.createUser({ username: 'bob_x', name: 'Bob' });
  const stranger = x.createUser({ username: 'carl', name: 'Carl' });
  x.follow(me.id, ada.id);
  x.follow(me.id, bob.id);
  const token = x.mintToken(me.id, undefined, 24 * 3600);

  const dataDir = mkdtempSync(join(tmpdir(), 'soak-relay-'));
  stops.push(() => rmSync(dataDir, { recursive: true, force: true }));
  const relayConfig = (port: number) =>
    loadConfig({
      PORT: String(port),
      RELAY_DATA_DIR: dataDir,
      X_API_BASE: x.url,
      X_BEARER_TOKEN: x.bearerToken,
      LOG_LEVEL: 'silent',
      DELETE_SWEEP_INTERVAL_SECONDS: '1',
      STREAM_BACKOFF_HTTP_MS: '500',
    });
  const relayOptions = { rulesSettleMs: 50, backfillSecondPassMs: 2_000, ruleActivationMs: 500 };
  let relay: RunningRelay = await startRelay(relayConfig(0), relayOptions);
  const relayPort = relay.port;
  stops.push(() => relay.close());

  const db = await openBridgeDb(`soak-${Math.random()}`);
  const user = (name: string) => [...gs.state.users.values()].find((u) => u.nickname === name)!;
  const account = (role: 'statusnet' | 'import', name: string): StatusNetAccount => ({
    role,
    apiBase: `${gs.url}/api`,
    auth: { kind: 'basic', username: name, password: `${name}pass123` },
    userId: user(name).id,
    screenName: name,
    name,
    profileUrl: `${gs.url}/${name}`,
    protected: role === 'import',
    textLimit: gs.state.settings.textLimit,
    connectedAt: now(),
  });
  // The import account as the options page advises: a private stream, which the user follows.
  user('carol').protected = true;
  await fetch(`${gs.url}/_control/users/alice/follow`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ target: 'carol' }),
  });
  const importAccount = account('import', 'carol');
  const xAccount = xAccountFor(me, token, { now: now(), lifetimeMs: 24 * 3600_000 });
  await putAccount(db, account('statusnet', 'alice'));
  await putAccount(db, importAccount);
  await putAccount(db, xAccount);

  const activity: Omit<ActivityEntry, 'id' | 'at'>[] = [];
  const xClient = createXClient({ apiBase: x.url, accessToken: async () => token.access_token });
  const stop = new AbortController();
  stops.push(() => stop.abort());
  const watcher = createWatcher({
    db: async () => db,
    log: async (_db, line) => void activity.push(line),
    now,
    signal: stop.signal,
  });
  const runner = createOutboxRunner({
    db: async () => db,
    session: async () => ({ userId: me.id, username: me.username, client: xClient }),
    refreshToken: async () => undefined,
    // The soak kicks the runner on every simulated minute, as the alarm would.
    schedule: async () => undefined,
    log: async (_db, line) => void activity.push(line),
    now,
    signal: stop.signal,
  });

  const pollFailures: string[] = [];
  const deliveries: RelayEvent[] = [];
  let followsSynced = false;
  const pipeline = startNodePipeline({
    db,
    relayUrl: relay.url,
    account: importAccount,
    ownXUserId: me.id,
    log: (line) => void activity.push(line),
    onDelivery: (event) => void deliveries.push(event),
    onSubscribed: (relayClient, subscription) =>
      void syncFollows(
        { db, relay: relayClient, subscription, x: { userId: me.id, client: xClient } },
        stop.signal,
      ).then(() => (followsSynced = true)),
  });
  stops.push(() => pipeline.stop());

  return {
    x,
    gs,
    db,
    me,
    ada,
    bob,
    stranger,
    activity,
    deliveries,
    now,
    followsSynced: () => followsSynced,
    relayUrl: relay.url,
    /** Moves the shared clock (and X's, which keeps its own) forward. */
    advance(ms: number): void {
      offset += ms;
      x.advanceClock(ms);
    },
    /** What the background would have reported: polls that failed, in StatusNet's words. */
    pollFailures,
    /**
     * One alarm period of the export: a poll of StatusNet, then the outbox. A failed poll is
     * kept, as the background reports it (export/index.ts), and the next period polls again.
     */
    async exportTick(): Promise<void> {
      await watcher.poll().catch((error: unknown) => void pollFailures.push(String(error)));
      await runner.kick();
    },
    /** Stops the relay as SIGTERM would and starts it again on its port and database. */
    async restartRelay(): Promise<void> {
      await relay.close();
      relay = await startRelay(relayConfig(relayPort), relayOptions);
    },
    async close(): Promise<void> {
      for (const step of stops.reverse()) await step();
    },
  };
}
export type SoakWorld = Awaited<ReturnType<typeof startSoakWorld>>;
