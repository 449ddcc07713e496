/**
 * Benchmark, not a test: how long a post takes from entering X's stream to existing as a
 * notice on StatusNet, through the real relay (its own process), the extension's import code
 * (link, inbox, queue; in Node with fake-indexeddb) and the GNU social emulator. Prints p50
 * and p99 over a few hundred posts, beside the original TwitterBridge's model measured in the
 * same run: a daemon polling each user's timeline every 70 s.
 *
 *   npx tsx bench/import-latency.ts [posts=300] [postsPerSecond=20]
 */
import 'fake-indexeddb/auto';
import { startGnuSocialEmulator } from '../emulators/gnusocial/index.ts';
import { startXEmulator } from '../emulators/x/index.ts';
import { createXClient } from '../extension/background/clients/x-client.ts';
import { syncFollows } from '../extension/background/import/follows-sync.ts';
import { startNodePipeline } from '../extension/background/import/node-pipeline.ts';
import { openBridgeDb } from '../extension/shared/db.ts';
import type { StatusNetAccount } from '../extension/shared/db-schema.ts';
import { startRelayProcess } from '../test-e2e/fixtures/relay-process.ts';
import { fromSummary, startResult } from './result.ts';
import { summarize } from './stats.ts';

const POSTS = Number(process.argv[2] ?? 300);
const PER_SECOND = Number(process.argv[3] ?? 20);
/** TwitterBridge's twitterstatusfetcher ran every 70 s (its design page). */
const ORIGINAL_POLL_MS = 70_000;

const x = await startXEmulator({ host: '127.0.0.1', log: () => undefined });
const gs = await startGnuSocialEmulator({ host: '127.0.0.1', demo: true });
const relay = await startRelayProcess({ xApiBase: x.url, bearerToken: x.bearerToken });
const stopAll = async () => {
  await pipeline.stop();
  await relay.stop();
  await gs.close();
  await x.close();
};

// X: the user follows five accounts; the import account is carol, with a private stream.
const me = x.createUser({ username: 'bench_user' });
const authors = ['ada', 'bob', 'kofi', 'mei', 'zed'].map((username) => x.createUser({ username }));
for (const author of authors) x.follow(me.id, author.id);
const token = x.mintToken(me.id).access_token;
const carol = [...gs.state.users.values()].find((user) => user.nickname === 'carol')!;
carol.protected = true;
gs.state.settings.dupeLimitSeconds = 0;
const account: StatusNetAccount = {
  role: 'import',
  apiBase: `${gs.url}/api`,
  auth: { kind: 'basic', username: 'carol', password: 'carolpass123' },
  userId: carol.id,
  screenName: 'carol',
  name: 'Carol Example',
  profileUrl: `${gs.url}/carol`,
  protected: true,
  textLimit: gs.state.settings.textLimit,
  connectedAt: Date.now(),
};

const db = await openBridgeDb('bench-import');
const xClient = createXClient({ apiBase: x.url, accessToken: async () => token });
let followed: () => void;
const following = new Promise<void>((resolve) => (followed = resolve));
const pipeline = startNodePipeline({
  db,
  relayUrl: relay.url,
  account,
  ownXUserId: me.id,
  onSubscribed: (client, subscription) =>
    void syncFollows(
      { db, relay: client, subscription, x: { userId: me.id, client: xClient } },
      new AbortController().signal,
    ).then(() => followed()),
});
await following;
for (let i = 0; ; i++) {
  const health = (await (await fetch(`${relay.url}/healthz`)).json()) as {
    stream: { state: string };
  };
  if (health.stream.state === 'connected') break;
  if (i > 200) throw new Error('the relay never connected to the X stream');
  await new Promise((resolve) => setTimeout(resolve, 50));
}

// Watch StatusNet: when did each post's notice appear (checked every 2 ms).
const enteredAt = new Map<string, number>();
const storedAt = new Map<string, number>();
const seen = new Set<number>();
const watcher = setInterval(() => {
  for (const notice of gs.state.notices.values()) {
    if (seen.has(notice.id) || notice.authorId !== carol.id) continue;
    seen.add(notice.id);
    const id = /\/status\/([0-9]+)/.exec(notice.content)?.[1];
    if (id && enteredAt.has(id)) storedAt.set(id, Date.now());
  }
}, 2);

console.log(
  `posting ${POSTS} posts at ${PER_SECOND}/s from ${authors.length} followed accounts...`,
);
for (let i = 0; i < POSTS; i++) {
  const author = authors[i % authors.length]!;
  const post = x.post(author.id, {
    text: `bench post ${i}: ${Math.random().toString(36).slice(2)}`,
  });
  enteredAt.set(post.id, Date.now());
  await new Promise((resolve) => setTimeout(resolve, 1000 / PER_SECOND));
}
const deadline = Date.now() + 60_000;
while (storedAt.size < POSTS && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
clearInterval(watcher);

const bridge = [...storedAt].map(([id, at]) => at - enteredAt.get(id)!);
// The original, simulated on the same posts: each waits for the daemon's next poll, then
// costs what writing a notice cost in this run (the bridge's fastest write: its best case).
// Posts come at any time of the 70 s cycle, so each gets its own uniformly random phase.
const write = Math.min(...bridge);
const original = [...enteredAt.keys()].map(() => Math.random() * ORIGINAL_POLL_MS + write);

const bench = startResult('import-latency', 'Import latency: post on X -> notice on StatusNet');
bench.addRun([
  fromSummary(
    {
      id: 'import.latency',
      label: 'relay + extension (post in stream -> notice)',
      unit: 'ms',
      better: 'lower',
    },
    summarize(bridge),
    { label: 'original TwitterBridge, polling every 70 s', summary: summarize(original) },
  ),
]);
const doubles =
  [...gs.state.notices.values()].filter((n) => n.authorId === carol.id).length - storedAt.size;
bench.note(
  `${POSTS} posts at ${PER_SECOND}/s from ${authors.length} followed accounts, through the relay (its own process) and the extension's import code in Node (fake-indexeddb); notices written: ${storedAt.size} of ${POSTS}, duplicates: ${Math.max(0, doubles)}.`,
);
bench.note(
  "The baseline is simulated on the same posts: each waits for the next 70 s poll (a uniformly random phase), then costs the run's fastest notice write.",
);
if (storedAt.size < POSTS)
  bench.note(`MISSING: ${POSTS - storedAt.size} posts never became notices`);
bench.finish();

await stopAll();
process.exit(storedAt.size === POSTS ? 0 : 1);
