import { describe, expect, it } from 'vitest';
import { XApiError } from '../clients/x-error.ts';
import { uploadImage } from './x-media-upload.ts';

const bytes = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]);

function fakeX(answers: Response[]) {
  const requests: { url: string; body: unknown }[] = [];
  const fetch = (async (url: URL, init: RequestInit) => {
    requests.push({ url: String(url), body: init.body });
    return answers.shift() ?? new Response('{}', { status: 500 });
  }) as unknown as typeof globalThis.fetch;
  return {
    requests,
    target: { apiBase: 'https://api.x.com', accessToken: async () => 't', fetch },
  };
}

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

describe('uploadImage', () => {
  it('uploads the image as a tweet_image, then sets its alt text', async () => {
    const x = fakeX([
      json({ data: { id: '1880', media_key: '3_1880', expires_after_secs: 86400 }, meta: {} }),
      json({ data: { id: '1880', associated_metadata: { alt_text: { text: 'a cat' } } } }),
    ]);
    const before = Date.now();
    const uploaded = await uploadImage(x.target, { bytes, type: 'image/png', altText: 'a cat' });

    expect(uploaded.mediaId).toBe('1880');
    expect(uploaded.expiresAt).toBeGreaterThanOrEqual(before + 86_400_000);
    expect(x.requests.map((r) => r.url)).toEqual([
      'https://api.x.com/2/media/upload',
      'https://api.x.com/2/media/metadata',
    ]);
    const form = x.requests[0]!.body as FormData;
    expect(form.get('media_category')).toBe('tweet_image');
    expect((form.get('media') as Blob).size).toBe(bytes.length);
    expect(JSON.parse(x.requests[1]!.body as string)).toEqual({
      id: '1880',
      metadata: { alt_text: { text: 'a cat' } },
    });
  });

  it('sets no metadata without alt text', async () => {
    const x = fakeX([json({ data: { id: '7' }, meta: {} })]);
    await uploadImage(x.target, { bytes, type: 'image/png' });
    expect(x.requests).toHaveLength(1);
  });

  it("throws X's refusal in X's words", async () => {
    const x = fakeX([
      json(
        {
          title: 'Invalid Request',
          detail: 'One or more parameters to your request was invalid.',
          errors: [{ message: 'File size exceeds 5242880 bytes.' }],
        },
        400,
      ),
    ]);
    const error = await uploadImage(x.target, { bytes, type: 'image/png' }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(XApiError);
    expect((error as XApiError).message).toContain('File size exceeds 5242880 bytes.');
  });
});
