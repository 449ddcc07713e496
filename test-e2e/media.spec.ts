import { storeUpload } from '../emulators/gnusocial/domain/uploads.ts';
import { solidPng } from '../emulators/x/images.ts';
import { test as exportTest, type ExportWorld } from './fixtures/export-world.fixture.ts';
import type { ExtensionBrowser } from './fixtures/extension.fixture.ts';
import { expect, test, type ImportWorld } from './fixtures/import-world.fixture.ts';
import { importReady } from './fixtures/import-ready.ts';
import { OutboxPage } from './pages/outbox.page.ts';

// Media crossing the bridge with the built extension, the relay process and both emulators,
// with real image bytes (docs/media.md).

/** A post by ada on X with one photo of real PNG bytes. */
function postWithPhoto(world: ImportWorld, png: Uint8Array, text: string) {
  const media = world.x.addMedia(world.ada.id, png, 'the harbour at dusk');
  const post = world.x.post(world.ada.id, { text, mediaKeys: [media.key] });
  return { post, media, url: `${world.x.url}/pbs/media/${media.id}.png` };
}

test('an imported post with a photo becomes a notice with the photo attached', async ({
  extension,
  importWorld: world,
}) => {
  const page = await importReady(extension, world);
  const png = solidPng(64, 48, [29, 155, 240]);

  const { post, url } = postWithPhoto(world, png, 'The harbour tonight.');

  await expect.poll(() => world.noticesOf(post.id).length).toBe(1);
  const notice = world.noticesOf(post.id)[0]!;
  // GNU social also files every link of the text (here the one to X) as an attachment.
  const files = notice.attachments.map((id) => world.gnusocial.state.files.get(id));
  const images = files.filter((file) => file?.mimetype === 'image/png');
  expect(images).toHaveLength(1);
  expect(Buffer.from(images[0]?.bytes ?? []).equals(Buffer.from(png))).toBe(true);
  // The upload is linked by GNU social itself: the photo's X URL is not linked as well.
  expect(notice.content).not.toContain(url);
  expect(notice.content).toMatch(/^Ada Lovelace \(@ada\): The harbour tonight\. /);
  expect(notice.content).toContain(`https://x.com/ada/status/${post.id}`);
  await expect(page.activityLog()).toContainText('Imported a post by @ada.');
});

test("a photo over the site's upload limit is linked, and the activity log says so", async ({
  extension,
  importWorld: world,
}) => {
  const page = await importReady(extension, world);
  world.gnusocial.state.settings.fileQuota = 1024;
  const png = solidPng(640, 480, [200, 30, 60]);
  expect(png.length).toBeGreaterThan(1024);

  const { post, url } = postWithPhoto(world, png, 'Too large for the site.');

  await expect.poll(() => world.noticesOf(post.id).length).toBe(1);
  const notice = world.noticesOf(post.id)[0]!;
  expect(
    notice.attachments.map((id) => world.gnusocial.state.files.get(id)?.mimetype),
  ).not.toContain('image/png');
  expect(notice.content).toContain(url);
  await expect(page.activityLog()).toContainText(
    new RegExp(
      `Linked the photo ${url.split('/').pop()}: .+ is over the site's upload limit of 1 kB\\.`,
    ),
  );
});

test('a site that takes no uploads gets the photo as a link', async ({
  extension,
  importWorld: world,
}) => {
  const page = await importReady(extension, world);
  world.gnusocial.state.settings.uploads = false;

  const { post, url } = postWithPhoto(world, solidPng(32, 32, [0, 0, 0]), 'No uploads here.');

  await expect.poll(() => world.noticesOf(post.id).length).toBe(1);
  expect(world.noticesOf(post.id)[0]!.content).toContain(url);
  await expect(page.activityLog()).toContainText('The site takes no uploads');
});

// Export: a notice's images go up to X with the post.

/** A notice of alice's with these images uploaded, through the API as a client would. */
async function noticeWithImages(world: ExportWorld, text: string, images: Uint8Array[]) {
  const { gnusocial, alice } = world;
  gnusocial.state.settings.fileQuota = 10 * 1024 * 1024;
  const ids = images.map(
    (bytes, i) =>
      storeUpload(gnusocial.state, {
        filename: `picture-${i}.png`,
        declaredType: 'image/png',
        bytes: Uint8Array.from(bytes),
      }).id,
  );
  const auth = Buffer.from(`${alice.nickname}:${alice.password}`).toString('base64');
  const response = await fetch(`${gnusocial.url}/api/statuses/update.json`, {
    method: 'POST',
    headers: { authorization: `Basic ${auth}` },
    body: new URLSearchParams({ status: text, media_ids: ids.join(',') }),
  });
  expect(response.status).toBe(200);
}

async function exportConnected(extension: ExtensionBrowser, world: ExportWorld) {
  const outbox = await OutboxPage.open(extension.context, extension.extensionId);
  await world.setUp(outbox.page);
  await expect(outbox.activityLog()).toContainText(/Export (starts after|is on)/);
  return outbox;
}

/** The media of alice_x's posts on X, with their bytes and alt text. */
const mediaOnX = (world: ExportWorld) =>
  [...world.x.state.posts.values()]
    .filter((post) => post.authorId === world.me.id)
    .map((post) => post.mediaKeys.map((key) => world.x.state.mediaByKey(key)!));

/** A PNG over X's 5 MB: a real header and image data made of noise, stored, never decoded. */
function largePng(): Uint8Array {
  const png = solidPng(8, 8, [0, 0, 0]);
  const large = new Uint8Array(5 * 1024 * 1024 + 4096);
  large.set(png);
  for (let i = png.length; i < large.length; i++) large[i] = (i * 7919) & 0xff;
  return large;
}

exportTest(
  'a notice with two images becomes a post with both images',
  async ({ extension, exportWorld: world }) => {
    const outbox = await exportConnected(extension, world);
    const red = solidPng(40, 30, [220, 40, 40]);
    const green = solidPng(30, 40, [40, 220, 40]);

    await noticeWithImages(world, 'Two pictures from the walk', [red, green]);
    await outbox.checkNow();

    await expect.poll(() => mediaOnX(world).length).toBe(1);
    const [media] = mediaOnX(world);
    expect(media!.map((m) => Buffer.from(m.bytes).equals(Buffer.from(red)))).toEqual([true, false]);
    expect(Buffer.from(media![1]!.bytes).equals(Buffer.from(green))).toBe(true);
    await expect(outbox.activityLog()).toContainText('Posted to X with 2 images.');
  },
);

exportTest(
  "an image over X's limit stays a link, and the activity log says why",
  async ({ extension, exportWorld: world }) => {
    const outbox = await exportConnected(extension, world);
    const small = solidPng(20, 20, [0, 0, 200]);

    await noticeWithImages(world, 'One small, one huge', [small, largePng()]);
    await outbox.checkNow();

    await expect.poll(() => mediaOnX(world).length).toBe(1);
    expect(mediaOnX(world)[0]).toHaveLength(1);
    // GNU social put both attachment links in the text; the huge one is still there for X.
    expect(world.postsOnX()[0]!.submittedText).toMatch(/\/attachment\/\d+ .*\/attachment\/\d+/);
    await expect(outbox.activityLog()).toContainText(
      /Posted to X with 1 image\. Linked, not attached: \w+\.png: 5\.0 MB is over X's limit of 5\.0 MB\./,
    );
  },
);

exportTest(
  'an upload that fails is retried with its post, which goes out once with all media',
  async ({ extension, exportWorld: world }) => {
    const outbox = await exportConnected(extension, world);
    world.x.faults.add({ pathPrefix: '/2/media/upload', method: 'POST', status: 503, count: 2 });

    await noticeWithImages(world, 'Worth the wait', [
      solidPng(16, 16, [1, 2, 3]),
      solidPng(16, 16, [4, 5, 6]),
    ]);
    await outbox.checkNow();

    await expect(outbox.entry(/^Post: Worth the wait/)).toContainText('503');
    await expect.poll(() => mediaOnX(world).map((media) => media.length)).toEqual([2]);
    expect(world.postCalls()).toBe(1);
  },
);
