import { BRIDGE_SOURCE } from '../extension/shared/bridge-source.ts';
import { importedFromX } from './fixtures/imported-from-x.ts';
import { expect, test, type ExportWorld } from './fixtures/export-world.fixture.ts';
import { serveNoticeForm } from './fixtures/gnusocial-web.ts';
import { OutboxPage } from './pages/outbox.page.ts';
import type { ExtensionBrowser } from './fixtures/extension.fixture.ts';

/** Connects both accounts and waits for the export to take its starting point. */
async function connected(extension: ExtensionBrowser, world: ExportWorld, tuning = {}) {
  const outbox = await OutboxPage.open(extension.context, extension.extensionId);
  const token = await world.setUp(outbox.page, { tuning });
  await expect(outbox.activityLog()).toContainText(/Export (starts after|is on)/);
  return { outbox, token };
}

const texts = (world: ExportWorld) => () => world.postsOnX().map((post) => post.submittedText);

test('a notice becomes a post on X, and the activity log links both sides', async ({
  extension,
  exportWorld: world,
}) => {
  const { outbox } = await connected(extension, world);
  const noticeId = await world.site.post('alice', 'Hello from GNU social');
  await outbox.checkNow();

  await expect.poll(texts(world)).toEqual(['Hello from GNU social']);
  const [post] = world.postsOnX();
  await expect(outbox.entry(/^Post: Hello from GNU social/)).toContainText('Sent');
  const line = outbox.activityLog().getByRole('listitem').filter({ hasText: 'Posted to X.' });
  await expect(line.getByRole('link', { name: 'on X' })).toHaveAttribute(
    'href',
    `https://x.com/alice_x/status/${post!.id}`,
  );
  await expect(line.getByRole('link', { name: 'notice' })).toHaveAttribute(
    'href',
    `${world.gnusocial.url}/notice/${noticeId}`,
  );
});

test('a reply to an exported notice becomes a reply to its post, so the thread holds', async ({
  extension,
  exportWorld: world,
}) => {
  const { outbox } = await connected(extension, world);
  const parent = await world.site.post('alice', 'Starting a thread');
  await outbox.checkNow();
  await expect.poll(texts(world)).toEqual(['Starting a thread']);

  await world.site.post('alice', 'and continuing it', { inReplyTo: parent });
  await outbox.checkNow();
  await expect.poll(texts(world)).toEqual(['Starting a thread', 'and continuing it']);
  const [first, second] = world.postsOnX();
  expect(second!.inReplyToPostId).toBe(first!.id);
});

test('a long notice is cut at a word, with " … " and the notice\'s URL', async ({
  extension,
  exportWorld: world,
}) => {
  const { outbox } = await connected(extension, world);
  const long = Array.from({ length: 60 }, (_, i) => `word${i}`).join(' ');
  const noticeId = await world.site.post('alice', long);
  await outbox.checkNow();

  await expect.poll(() => world.postsOnX().length).toBe(1);
  const text = world.postsOnX()[0]!.submittedText;
  const url = `${world.gnusocial.url}/notice/${noticeId}`;
  expect(text.endsWith(` … ${url}`)).toBe(true);
  const kept = text.slice(0, -` … ${url}`.length);
  expect(long.startsWith(`${kept} `)).toBe(true);
});

test('@mentions never reach strangers on X: the linked handle, else nick@host', async ({
  extension,
  exportWorld: world,
}) => {
  const { outbox } = await connected(extension, world);
  await world.site.post('alice', 'Thanks @bob and @alice, see !gnusocial');
  await outbox.checkNow();

  const host = new URL(world.gnusocial.url).host;
  await expect.poll(texts(world)).toEqual([`Thanks bob@${host} and @alice_x, see #gnusocial`]);
});

test('a repeat of a linked notice becomes a repost, and deleting the repeat undoes it', async ({
  extension,
  exportWorld: world,
}) => {
  const { outbox } = await connected(extension, world);
  const { noticeId, postId } = await importedFromX(outbox.page, world, 'worth sharing');
  const repeat = await world.site.repeat('alice', noticeId);
  await outbox.checkNow();
  await expect.poll(() => world.postsOnX().map((p) => p.repostedPostId)).toEqual([postId]);

  await world.site.delete(repeat);
  await outbox.checkNow();
  await expect.poll(() => world.postsOnX()).toEqual([]);
  await expect(outbox.entry('Undo a repost')).toContainText('Sent');
});

test('a fave and an unfave become a like and an unlike of the linked post', async ({
  extension,
  exportWorld: world,
}) => {
  world.x.setPolicy({ refuseLikes: false });
  const { outbox } = await connected(extension, world);
  const { noticeId, postId } = await importedFromX(outbox.page, world, 'likeable');
  const liked = () => world.x.state.likes.get(world.me.id)?.has(postId) ?? false;

  await world.site.fave('alice', noticeId);
  await outbox.checkNow();
  await expect.poll(liked).toBe(true);

  await world.site.unfave('alice', noticeId);
  await outbox.checkNow();
  await expect.poll(liked).toBe(false);
});

test('deleting a notice deletes its post on X', async ({ extension, exportWorld: world }) => {
  const { outbox } = await connected(extension, world);
  const noticeId = await world.site.post('alice', 'Posted in haste');
  await outbox.checkNow();
  await expect.poll(texts(world)).toEqual(['Posted in haste']);

  await world.site.delete(noticeId);
  await outbox.checkNow();
  await expect.poll(texts(world)).toEqual([]);
  await expect(outbox.entry('Delete the post on X')).toContainText('Sent');
});

test('the loop guard: what came from X is never sent back', async ({
  extension,
  exportWorld: world,
}) => {
  const { outbox } = await connected(extension, world);
  await world.site.post('alice', 'Ada (@ada): written on X', { source: BRIDGE_SOURCE });
  await world.site.post('alice', 'written here');
  await outbox.checkNow();

  await expect.poll(texts(world)).toEqual(['written here']);
  await expect(outbox.activityLog()).toContainText(
    'It came from X through the bridge, so it is not sent back.',
  );
});

test('X answers 503 for a minute while ten notices are written: all ten arrive, in order, once', async ({
  extension,
  exportWorld: world,
}) => {
  test.setTimeout(150_000);
  const { outbox } = await connected(extension, world);
  world.x.faults.add({
    pathPrefix: '/2/tweets',
    method: 'POST',
    status: 503,
    forMs: 60_000,
    body: {
      title: 'Service Unavailable',
      detail: 'Service Unavailable',
      type: 'about:blank',
      status: 503,
    },
  });
  const written = Array.from({ length: 10 }, (_, i) => `notice number ${i + 1}`);
  for (const text of written) await world.site.post('alice', text);
  await outbox.checkNow();

  await expect(outbox.entry(/^Post: notice number 1 /)).toContainText('Service Unavailable');
  await expect.poll(texts(world), { timeout: 100_000 }).toEqual(written);
  expect(world.postsOnX()).toHaveLength(10);
});

test('the worker dies while X holds the post request open: exactly one post results', async ({
  extension,
  exportWorld: world,
}) => {
  const { outbox } = await connected(extension, world);
  world.x.faults.add({
    pathPrefix: '/2/tweets',
    method: 'POST',
    hangAfterHandling: true,
    count: 1,
  });
  await world.site.post('alice', 'Did this get through?');
  await outbox.checkNow();
  // X made the post and holds the answer: the worker's outcome is unknown when it dies.
  await expect.poll(texts(world)).toEqual(['Did this get through?']);
  const entry = outbox.entry(/^Post: Did this get through\?/);
  await expect(entry).toContainText('outcome not known yet');
  await outbox.stopWorker();
  world.x.faults.clear();

  await outbox.checkNow();
  await expect(outbox.options.healthStatus()).toContainText('2 starts');
  await expect(entry).toContainText(/^Post: Did this get through\? notice\s*Sent/);
  await expect(outbox.activityLog()).toContainText('found there after an unclear answer');
  expect(texts(world)()).toEqual(['Did this get through?']);
  expect(world.postCalls()).toBe(1);
});

test('the outbox survives a browser restart: what waited is sent once, after it', async ({
  extension,
  exportWorld: world,
}) => {
  const { outbox } = await connected(extension, world);
  world.x.faults.add({ pathPrefix: '/2/tweets', method: 'POST', status: 503 });
  await world.site.post('alice', 'written before the restart');
  await outbox.checkNow();
  await expect(outbox.entry(/^Post: written before the restart/)).toContainText('attempts: 1');

  await extension.restart();
  world.x.faults.clear();

  const after = await OutboxPage.open(extension.context, extension.extensionId);
  await expect.poll(texts(world)).toEqual(['written before the restart']);
  await expect(after.entry(/^Post: written before the restart/)).toContainText('Sent');
});

test('a 429 with a reset in the future: nothing is sent before it', async ({
  extension,
  exportWorld: world,
}) => {
  const { outbox } = await connected(extension, world);
  const resetAt = Math.ceil(Date.now() / 1000) + 8;
  world.x.faults.add({
    pathPrefix: '/2/tweets',
    method: 'POST',
    status: 429,
    count: 1,
    headers: { 'x-rate-limit-reset': String(resetAt) },
    body: {
      title: 'Too Many Requests',
      detail: 'Too Many Requests',
      type: 'about:blank',
      status: 429,
    },
  });
  await world.site.post('alice', 'first');
  await world.site.post('alice', 'second');
  await outbox.checkNow();

  await expect(outbox.pause()).toContainText("X's rate limit is reached");
  await expect.poll(texts(world), { timeout: 30_000 }).toEqual(['first', 'second']);
  const calls = world.x.journal
    .entries()
    .filter((e) => e.method === 'POST' && e.path === '/2/tweets');
  expect(calls[0]!.status).toBe(429);
  for (const call of calls.slice(1)) expect(call.at).toBeGreaterThanOrEqual(resetAt * 1000);
  await expect(outbox.pause()).toHaveCount(0);
});

test('a token that expires mid-queue is refreshed once and the queue goes on', async ({
  extension,
  exportWorld: world,
}) => {
  const { outbox, token } = await connected(extension, world);
  // The first post is held a moment at X's door; the token expires while it waits.
  world.x.faults.add({ pathPrefix: '/2/tweets', method: 'POST', delayMs: 1_500, count: 1 });
  for (const text of ['one', 'two', 'three']) await world.site.post('alice', text);
  const checked = outbox.checkNow();
  // The fault is used up once the first post request is in (and left in the list until the next).
  await expect.poll(() => world.x.faults.list()[0]?.remaining ?? 0, { intervals: [50] }).toBe(0);
  world.x.expireToken(token);
  await checked;

  await expect.poll(texts(world)).toEqual(['one', 'two', 'three']);
  expect(world.postCalls()).toBe(4);
  const refreshes = world.x.journal.entries().filter((e) => e.path === '/2/oauth2/token');
  expect(refreshes).toHaveLength(1);
  await expect(outbox.pause()).toHaveCount(0);
});

test("a post X refuses shows X's own words, and Retry sends it again", async ({
  extension,
  exportWorld: world,
}) => {
  const { outbox } = await connected(extension, world);
  world.x.faults.add({
    pathPrefix: '/2/tweets',
    method: 'POST',
    status: 400,
    count: 1,
    body: {
      title: 'Invalid Request',
      detail: 'One or more parameters to your request was invalid.',
      type: 'https://api.twitter.com/2/problems/invalid-request',
      errors: [{ message: 'Your media IDs are invalid.' }],
    },
  });
  await world.site.post('alice', 'try me');
  await outbox.checkNow();

  const entry = outbox.entry(/^Post: try me/);
  await expect(entry).toContainText('Failed');
  await expect(entry).toContainText('Your media IDs are invalid.');
  await outbox.retry(/^Post: try me/);
  await expect.poll(texts(world)).toEqual(['try me']);
  await expect(entry).toContainText('Sent');
});

test('depleted credits pause everything until the user resumes; Skip drops an entry', async ({
  extension,
  exportWorld: world,
}) => {
  const { outbox } = await connected(extension, world);
  world.x.setPolicy({ creditsDepleted: true });
  await world.site.post('alice', 'first');
  await world.site.post('alice', 'second');
  await outbox.checkNow();

  await expect(outbox.pause()).toContainText('X credits depleted: Your enrolled account');
  await outbox.skip(/^Post: first/);
  await expect(outbox.entry(/^Post: first/)).toContainText('Skipped');
  world.x.setPolicy({ creditsDepleted: false });
  await outbox.resume();

  await expect.poll(texts(world)).toEqual(['second']);
  await expect(outbox.pause()).toHaveCount(0);
});

test('the composer switch keeps a notice off X, and its nudge sends the next at once', async ({
  extension,
  exportWorld: world,
}) => {
  const { outbox } = await connected(extension, world);
  const home = await serveNoticeForm(extension.context, world.gnusocial, world.alice);
  const site = await extension.context.newPage();
  await site.goto(home);

  const toggle = site.getByRole('switch', { name: 'Also post to X' });
  await expect(toggle).toBeChecked();
  await toggle.uncheck();
  await site.getByRole('textbox', { name: /What's up/ }).fill('only for my GNU social friends');
  await site.getByRole('button', { name: 'Send' }).click();
  await expect(toggle).toBeChecked(); // the page came back with a fresh form

  await site.getByRole('textbox', { name: /What's up/ }).fill('for everyone');
  await site.getByRole('button', { name: 'Send' }).click();

  // No "Check StatusNet now" here: the content script's nudge is what brings it over.
  await expect.poll(texts(world)).toEqual(['for everyone']);
  await expect(outbox.activityLog()).toContainText('"Also post to X" was off when you wrote it.');
});
