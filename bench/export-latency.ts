/**
 * Benchmark, not a test: how long a notice takes from existing on StatusNet to existing as a
 * post on X, through the built extension in a real headless Chromium (service worker, alarms,
 * IndexedDB) and both emulators over HTTP. Three figures, p50 and p99:
 *
 * - with the nudge: the user posts in the site's web UI, where the content script tells the
 *   bridge to look at once;
 * - without it: notices written elsewhere (another client, the API), found by the poll alarm
 *   (`pollSeconds`, 30 s by default: Chrome runs extension alarms at most that often);
 * - baseline: one `POST /2/tweets` made the moment the notice exists, which is what the original
 *   TwitterBridge did, server side, on saving the notice: the floor for any bridge.
 *
 *   npm run build && npx tsx bench/export-latency.ts [nudged=30] [polled=8] [pollSeconds=30]
 */
import { chromium } from '@playwright/test';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { xAccountFor } from '../extension/background/testing/x-account.ts';
import { startGnuSocialEmulator } from '../emulators/gnusocial/index.ts';
import { startXEmulator } from '../emulators/x/index.ts';
import { chromiumArgs, chromiumPath } from '../test-e2e/fixtures/chromium.ts';
import { EXTENSION_DIR } from '../test-e2e/fixtures/extension.fixture.ts';
import { readRecords, writeRecords } from '../test-e2e/fixtures/extension-db.ts';
import { serveNoticeForm } from '../test-e2e/fixtures/gnusocial-web.ts';
import { grantHostPermission } from '../test-e2e/fixtures/host-permissions.ts';
import { fromSummary, startResult } from './result.ts';
import { summarize } from './stats.ts';

const NUDGED = Number(process.argv[2] ?? 30);
const POLLED = Number(process.argv[3] ?? 8);
const POLL_SECONDS = Number(process.argv[4] ?? 30);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

if (!existsSync(join(EXTENSION_DIR, 'manifest.json'))) {
  throw new Error('dist/chrome is missing: run `npm run build` first.');
}

const x = await startXEmulator({ host: '127.0.0.1', log: () => undefined });
const gs = await startGnuSocialEmulator({ host: '127.0.0.1', demo: true });
gs.state.settings.dupeLimitSeconds = 0;
const me = x.createUser({ username: 'bench_alice' });
const token = x.mintToken(me.id);
const alice = [...gs.state.users.values()].find((user) => user.nickname === 'alice')!;

const profile = mkdtempSync(join(tmpdir(), 'bench-export-'));
const context = await chromium.launchPersistentContext(profile, {
  executablePath: chromiumPath(),
  headless: true,
  args: chromiumArgs(EXTENSION_DIR),
});
const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
const extensionId = new URL(worker.url()).host;
await grantHostPermission(context, extensionId, 'http://127.0.0.1');
const options = await context.newPage();
await options.goto(`chrome-extension://${extensionId}/extension/options/index.html`);
await options.evaluate(() =>
  (
    globalThis as unknown as { chrome: { permissions: { request(r: object): Promise<boolean> } } }
  ).chrome.permissions.request({ origins: ['http://127.0.0.1/*'] }),
);

// The user's accounts, as the options page stores them; the poll period as the bench asks.
await writeRecords(
  options,
  [
    { store: 'kv', key: 'exportTuning', value: { pollMinutes: POLL_SECONDS / 60 } },
    {
      store: 'kv',
      key: 'settings',
      value: { x: { apiBase: x.url, clientId: x.clientId }, import: { enabled: false } },
    },
    {
      store: 'accounts',
      value: {
        role: 'statusnet',
        apiBase: `${gs.url}/api`,
        auth: { kind: 'basic', username: 'alice', password: alice.password },
        userId: alice.id,
        screenName: 'alice',
        name: alice.fullname,
        profileUrl: `${gs.url}/alice`,
        protected: false,
        textLimit: gs.state.settings.textLimit,
        connectedAt: Date.now(),
      },
    },
    {
      store: 'accounts',
      value: xAccountFor(me, token),
    },
  ],
  ['settings', 'accounts'],
);
for (let i = 0; ; i++) {
  const lines = await readRecords<{ message: string }[]>(options, 'activity');
  if (lines.some((line) => /^Export (starts|is on)/.test(line.message))) break;
  if (i > 200) throw new Error('the export never took its starting point');
  await sleep(50);
}

// When each notice appeared on StatusNet and its post on X, by text (checked every 2 ms).
const noticedAt = new Map<string, number>();
const postedAt = new Map<string, number>();
const watch = setInterval(() => {
  for (const notice of gs.state.notices.values()) {
    if (notice.authorId === alice.id && !noticedAt.has(notice.content))
      noticedAt.set(notice.content, Date.now());
  }
  for (const post of x.state.posts.values()) {
    if (post.authorId === me.id && !postedAt.has(post.submittedText))
      postedAt.set(post.submittedText, Date.now());
  }
}, 2);
const latency = (text: string) => postedAt.get(text)! - noticedAt.get(text)!;
async function arrived(texts: string[], timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (texts.some((text) => !postedAt.has(text))) {
    if (Date.now() > deadline)
      throw new Error(`not on X after ${timeoutMs} ms: ${texts.find((t) => !postedAt.has(t))}`);
    await sleep(10);
  }
}

// 1. With the nudge: written in the web UI, one after the other.
console.log(`${NUDGED} notices through the web UI (content-script nudge)...`);
const site = await context.newPage();
await site.goto(await serveNoticeForm(context, gs, alice));
const nudged: string[] = [];
for (let i = 0; i < NUDGED; i++) {
  const text = `nudged ${i} ${Math.random().toString(36).slice(2, 8)}`;
  await site.locator('textarea[name="status_textarea"]').fill(text);
  await site.getByRole('button', { name: 'Send' }).click();
  await arrived([text], 30_000);
  nudged.push(text);
}
await site.close();

// 2. Without it: written through the API at random moments; the poll alarm finds them.
console.log(`${POLLED} notices written elsewhere, found by the ${POLL_SECONDS} s poll...`);
const polled: string[] = [];
for (let i = 0; i < POLLED; i++) {
  await sleep(Math.random() * POLL_SECONDS * 1000);
  const text = `polled ${i} ${Math.random().toString(36).slice(2, 8)}`;
  await fetch(`${gs.url}/_control/users/alice/notices`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ text, source: 'api' }),
  });
  polled.push(text);
}
await arrived(polled, (POLL_SECONDS + 30) * 1000);

// 3. Baseline: the post made at the moment the notice exists, as a server-side plugin would.
const baseline: number[] = [];
for (let i = 0; i < NUDGED; i++) {
  const text = `baseline ${i} ${Math.random().toString(36).slice(2, 8)}`;
  await fetch(`${gs.url}/_control/users/carol/notices`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ text }),
  });
  const start = Date.now();
  await fetch(`${x.url}/2/tweets`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token.access_token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ text }),
  });
  baseline.push(Date.now() - start);
}
clearInterval(watch);

const floor = {
  label: 'baseline: post made on save (TwitterBridge)',
  summary: summarize(baseline),
};
const run = startResult('export-latency', 'Export latency: notice on StatusNet -> post on X');
run.addRun([
  fromSummary(
    { id: 'export.nudged', label: 'with the content-script nudge', unit: 'ms', better: 'lower' },
    summarize(nudged.map(latency)),
    floor,
  ),
  fromSummary(
    {
      id: 'export.polled',
      label: `without it (poll every ${POLL_SECONDS} s)`,
      unit: 'ms',
      better: 'lower',
    },
    summarize(polled.map(latency)),
    floor,
  ),
]);
run.note('Real extension in headless Chromium; emulators on loopback, so network time is near 0.');
run.note("The nudge figure includes the content script's page reload (a full-page form post).");
const doubles =
  [...x.state.posts.values()].filter((p) => p.authorId === me.id).length - postedAt.size;
run.note(`posts on X: ${postedAt.size}, duplicates: ${doubles}`);
run.finish();

await context.close();
rmSync(profile, { recursive: true, force: true });
await gs.close();
await x.close();
