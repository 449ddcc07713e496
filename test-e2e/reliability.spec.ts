import type { Page } from '@playwright/test';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ImportEntry } from '../extension/shared/db-schema.ts';
import { readRecords, writeRecords } from './fixtures/extension-db.ts';
import { EXTENSION_DIR } from './fixtures/extension.fixture.ts';
import { importedFromX } from './fixtures/imported-from-x.ts';
import { importReady, relayHealth } from './fixtures/import-ready.ts';
import type { ExportWorld } from './fixtures/export-world.fixture.ts';
import type { ImportWorld } from './fixtures/import-world.fixture.ts';
import {
  containmentReports,
  crashBrowser,
  expect,
  relaunch,
  test,
} from './fixtures/reliability.fixture.ts';
import { ImportPage } from './pages/import.page.ts';
import { OutboxPage } from './pages/outbox.page.ts';

// The whole bridge under faults: X and StatusNet down or dropping connections, the relay
// killed with SIGKILL, the browser killed mid-post, a day away, tokens that die. Each test
// ends by checking that every request the browser made kept its secrets at home (fixture).

const HOUR = 3_600_000;
const X_PROBLEM_503 = {
  title: 'Service Unavailable',
  detail: 'Service Unavailable',
  type: 'about:blank',
  status: 503,
};

test.afterAll(() => {
  const requests = containmentReports.reduce(
    (sum, { report }) => sum + Object.values(report.requests).reduce((a, b) => a + b, 0),
    0,
  );
  const messages = containmentReports.reduce((sum, { report }) => sum + report.relayMessages, 0);
  console.log(
    `containment: ${containmentReports.length} tests, ${requests} browser requests and ${messages} ` +
      'messages to the relay checked, 0 secrets outside their origin',
  );
});

/** Prints what a test put the bridge through, for docs/reliability.md. */
function figures(line: string): void {
  console.log(`figures: ${test.info().title.split(':')[0]}: ${line}`);
}

/** How many answers of each status an emulator gave under a path. */
function answers(entries: readonly { path: string; status: number }[], prefix: string) {
  const counts: Record<number, number> = {};
  for (const e of entries)
    if (e.path.startsWith(prefix)) counts[e.status] = (counts[e.status] ?? 0) + 1;
  return JSON.stringify(counts);
}

/** Connects the export's accounts and waits for it to take its starting point. */
async function exportReady(page: ExportWorld, outbox: OutboxPage) {
  const token = await page.setUp(outbox.page);
  await expect(outbox.activityLog()).toContainText(/Export (starts after|is on)/);
  return token;
}

const textsOnX = (world: ExportWorld) => () => world.postsOnX().map((p) => p.submittedText);

/** The subscription's acknowledged cursor, as the relay has it. */
async function ackedSeq(page: Page, world: ImportWorld): Promise<number> {
  const sub = await readRecords<{ id: string; secret: string }>(page, 'kv', 'relaySubscription');
  const response = await fetch(`${world.relay.url}/v1/subscriptions/${sub.id}`, {
    headers: { authorization: `Bearer ${sub.secret}` },
  });
  return ((await response.json()) as { ackedSeq: number }).ackedSeq;
}

const statusUpdates = (world: ImportWorld) =>
  world.gnusocial.journal
    .entries()
    .filter((e) => e.path === '/api/statuses/update.json' && e.status === 200).length;

/** Every post imported exactly once, and in the order they were made. */
function expectImportedOnceInOrder(world: ImportWorld, postIds: string[]) {
  const notices = postIds.map((id) => world.noticesOf(id));
  expect(notices.map((n) => n.length)).toEqual(postIds.map(() => 1));
  const ids = notices.map((n) => n[0]!.id);
  expect([...ids].sort((a, b) => a - b)).toEqual(ids);
}

test('X down (503s, then dropped connections) while the user posts, faves and deletes: all of it arrives after, in order, once', async ({
  extension,
  exportWorld: world,
}) => {
  test.setTimeout(90_000);
  world.x.setPolicy({ refuseLikes: false });
  const outbox = await OutboxPage.open(extension.context, extension.extensionId);
  await exportReady(world, outbox);
  const early = await world.site.post('alice', 'written before the outage');
  await outbox.checkNow();
  await expect.poll(textsOnX(world)).toEqual(['written before the outage']);
  const linked = await importedFromX(outbox.page, world, 'worth a fave');

  // X fails every call for 8 s, then drops the next 6 connections without a word.
  world.x.faults.add({ pathPrefix: '/2/', status: 503, body: X_PROBLEM_503, forMs: 8_000 });
  world.x.faults.add({ pathPrefix: '/2/', drop: true, count: 6 });
  const first = await world.site.post('alice', 'one, during the outage');
  const doomed = await world.site.post('alice', 'two, deleted before X saw it');
  await world.site.post('alice', 'three, during the outage');
  await outbox.checkNow();
  await world.site.delete(early);
  await world.site.fave('alice', linked.noticeId);
  await outbox.checkNow();
  await world.site.post('alice', 'four, a reply to one', { inReplyTo: first });
  await world.site.delete(doomed);
  await world.site.post('alice', 'five, the last');
  await outbox.checkNow();
  await expect(outbox.entry(/^Post: one, during the outage/)).toContainText(
    /Service Unavailable|Waiting/,
  );

  const expected = [
    'one, during the outage',
    'three, during the outage',
    'four, a reply to one',
    'five, the last',
  ];
  await expect.poll(textsOnX(world), { timeout: 60_000 }).toEqual(expected);
  const posts = world.postsOnX();
  expect(posts[2]!.inReplyToPostId).toBe(posts[0]!.id);
  await expect.poll(() => world.x.state.likes.get(world.me.id)?.has(linked.postId)).toBe(true);
  // Once each: no text was ever posted twice, deleted posts included. The notice deleted
  // before X saw it either cancelled its post, or (when a 503 left its outcome unknown) was
  // posted and deleted: never left behind.
  const everPosted = [...world.x.state.posts.values()]
    .filter((p) => p.authorId === world.me.id && p.repostedPostId === undefined)
    .map((p) => p.submittedText);
  expect(everPosted.length).toBe(new Set(everPosted).size);
  await expect(outbox.entry(/^Post: two, deleted before X saw it/)).toContainText(/Cancelled|Sent/);
});

test('an access token that expires and a refresh token that is revoked: paused with "reconnect", nothing dropped, all sent after reconnecting', async ({
  extension,
  exportWorld: world,
  world: base,
}) => {
  const outbox = await OutboxPage.open(extension.context, extension.extensionId);
  await exportReady(world, outbox);
  const first = await world.site.post('alice', 'sent while the token was good');
  await outbox.checkNow();
  await expect.poll(textsOnX(world)).toEqual(['sent while the token was good']);

  const account = await readRecords<{ accessToken: string; refreshToken: string }>(
    outbox.page,
    'accounts',
    'x',
  );
  world.x.expireToken(account.accessToken);
  world.x.revokeToken(account.refreshToken);
  await world.site.post('alice', 'written after the token died');
  await world.site.post('alice', 'and another');
  await world.site.delete(first);
  await outbox.checkNow();

  await expect(outbox.pause()).toContainText('Reconnect X');
  const xAccount = outbox.page.getByRole('region', { name: 'X account' });
  await expect(xAccount.getByText(/click “Connect X account” to reconnect/)).toBeVisible();
  await expect(outbox.entry(/^Post: written after the token died/)).toContainText('Waiting');
  await expect(outbox.entry(/^Post: and another/)).toContainText('Waiting');
  expect(textsOnX(world)()).toEqual(['sent while the token was good']);

  // The user connects X again (the emulator mints the new pair the consent flow would give).
  await base.connectX(world.me.id);
  await expect(outbox.activityLog()).toContainText('X is connected again: sending resumes.');
  await expect.poll(textsOnX(world)).toEqual(['written after the token died', 'and another']);
  await expect(outbox.pause()).toHaveCount(0);
  const refreshes = world.x.journal.entries().filter((e) => e.path === '/2/oauth2/token');
  figures(`${refreshes.length} refusal(s) of the refresh token; 3 entries waited, 3 sent after`);
});

test('the browser killed (SIGKILL) while X holds the post request open: one post, and the queue behind it goes on', async ({
  extension,
  exportWorld: world,
  containment,
}) => {
  let outbox = await OutboxPage.open(extension.context, extension.extensionId);
  await exportReady(world, outbox);
  world.x.faults.add({
    pathPrefix: '/2/tweets',
    method: 'POST',
    hangAfterHandling: true,
    count: 1,
  });
  await world.site.post('alice', 'in flight when the browser died');
  await world.site.post('alice', 'queued behind it');
  await outbox.checkNow();
  // X made the post and holds its answer: nobody in the browser knows.
  await expect.poll(textsOnX(world)).toEqual(['in flight when the browser died']);
  await expect(outbox.entry(/^Post: in flight/)).toContainText('outcome not known yet');

  await crashBrowser(extension, containment);
  world.x.faults.clear();
  outbox = await OutboxPage.open(extension.context, extension.extensionId);
  await outbox.checkNow();

  await expect
    .poll(textsOnX(world))
    .toEqual(['in flight when the browser died', 'queued behind it']);
  await expect(outbox.entry(/^Post: in flight/)).toContainText('Sent');
  expect(world.postCalls()).toBe(2);
  figures(`browser SIGKILLed with 1 post in flight and 1 queued; ${world.postCalls()} post calls`);
});

test('StatusNet down during import: nothing is acknowledged to the relay early, nothing lost, each post once', async ({
  extension,
  importWorld: world,
}) => {
  test.setTimeout(90_000);
  const page = await importReady(extension, world);
  const before = world.x.post(world.ada.id, { text: 'before StatusNet went down' });
  await expect.poll(() => world.noticesOf(before.id).length).toBe(1);
  await expect.poll(() => ackedSeq(page.page, world)).toBeGreaterThan(0);
  const acked = await ackedSeq(page.page, world);

  // StatusNet answers 503 to every write for 5 s, then drops the next connection.
  world.gnusocial.faults.add({ pathPrefix: '/api/statuses/update', status: 503, forMs: 5_000 });
  world.gnusocial.faults.add({ pathPrefix: '/api/statuses/update', drop: true, count: 1 });
  const during = [1, 2, 3, 4, 5].map(
    (n) =>
      world.x.post(n % 2 ? world.ada.id : world.bob.id, { text: `while StatusNet is down ${n}` })
        .id,
  );

  // Every post reached the extension's inbox, and still the relay holds the old cursor.
  await expect
    .poll(async () => {
      const stored = await readRecords<ImportEntry[]>(page.page, 'imports');
      return during.every((id) => stored.some((e) => e.postId === id));
    })
    .toBe(true);
  await expect(page.activityLog()).toContainText('Waiting for StatusNet');
  const down = () => world.gnusocial.faults.list().some((f) => (f.untilMs ?? 0) > Date.now());
  let samples = 0;
  while (down()) {
    samples += 1;
    expect(await ackedSeq(page.page, world)).toBe(acked);
    await page.page.waitForTimeout(500); // sampling the cursor while the fault lasts
  }

  // StatusNet's backoff is 5 s doubling (no knob): the last post may wait half a minute.
  await expect
    .poll(() => during.every((id) => world.noticesOf(id).length > 0), { timeout: 60_000 })
    .toBe(true);
  expectImportedOnceInOrder(world, [before.id, ...during]);
  await expect
    .poll(() => ackedSeq(page.page, world))
    .toBe((await relayHealth(world.relay.url)).headSeq);
  await expect(page.emptyBacklog()).toBeVisible();
  figures(
    `${during.length} posts while StatusNet failed; cursor sampled ${samples} times while down; ` +
      `StatusNet answered ${answers(world.gnusocial.journal.entries(), '/api/statuses/update')}`,
  );
});

test('the relay killed with SIGKILL and restarted while posts flow: every post imported once', async ({
  extension,
  importWorld: world,
  relay,
}) => {
  test.setTimeout(90_000);
  await importReady(extension, world);
  const posted: string[] = [];
  const flow = async (count: number) => {
    for (let i = 0; i < count; i++) {
      const author = posted.length % 2 ? world.ada : world.bob;
      posted.push(world.x.post(author.id, { text: `steady flow ${posted.length}` }).id);
      await new Promise((resolve) => setTimeout(resolve, 150));
    }
  };

  await flow(8);
  await relay.kill9();
  await flow(8); // X goes on while the relay is dead: these come back by its backfill
  await relay.restart();
  await flow(8);

  await expect
    .poll(() => posted.filter((id) => world.noticesOf(id).length > 0).length, { timeout: 60_000 })
    .toBe(posted.length);
  expect(posted.map((id) => world.noticesOf(id).length)).toEqual(posted.map(() => 1));
  expect(statusUpdates(world)).toBe(posted.length);
  figures(
    `${posted.length} posts, 8 of them while the relay was dead; ${statusUpdates(world)} notices`,
  );
});

test('a day offline: on return, both ways catch up: what came in the window is imported, older is named, every notice exported in order', async ({
  extension,
  importWorld: world,
  containment,
}) => {
  const first = await importReady(extension, world, { catchUpHours: 24 });
  await writeRecords(
    first.page,
    [
      {
        store: 'kv',
        key: 'exportTuning',
        value: { backoffBaseMs: 500, backoffMaxMs: 4_000, nudgeRepollMs: [300, 1_000] },
      },
    ],
    [],
  );
  await expect(first.activityLog()).toContainText(/Export (starts after|is on)/);
  await first.page.close();
  await extension.context.close();

  // The day away, compressed: X's clock says when each post was made.
  world.x.advanceClock(-25 * HOUR);
  const tooOld = world.x.post(world.bob.id, { text: 'a day and an hour ago' });
  world.x.advanceClock(2 * HOUR);
  const early = world.x.post(world.ada.id, { text: 'twenty-three hours ago' });
  world.x.advanceClock(12 * HOUR);
  const midday = world.x.post(world.bob.id, { text: 'eleven hours ago' });
  world.x.advanceClock(11 * HOUR);
  const late = world.x.post(world.ada.id, { text: 'just now' });
  const written = ['away, morning', 'away, noon', 'away, evening'];
  for (const text of written) await postAsAlice(world, text);

  await relaunch(extension, containment);
  const page = await ImportPage.open(extension.context, extension.extensionId);
  await expect.poll(() => world.noticesOf(late.id).length, { timeout: 30_000 }).toBe(1);
  expectImportedOnceInOrder(world, [early.id, midday.id, late.id]);
  expect(world.noticesOf(tooOld.id)).toHaveLength(0);
  await expect(page.activityLog()).toContainText(
    'Left out 1 post older than the 24-hour catch-up window',
  );

  await page.syncExport();
  const mine = () =>
    [...world.x.state.posts.values()]
      .filter((p) => p.authorId === world.me.id && p.deletedAt === undefined)
      .sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id))
      .map((p) => p.submittedText);
  await expect.poll(mine, { timeout: 30_000 }).toEqual(written);
  figures('4 posts over 25 simulated hours: 3 imported, 1 named as too old; 3 notices exported');
});

async function postAsAlice(world: ImportWorld, text: string): Promise<void> {
  const response = await fetch(`${world.gnusocial.url}/_control/users/alice/notices`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ text }),
  });
  if (!response.ok) throw new Error(`posting as alice: ${response.status}`);
}

const HOSTILE =
  '<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script> & <b>bold</b>';

test('hostile text: HTML and script stay text everywhere they are shown, and command words never run', async ({
  extension,
  importWorld: world,
}) => {
  const page = await importReady(extension, world);
  const state = world.gnusocial.state;
  const commandEffects = () =>
    JSON.stringify({
      subscriptions: [...state.subscriptions.entries()].map(([k, v]) => [k, [...v.keys()]]),
      faves: state.faves.length,
      messages: state.messages.length,
    });
  const before = commandEffects();
  const violations: string[] = [];
  page.page.on(
    'console',
    (m) => /Content Security Policy/i.test(m.text()) && violations.push(m.text()),
  );

  // StatusNet refuses writes for a while, so the imports wait in view.
  world.gnusocial.faults.add({ pathPrefix: '/api/statuses/update', status: 503, forMs: 6_000 });
  const html = world.x.post(world.ada.id, { text: `ada says ${HOSTILE}` });
  const commands = [
    'd carol meet me at noon',
    'DM alice hi',
    'Follow alice',
    'follow\u00a0bob',
    'fav 1',
    'repeat 1',
    'join somegroup',
    'nudge alice',
    'sub carol',
    'whois alice',
    'drop bob',
    'stop',
  ].map((text) => ({ text, id: world.x.post(world.bob.id, { text }).id }));
  await postAsAlice(world, `alice writes ${HOSTILE}`);
  await page.syncExport();

  // On the options page: the words, as words.
  await expect(page.item(html.id)).toContainText(`ada says ${HOSTILE}`);
  const outbox = page.page.getByRole('region', { name: 'Outbox to X' });
  await expect(outbox).toContainText(`alice writes ${HOSTILE}`);
  expect(
    await page.page.evaluate(() => (globalThis as { __pwned?: unknown }).__pwned),
  ).toBeUndefined();
  expect(await page.page.locator('img[src="x"], b').count()).toBe(0);
  expect(
    await page.page.evaluate(() => document.querySelectorAll('script:not([src])').length),
  ).toBe(0);

  // In StatusNet: the words, escaped; and no command ran.
  await expect.poll(() => world.noticesOf(html.id).length, { timeout: 30_000 }).toBe(1);
  expect(world.noticesOf(html.id)[0]!.rendered).not.toContain('<script>');
  expect(world.noticesOf(html.id)[0]!.rendered).not.toContain('<img');
  for (const { text, id } of commands) {
    await expect.poll(() => world.noticesOf(id).length).toBe(1);
    expect(world.noticesOf(id)[0]!.content).toBe(
      `Bob (@bob_x): ${text} https://x.com/bob_x/status/${id}`,
    );
  }
  expect(commandEffects()).toBe(before);

  // On X: the notice's words, exactly.
  await expect
    .poll(() =>
      [...world.x.state.posts.values()]
        .filter((p) => p.authorId === world.me.id)
        .map((p) => p.submittedText),
    )
    .toEqual([`alice writes ${HOSTILE}`]);
  expect(violations).toEqual([]);
  figures(`1 HTML post each way, ${commands.length} command-word posts; 0 ran, 0 rendered as HTML`);
});

test('the options page and the content script run under a strict CSP: not one violation', async ({
  extension,
  exportWorld: world,
}) => {
  // The build: the extension pages' policy, and nothing inline for it to refuse.
  const manifest = JSON.parse(readFileSync(join(EXTENSION_DIR, 'manifest.json'), 'utf8')) as {
    content_security_policy?: { extension_pages?: string };
  };
  // Chrome's MV3 default when the manifest names none.
  const policy =
    manifest.content_security_policy?.extension_pages ?? "script-src 'self'; object-src 'self';";
  expect(policy).toMatch(/script-src 'self'/);
  expect(policy).not.toMatch(/unsafe-eval|unsafe-inline|https?:|\*|data:|blob:/);
  for (const file of filesUnder(EXTENSION_DIR).filter((f) => f.endsWith('.html'))) {
    const html = readFileSync(file, 'utf8');
    expect(html, file).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/i);
    expect(html, file).not.toMatch(/\son[a-z]+\s*=/i);
    expect(html, file).not.toMatch(/javascript:/i);
  }

  // The running pages: every violation is reported, by the page and by the browser's console.
  const violations: string[] = [];
  await extension.context.addInitScript(() =>
    document.addEventListener('securitypolicyviolation', (e) =>
      console.error(`CSP violation: ${e.violatedDirective} ${e.blockedURI}`),
    ),
  );
  extension.context.on('console', (message) => {
    if (/Content Security Policy|CSP violation/i.test(message.text())) {
      violations.push(`${message.location().url}: ${message.text()}`);
    }
  });

  const outbox = await OutboxPage.open(extension.context, extension.extensionId);
  await exportReady(world, outbox);
  await world.site.post('alice', 'shown on a strict page');
  await outbox.checkNow();
  await expect(outbox.entry(/^Post: shown on a strict page/)).toContainText('Sent');

  // The user's StatusNet site, serving its notice form under a strict policy of its own.
  const home = `${world.gnusocial.url}/`;
  await extension.context.route(home, (route) =>
    route.fulfill({
      contentType: 'text/html; charset=utf-8',
      headers: {
        'content-security-policy': "default-src 'self'; script-src 'self'; style-src 'self'",
      },
      body: STRICT_SITE_PAGE,
    }),
  );
  const site = await extension.context.newPage();
  await site.goto(home);
  await expect(site.getByRole('switch', { name: 'Also post to X' })).toBeChecked();

  expect(violations).toEqual([]);
  figures('options page, outbox and content script under strict policies: 0 violations');
});

// GNU social's notice form by the ids and classes of its theme (fixtures/gnusocial-web.ts).
const STRICT_SITE_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>alice | GNU social</title></head>
<body><form id="form_notice" class="form_notice" method="post" action="/notice/new">
<label for="notice_data-text">What's up, alice?</label>
<textarea id="notice_data-text" class="notice_data-text" name="status_textarea"></textarea>
<input type="submit" id="notice_action-submit" class="submit" name="status_submit" value="Send">
</form></body></html>`;

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? filesUnder(join(dir, entry.name)) : [join(dir, entry.name)],
  );
}
