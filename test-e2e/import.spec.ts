import type { ImportEntry } from '../extension/shared/db-schema.ts';
import { readRecords, writeRecords } from './fixtures/extension-db.ts';
import { expect, test, type ImportWorld } from './fixtures/import-world.fixture.ts';
import { importReady } from './fixtures/import-ready.ts';
import { ImportPage } from './pages/import.page.ts';

// Import (X -> StatusNet) with the built extension, the relay as its own process, and both
// emulators: what a user following people on X sees arrive in StatusNet.

const HOUR = 3_600_000;

const updates = (world: ImportWorld) =>
  world.gnusocial.journal.entries().filter((e) => e.path === '/api/statuses/update.json');

test('a post made on X appears as a notice of the import account, attributed and linked', async ({
  extension,
  importWorld: world,
}) => {
  const page = await importReady(extension, world);

  const post = world.x.post(world.ada.id, { text: 'Finished chapter three.' });

  await expect.poll(() => world.noticesOf(post.id).length).toBe(1);
  expect(world.noticesOf(post.id)[0]).toMatchObject({
    content: `Ada Lovelace (@ada): Finished chapter three. https://x.com/ada/status/${post.id}`,
    source: 'StatusNet-X Bridge',
  });
  await expect(page.activityLog()).toContainText('Imported a post by @ada.');
  await expect(page.emptyBacklog()).toBeVisible();
});

test('a reply to an imported post is threaded under its notice, and a repost is imported too', async ({
  extension,
  importWorld: world,
}) => {
  const page = await importReady(extension, world);
  const original = world.x.post(world.ada.id, { text: 'Which way to the harbour?' });
  await expect.poll(() => world.noticesOf(original.id).length).toBe(1);
  const originalNotice = world.noticesOf(original.id)[0]!;

  const reply = world.x.post(world.bob.id, { text: 'Left at the bakery.', replyToId: original.id });
  await expect.poll(() => world.noticesOf(reply.id).length).toBe(1);
  expect(world.noticesOf(reply.id)[0]!.replyTo).toBe(originalNotice.id);

  // The bridge asks for a native repeat; GNU social refuses to repeat one's own (and a private)
  // notice, which every imported notice is: the repost becomes a notice of its own.
  const repost = world.x.post(world.bob.id, { repostOfId: original.id });
  await expect.poll(() => world.noticesOf(repost.id).length).toBe(1);
  expect(world.noticesOf(repost.id)[0]!.content).toMatch(/^Bob \(@bob_x\): RT /);
  const entry = await readRecords<ImportEntry>(page.page, 'imports', repost.id);
  expect(entry.lastError).toContain('StatusNet refused the repeat');
  await expect(page.activityLog()).toContainText('Imported a post by @bob_x.');
});

test('a duplicate delivery from the relay is applied once', async ({
  extension,
  importWorld: world,
}) => {
  const page = await importReady(extension, world);
  const post = world.x.post(world.ada.id, { text: 'Only once, please.' });
  await expect.poll(() => world.noticesOf(post.id).length).toBe(1);
  const cursor = await readRecords<{ subscriptionId: string; seq: number }>(
    page.page,
    'kv',
    'relayCursor',
  );
  expect(cursor.seq).toBeGreaterThan(0);

  // As if the acknowledgement had been lost: resume from the start, the relay sends it again.
  await writeRecords(
    page.page,
    [{ store: 'kv', key: 'relayCursor', value: { ...cursor, seq: 0 } }],
    [],
  );
  await page.reconnect();
  await expect
    .poll(async () => (await readRecords<{ seq: number }>(page.page, 'kv', 'relayCursor')).seq)
    .toBe(cursor.seq);

  expect(world.noticesOf(post.id)).toHaveLength(1);
  expect(updates(world)).toHaveLength(1);
});

test('the worker stopped in the middle of an import applies the post once after its restart', async ({
  extension,
  importWorld: world,
}) => {
  const page = await importReady(extension, world);
  // GNU social writes the notice, then never answers: the worker dies not knowing.
  world.gnusocial.faults.add({
    pathPrefix: '/api/statuses/update',
    method: 'POST',
    hangAfterHandling: true,
    count: 1,
  });
  const post = world.x.post(world.ada.id, { text: 'Written, but was it?' });
  await expect.poll(() => world.noticesOf(post.id).length).toBe(1);

  const cdp = await extension.context.newCDPSession(page.page);
  await cdp.send('ServiceWorker.enable');
  await cdp.send('ServiceWorker.stopAllWorkers');
  world.gnusocial.faults.clear();

  await page.reconnect(); // the message wakes the worker
  await expect
    .poll(async () => (await readRecords<ImportEntry>(page.page, 'imports', post.id)).state)
    .toBe('done');
  expect(world.noticesOf(post.id)).toHaveLength(1);
  expect(updates(world)).toHaveLength(1);
  // It was a fresh worker that found the notice: the one that sent the post had been stopped.
  expect((await readRecords<{ starts: number }>(page.page, 'kv', 'worker')).starts).toBe(2);
});

test('posts that flow while the browser is closed arrive on its return, within the catch-up window', async ({
  extension,
  importWorld: world,
}) => {
  const first = await importReady(extension, world, { catchUpHours: 2 });
  await first.page.close();
  await extension.context.close();

  const fresh = world.x.post(world.ada.id, { text: 'Posted while you were away.' });
  world.x.advanceClock(-3 * HOUR); // a post from three hours ago, as the relay backfills it
  const old = world.x.post(world.bob.id, { text: 'An old one.' });
  world.x.advanceClock(3 * HOUR);
  const reply = world.x.post(world.bob.id, { text: 'And a reply.', replyToId: fresh.id });

  await extension.restart();
  const page = await ImportPage.open(extension.context, extension.extensionId);

  await expect.poll(() => world.noticesOf(reply.id).length).toBe(1);
  expect(world.noticesOf(fresh.id)).toHaveLength(1);
  expect(world.noticesOf(reply.id)[0]!.replyTo).toBe(world.noticesOf(fresh.id)[0]!.id);
  expect(world.noticesOf(old.id)).toHaveLength(0);
  await expect(page.activityLog()).toContainText(
    'Left out 1 post older than the 2-hour catch-up window that arrived after the browser was away (from @bob_x).',
  );
});

test('an imported notice is not exported back to X', async ({ extension, importWorld: world }) => {
  // The worst case: posts imported into the user's own account, which the export watches.
  const page = await importReady(extension, world, { importAs: world.alice });
  await page.syncExport();
  await expect(page.activityLog()).toContainText('Export starts after your latest notice');

  const post = world.x.post(world.ada.id, { text: 'Not for the way back.' });
  await expect.poll(() => world.noticesOf(post.id).length).toBe(1);
  await page.syncExport();

  await expect(page.activityLog()).toContainText(
    'Not sent to X: It came from X through the bridge, so it is not sent back.',
  );
  const mine = [...world.x.state.posts.values()].filter((p) => p.authorId === world.me.id);
  expect(mine).toHaveLength(0);
});

test('text GNU social would run as a command, and HTML, stay the words of the notice', async ({
  extension,
  importWorld: world,
}) => {
  await importReady(extension, world);
  const texts = [
    'd alice hi',
    'follow bob',
    'reply 2 hi',
    '<b>bold</b> & <script>alert(1)</script>',
  ];
  const posts = texts.map((text) => world.x.post(world.ada.id, { text }));

  for (const [i, post] of posts.entries()) {
    await expect.poll(() => world.noticesOf(post.id).length).toBe(1);
    expect(world.noticesOf(post.id)[0]!.content).toBe(
      `Ada Lovelace (@ada): ${texts[i]} https://x.com/ada/status/${post.id}`,
    );
  }
  const gs = world.gnusocial.state;
  expect(gs.messages).toHaveLength(0);
  expect(gs.subscriptions.get(world.carol.id)?.size ?? 0).toBe(0);
  const html = world.noticesOf(posts[3]!.id)[0]!.rendered;
  expect(html).toContain('&lt;script&gt;');
  expect(html).not.toContain('<script>');
});

test('while StatusNet refuses, the post waits in view and arrives once it answers', async ({
  extension,
  importWorld: world,
}) => {
  const page = await importReady(extension, world);
  world.gnusocial.faults.add({
    pathPrefix: '/api/statuses/update',
    method: 'POST',
    status: 503,
    count: 2,
  });
  const post = world.x.post(world.ada.id, { text: 'Patience.' });

  await expect(page.activityLog()).toContainText('Waiting for StatusNet');
  await expect(page.item(post.id)).toContainText('Waiting (StatusNet answered 503');
  await expect.poll(() => world.noticesOf(post.id).length, { timeout: 30_000 }).toBe(1);
  await expect(page.emptyBacklog()).toBeVisible();
});

test('a post deleted on X is deleted from StatusNet', async ({ extension, importWorld: world }) => {
  await importReady(extension, world);
  const post = world.x.post(world.ada.id, { text: 'Regrets.' });
  await expect.poll(() => world.noticesOf(post.id).length).toBe(1);

  world.x.deletePost(world.ada.id, post.id);
  await expect.poll(() => world.noticesOf(post.id).length).toBe(0);
});

test('a post StatusNet refused shows as failed, in its words, and the user can retry it', async ({
  extension,
  importWorld: world,
}) => {
  const page = await importReady(extension, world);
  world.gnusocial.faults.add({
    pathPrefix: '/api/statuses/update',
    method: 'POST',
    status: 403,
    body: { error: 'You are banned from posting.', request: '/api/statuses/update.json' },
    count: 1,
  });
  const post = world.x.post(world.ada.id, { text: 'Let me in.' });

  await expect(page.item(post.id)).toContainText(
    'Failed: StatusNet answered 403: You are banned from posting.',
  );
  await page.retry(post.id);

  await expect.poll(() => world.noticesOf(post.id).length).toBe(1);
  await expect(page.emptyBacklog()).toBeVisible();
});
