import { afterEach, describe, expect, it, vi } from 'vitest';
import { StatusNetError } from '../clients/statusnet-error.ts';
import { applyPost } from './import-post.ts';
import { fakeSite, post, testContext, testDb } from './testing.ts';
import type { ImportEntry } from '../../shared/db-schema.ts';

const PHOTO_URL = 'https://pbs.twimg.com/media/harbour.png';
const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 1, 2]);
const withPhoto = post('21', {
  text: 'The harbour https://t.co/pic',
  urls: [
    {
      start: 12,
      end: 28,
      url: 'https://t.co/pic',
      expandedUrl: 'https://x.com/ada/status/21/photo/1',
    },
  ],
  media: [{ mediaKey: '3_1', type: 'photo', url: PHOTO_URL }],
});

type Update = { status: string; media?: { blob: Blob; filename: string }[] };

async function setup() {
  const site = fakeSite();
  const context = testContext(await testDb(), site);
  const entry = { postId: '21', state: 'pending', attempts: 0 } as ImportEntry;
  const updates = () =>
    site.calls.filter((c) => c.method === 'update').map((c) => c.args[0] as Update);
  return { site, context, entry, updates };
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('importing a post with a photo', () => {
  it('uploads the photo with the notice and does not link it again', async () => {
    vi.stubGlobal('fetch', async () => new Response(png));
    const { context, entry, updates } = await setup();

    const outcome = await applyPost(context, entry, withPhoto);

    expect(outcome).toMatchObject({ state: 'done' });
    expect(outcome).not.toHaveProperty('warning');
    const [update] = updates();
    expect(update!.status).toBe('Ada Lovelace (@ada): The harbour https://x.com/ada/status/21');
    expect(update!.media).toHaveLength(1);
    expect(update!.media![0]!.filename).toBe('harbour.png');
    expect(update!.media![0]!.blob.size).toBe(png.length);
  });

  it('links the photo when the site refuses the upload, and says why', async () => {
    vi.stubGlobal('fetch', async () => new Response(png));
    const { site, context, entry, updates } = await setup();
    site.fail(
      'update',
      new StatusNetError('refused', 'That file is too big. The maximum file size is 2MB.', 400),
    );

    const outcome = await applyPost(context, entry, withPhoto);

    expect(outcome).toMatchObject({
      state: 'done',
      warning:
        'StatusNet refused the photo harbour.png (That file is too big. The maximum file size is 2MB.); it is linked.',
    });
    const [, retry] = updates();
    expect(retry!.media).toBeUndefined();
    expect(retry!.status).toContain(PHOTO_URL);
  });

  it('links the photo that cannot be fetched, and imports the post anyway', async () => {
    vi.stubGlobal('fetch', async () => new Response('gone', { status: 404 }));
    const { context, entry, updates } = await setup();

    const outcome = await applyPost(context, entry, withPhoto);

    expect(outcome).toMatchObject({
      state: 'done',
      warning: 'Linked the photo harbour.png: the file could not be fetched (HTTP 404).',
    });
    expect(updates()).toHaveLength(1);
    expect(updates()[0]!.status).toContain(PHOTO_URL);
  });
});
