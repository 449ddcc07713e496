import { afterEach, describe, expect, it, vi } from 'vitest';
import { XApiError } from '../clients/x-error.ts';
import type { XClient } from '../clients/x-client.ts';
import { uploadImages } from './export-media.ts';

const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 1, 2]);
const action = {
  type: 'post' as const,
  text: 'two pictures',
  media: [
    { url: 'https://social.example/file/a.png', altText: 'a harbour' },
    { url: 'https://social.example/file/b.png' },
  ],
};

/** An X client whose uploads answer in turn: an id, or an error to throw. */
function uploader(answers: (string | Error)[]) {
  const calls: { altText?: string | undefined }[] = [];
  const client = {
    async uploadImage(image: { altText?: string | undefined }) {
      calls.push({ altText: image.altText });
      const answer = answers.shift() ?? 'unexpected';
      if (answer instanceof Error) throw answer;
      return { mediaId: answer, expiresAt: 0 };
    },
  };
  // Only the upload is called here; the cast is confined to this test double.
  return { calls, client: client as unknown as XClient };
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('uploadImages', () => {
  it('uploads every image with its alt text, in order', async () => {
    vi.stubGlobal('fetch', async () => new Response(png));
    const x = uploader(['11', '12']);
    expect(await uploadImages(x.client, action)).toEqual({ mediaIds: ['11', '12'], linked: [] });
    expect(x.calls).toEqual([{ altText: 'a harbour' }, { altText: undefined }]);
  });

  it('throws when an upload fails for a passing reason, so the post waits whole', async () => {
    vi.stubGlobal('fetch', async () => new Response(png));
    const x = uploader(['11', new XApiError('server', 'Service Unavailable', 503)]);
    await expect(uploadImages(x.client, action)).rejects.toMatchObject({ kind: 'server' });
  });

  it('throws a network error when the site cannot be reached, for the same reason', async () => {
    vi.stubGlobal('fetch', async () => {
      throw new TypeError('Failed to fetch');
    });
    await expect(uploadImages(uploader([]).client, action)).rejects.toMatchObject({
      kind: 'network',
      message: 'Fetching a.png: social.example could not be reached',
    });
  });

  it('leaves an image X refuses as a link, and says why', async () => {
    vi.stubGlobal('fetch', async () => new Response(png));
    const refusal = new XApiError('bad-request', 'Unsupported media type', 400);
    const x = uploader([refusal, '12']);
    expect(await uploadImages(x.client, action)).toEqual({
      mediaIds: ['12'],
      linked: ['a.png: X refused it (Unsupported media type)'],
    });
  });
});
